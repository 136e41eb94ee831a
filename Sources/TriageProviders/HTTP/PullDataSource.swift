import TriageEngine
public import TriageLanguage

/// A remote provider that supplies SPEC §8's pull-request data (reviews, linked pull requests,
/// checks) by making its requests through a `LazyFetcher`: straight through here, revalidated by
/// the cache in `CachedIssueProvider`. The provider writes only `pullData`; how lazy data of every
/// kind is dispatched is written once, below.
public protocol PullDataSource: RemoteIssueProvider {
    /// Reviews, linked pull requests or checks of `issue`, each request made through `fetcher`.
    /// Only ever asked for those three kinds (comments and label events have their own methods).
    func pullData(_ kind: LazyDataKind, of issue: Issue, fetcher: some LazyFetcher) async throws -> LazyData
}

extension PullDataSource {
    /// Comments and label events through their own methods, the pull-request data through
    /// `pullData` with no cache.
    public func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        switch kind {
        case .comments: .comments(try await loadComments(of: issue))
        case .labelEvents: .labelEvents(try await loadLabelEvents(of: issue))
        case .reviews, .linkedPulls, .checks: try await pullData(kind, of: issue, fetcher: DirectFetcher(client: client))
        }
    }
}
