import TriageCache
import TriageEngine

/// The cache one run uses, opened once: a single-repository source wraps its provider in it, and an
/// organisation or group source wraps each member repository, all sharing the one connection and
/// lock (SPEC §7: every repository is cached as if it were the source).
struct RunCache: Sendable {
    let store: IssueCache
    let maxAgeSeconds: Int

    /// The cache `configuration` asks for; nil with `--no-cache`, or — after a note — when it cannot
    /// be used (held by another `triage`, its directory not writable): a run never fails for want of it.
    static func open(for configuration: ProviderConfiguration) -> RunCache? {
        guard let options = configuration.cache else { return nil }
        let note = configuration.logger.note
        do {
            guard let store = try IssueCache.open(in: CacheDirectory(path: options.directory), note: note) else { return nil }
            return RunCache(store: store, maxAgeSeconds: options.maxAgeSeconds)
        } catch {
            note("cannot use the cache at \(options.directory): \(error); running without it")
            return nil
        }
    }

    /// `base` read through this cache.
    func wrap<Base: IncrementalSource>(_ base: Base) -> CachedIssueProvider<Base> {
        CachedIssueProvider(base: base, cache: store, maxAgeSeconds: maxAgeSeconds)
    }
}
