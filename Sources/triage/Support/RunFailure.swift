import ArgumentParser
import TriageEngine

/// How a run that failed ends: usage errors and exit codes pass through, an interruption exits
/// 130, anything else (the source failed) is printed and exits 3.
enum RunFailure {
    static func exit(for error: any Error) -> any Error {
        if error is ExitCode || error is UsageError { return error }
        StandardStream.output.flush()
        if error is CancellationError || Task.isCancelled { return ExitCode(ExitStatus.interrupted) }
        StandardStream.error.write("error: \(error)\n")
        return ExitCode(ExitStatus.sourceFailed)
    }

    /// Prints the provider's warnings (`warning: skipped 2 malformed records …`).
    static func printWarnings(_ notes: ProviderRunNotes) {
        for warning in notes.warnings { StandardStream.error.write("warning: \(warning)\n") }
    }

    /// Prints the repositories of a multi-repository source that failed while the others went on;
    /// true when there were any (the run then exits 3).
    static func printFailedRepositories(_ notes: ProviderRunNotes) -> Bool {
        for failure in notes.failedRepositories { StandardStream.error.write("error: \(failure)\n") }
        return !notes.failedRepositories.isEmpty
    }
}
