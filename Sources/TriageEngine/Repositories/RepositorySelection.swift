/// Which repositories of an organisation or group source a run walks, and how many at once
/// (SPEC §7). Single-repository providers ignore it, except that a shard makes no sense for them.
public struct RepositorySelection: Hashable, Sendable {
    /// Walk archived repositories too (`--include-archived`).
    public var includeArchived: Bool
    /// Walk forks too (`--include-forks`).
    public var includeForks: Bool
    /// Repositories whose issues are being read at the same time (`--repo-concurrency`).
    public var concurrency: Int
    /// Only this shard's repositories (`--shard I/N`).
    public var shard: Shard?

    public init(includeArchived: Bool = false, includeForks: Bool = false, concurrency: Int = 4, shard: Shard? = nil) {
        self.includeArchived = includeArchived
        self.includeForks = includeForks
        self.concurrency = max(1, concurrency)
        self.shard = shard
    }
}
