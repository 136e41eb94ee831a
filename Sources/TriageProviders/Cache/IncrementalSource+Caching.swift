public import TriageEngine

extension IncrementalSource {
    /// This provider behind the cache `configuration` asks for (`CachedIssueProvider`), or itself
    /// with `--no-cache`, or — after a note — when the cache cannot be used (`RunCache.open`).
    public func cached(as configuration: ProviderConfiguration) -> any IssueProvider {
        guard let cache = RunCache.open(for: configuration) else { return self }
        return cache.wrap(self)
    }
}
