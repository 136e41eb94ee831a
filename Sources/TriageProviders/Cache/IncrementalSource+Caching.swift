import TriageCache
public import TriageEngine

extension IncrementalSource {
    /// This provider behind the cache `configuration` asks for (`CachedIssueProvider`), or itself
    /// with `--no-cache`, or — after a note — when the cache cannot be used (held by another
    /// `triage`, or its directory not writable): a run never fails for want of a cache.
    public func cached(as configuration: ProviderConfiguration) -> any IssueProvider {
        guard let options = configuration.cache else { return self }
        let note = configuration.logger.note
        do {
            guard let cache = try IssueCache.open(in: CacheDirectory(path: options.directory), note: note) else { return self }
            return CachedIssueProvider(base: self, cache: cache, maxAgeSeconds: options.maxAgeSeconds)
        } catch {
            note("cannot use the cache at \(options.directory): \(error); running without it")
            return self
        }
    }
}
