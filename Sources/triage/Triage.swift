import ArgumentParser

/// The `triage` command line: thin subcommands over the library targets.
@main
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Declarative issue triage: rule files with a small typed expression language.",
        version: "0.1.0",
        subcommands: []
    )
}
