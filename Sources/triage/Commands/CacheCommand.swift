import ArgumentParser
import Foundation
import TriageCache
import TriageLanguage

/// `triage cache info|clear`: what the persistent cache holds, and forgetting it.
struct CacheCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cache",
        abstract: "Show or clear the cache of remote sources.",
        subcommands: [CacheInfoCommand.self, CacheClearCommand.self]
    )
}

/// Where the cache subcommands find it: `--cache`, else the default directory.
struct CacheLocationOptions: ParsableArguments {
    @Option(name: .customLong("cache"), help: ArgumentHelp("The cache directory. Default: $XDG_CACHE_HOME/triage, else ~/.cache/triage.", valueName: "dir"))
    var directory: String?

    func open() throws -> IssueCache {
        let environment = ProcessInfo.processInfo.environment
        guard let location = CacheDirectory.chosen(directory, environment: environment) else {
            throw UsageError("no cache directory: pass --cache DIR (neither XDG_CACHE_HOME nor HOME is set)")
        }
        guard let cache = try IssueCache.open(in: location, note: { StandardStream.error.write("\($0)\n") }) else {
            throw ExitCode(ExitStatus.sourceFailed)
        }
        return cache
    }
}

struct CacheInfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Print the cache's path, size and, per source, its issues and sync times.")

    @OptionGroup var location: CacheLocationOptions

    func run() throws {
        let cache = try location.open()
        var output = "path: \(cache.directory.databasePath)\nsize: \(cache.sizeOnDisk()) bytes\n"
        func time(_ milliseconds: Int64?) -> String {
            milliseconds.map { Timestamp(millisecondsSinceEpoch: $0 / 1000 * 1000).rfc3339 } ?? "never"
        }
        for source in try cache.summaries() {
            output += "\(source.description) (\(source.apiBase)): \(source.items) issues, last sync \(time(source.state.lastSync)), "
                + "last full list \(time(source.state.lastFullList))\n"
        }
        StandardStream.output.write(output)
        StandardStream.output.flush()
    }
}

struct CacheClearCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "clear", abstract: "Forget one cached source (written as with --source), or all of them.")

    @Argument(help: "The source to forget, as written with --source. Default: every source.")
    var source: String?

    @OptionGroup var location: CacheLocationOptions

    func run() throws {
        let cache = try location.open()
        let cleared = try cache.clear(description: source)
        if let source, cleared == 0 {
            StandardStream.error.write("nothing cached for \(source)\n")
        }
        StandardStream.output.write("cleared \(cleared) source\(cleared == 1 ? "" : "s")\n")
        StandardStream.output.flush()
    }
}
