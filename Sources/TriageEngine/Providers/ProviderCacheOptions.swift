/// How a remote provider should use the persistent cache (SPEC §7); providers that read files
/// ignore it.
public struct ProviderCacheOptions: Hashable, Sendable {
    /// The cache directory (`--cache DIR`, else `$XDG_CACHE_HOME/triage` or `~/.cache/triage`).
    public var directory: String
    /// A full re-list happens when the last one is at least this old (`--cache-max-age`, default 24h).
    public var maxAgeSeconds: Int

    public init(directory: String, maxAgeSeconds: Int = 86_400) {
        self.directory = directory
        self.maxAgeSeconds = maxAgeSeconds
    }
}
