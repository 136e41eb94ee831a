import ArgumentParser
import Foundation
import TriageEngine

/// The `triage` command line: thin subcommands over the library targets.
///
/// `main` is written out so usage errors exit with 2, as SPEC §5 says, instead of
/// ArgumentParser's default 64.
@main
struct Triage: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Declarative issue triage: rule files with a small typed expression language.",
        discussion: "Exit codes: 0 success, 1 findings or matches that fail, 2 invalid rules or usage, 3 the source failed.",
        version: TriageVersion.current,
        subcommands: [CheckCommand.self, LintCommand.self, TestCommand.self, ExplainCommand.self, ApplyCommand.self, ProvidersCommand.self, CacheCommand.self]
    )

    static func main() async {
        do {
            var command = try parseAsRoot()
            if let asyncCommand = command as? any AsyncParsableCommand {
                try await Interruption.runCancellingOnSIGINT(asyncCommand)
            } else {
                try command.run()
            }
        } catch let error as UsageError {
            StandardStream.output.flush()
            StandardStream.error.write("error: \(error.description)\n")
            Foundation.exit(ExitStatus.usage)
        } catch {
            StandardStream.output.flush()
            let code = exitCode(for: error)
            if code == .success || error is ExitCode {
                exit(withError: error)
            }
            let message = fullMessage(for: error)
            if !message.isEmpty { StandardStream.error.write(message + "\n") }
            StandardStream.error.flush()
            Foundation.exit(code.rawValue == ExitCode.validationFailure.rawValue ? ExitStatus.usage : code.rawValue)
        }
    }
}
