import ArgumentParser
import TriageCache
import TriageEngine

/// The cache flags of the commands that read a source (SPEC §7).
struct CacheOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: ArgumentHelp("The cache directory for remote sources. Default: $XDG_CACHE_HOME/triage, else ~/.cache/triage.", valueName: "dir"))
    var directory: String?

    @Flag(name: .customLong("no-cache"), help: "Read everything from the API; neither read nor write the cache.")
    var disabled = false

    @Option(name: .customLong("cache-max-age"), help: ArgumentHelp("Re-list a cached repository in full (dropping deleted and transferred issues) when its last full list is this old (\(DurationArgument.formatHelp)).", valueName: "duration"))
    var maxAge = DurationArgument(seconds: 86_400)

    /// The directory in use: `--cache`, else the XDG/home default; nil when neither exists.
    func resolvedDirectory(environment: [String: String]) -> CacheDirectory? {
        CacheDirectory.chosen(directory, environment: environment)
    }

    /// What providers are told; nil with `--no-cache` or when there is nowhere to put a cache.
    func providerOptions(environment: [String: String]) -> ProviderCacheOptions? {
        guard !disabled, let resolved = resolvedDirectory(environment: environment) else { return nil }
        return ProviderCacheOptions(directory: resolved.path, maxAgeSeconds: maxAge.seconds)
    }
}
