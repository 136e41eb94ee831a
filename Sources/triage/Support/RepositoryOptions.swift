import ArgumentParser
import TriageEngine

/// The options of organisation and group sources (SPEC §7): which repositories, how many at once.
struct RepositoryOptions: ParsableArguments {
    @Flag(name: .customLong("include-archived"), help: "Organisation sources: walk archived repositories too.")
    var includeArchived = false

    @Flag(name: .customLong("include-forks"), help: "Organisation sources: walk forks too.")
    var includeForks = false

    @Option(name: .customLong("repo-concurrency"), help: "Organisation and group sources: repositories read at once.")
    var repoConcurrency = 4

    @Option(help: ArgumentHelp("Organisation and group sources: only shard I of N (1 ≤ I ≤ N), by a stable hash of the repository name.",
                               valueName: "I/N"))
    var shard: String?

    func validate() throws {
        if repoConcurrency < 1 { throw ValidationError("--repo-concurrency must be at least 1") }
        if let shard, Shard(parsing: shard) == nil { throw ValidationError("--shard must be I/N with 1 ≤ I ≤ N, not `\(shard)`") }
    }

    var selection: RepositorySelection {
        RepositorySelection(includeArchived: includeArchived, includeForks: includeForks, concurrency: repoConcurrency,
                            shard: shard.flatMap(Shard.init(parsing:)))
    }
}
