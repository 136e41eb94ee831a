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
        // The read budget ran out before the one read a command cannot do without (`explain`'s
        // issue): nothing failed, the budget was too small.
        if error is RequestBudgetExhausted { return ExitCode(ExitStatus.findings) }
        return ExitCode(ExitStatus.sourceFailed)
    }

    /// Prints the provider's warnings (`warning: skipped 2 malformed records …`).
    static func printWarnings(_ notes: ProviderRunNotes) {
        for warning in notes.warnings { StandardStream.error.write("warning: \(warning)\n") }
    }

    /// Prints what `--max-requests` left unread (requests not sent, issues not evaluated), a few
    /// of each and how many in all; true when anything was (the run then exits 1 unless 3 wins).
    static func printUnread(_ notes: ProviderRunNotes, notEvaluated: [NotEvaluatedIssue], spanningRepositories: Bool) -> Bool {
        let shown = 20
        let unread = notes.unreadRequests
        if !unread.isEmpty {
            StandardStream.error.write("warning: read budget (--max-requests) spent; \(unread.count) request\(unread.count == 1 ? "" : "s") not sent:\n")
            for url in unread.prefix(shown) { StandardStream.error.write("  not read: \(url)\n") }
            if unread.count > shown { StandardStream.error.write("  … and \(unread.count - shown) more\n") }
        }
        if !notEvaluated.isEmpty {
            StandardStream.error.write("warning: \(notEvaluated.count) issue\(notEvaluated.count == 1 ? "" : "s") not evaluated (read budget spent):\n")
            for issue in notEvaluated.prefix(shown) {
                StandardStream.error.write("  not evaluated: \(issue.description(spanningRepositories: spanningRepositories))\n")
            }
            if notEvaluated.count > shown { StandardStream.error.write("  … and \(notEvaluated.count - shown) more\n") }
        }
        return !unread.isEmpty || !notEvaluated.isEmpty
    }

    /// Prints the repositories of a multi-repository source that failed while the others went on;
    /// true when there were any (the run then exits 3).
    static func printFailedRepositories(_ notes: ProviderRunNotes) -> Bool {
        for failure in notes.failedRepositories { StandardStream.error.write("error: \(failure)\n") }
        return !notes.failedRepositories.isEmpty
    }
}
