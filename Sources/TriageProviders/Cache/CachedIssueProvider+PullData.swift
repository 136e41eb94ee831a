public import TriageLanguage

/// SPEC §8's lazy data behind the cache: always asked again, conditionally (`CachedFetcher`), so an
/// unchanged answer costs a 304 and never goes stale; comments and label events keep their reuse
/// while the issue's `updated` holds.
extension CachedIssueProvider {
    public func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        switch kind {
        case .comments: return .comments(try await loadComments(of: issue))
        case .labelEvents: return .labelEvents(try await loadLabelEvents(of: issue))
        case .reviews, .linkedPulls, .checks:
            let fetcher = CachedFetcher(client: base.client, cache: cache, source: key, item: base.cacheKey(of: issue),
                                        updated: issue.updated.millisecondsSinceEpoch, kind: kind)
            return try await base.pullData(kind, of: issue, fetcher: fetcher)
        }
    }
}
