import ArgumentParser
import TriageEngine
import TriageLanguage
import TriageRules

/// What `apply` prints and how it exits once `ApplyRun` is done: the plan (or what was written) in
/// the chosen format, the job summary, then the exit code (3 a failure, 1 work left undone).
enum ApplyOutput {
    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown, html }

    /// `rules` and `now` are the run's, which the HTML report lists and shows.
    static func finish(_ result: ApplyRun.Result, provider: any IssueProvider, format: Format, rules: [Rule], now: Timestamp) throws {
        if result.uncheckedComments > 0 {
            let count = result.uncheckedComments
            StandardStream.error.write("warning: \(provider.sourceDescription) has no comments for \(count) issue\(count == 1 ? "" : "s"); their comments are planned without checking for an earlier one\n")
        }
        for note in result.reportNotes { StandardStream.error.write("note: \(note)\n") }
        for failure in result.reportFailures { StandardStream.error.write("error: \(failure)\n") }
        let source = provider.sourceDescription, spanning = provider.spansRepositories, interval = result.writeIntervalSeconds
        var output = StandardStream.output
        switch format {
        case .text: ApplyReport.text(plan: result.plan, result: result.execution, source: source,
                                     writeIntervalSeconds: interval, spanningRepositories: spanning, to: &output)
        case .json: ApplyReport.json(plan: result.plan, result: result.execution, source: source,
                                     writeIntervalSeconds: interval, spanningRepositories: spanning, to: &output)
        case .markdown: ApplyReport.markdown(plan: result.plan, result: result.execution, source: source,
                                             writeIntervalSeconds: interval, spanningRepositories: spanning, to: &output)
        case .html: ApplyReport.html(result, rules: rules, source: source, now: now, spanningRepositories: spanning, to: &output)
        }
        output.flush()
        if let summaryPath = JobSummaryFile.path() {
            JobSummaryFile.append(to: summaryPath) { file in
                ApplyReport.markdown(plan: result.plan, result: result.execution, source: source,
                                     writeIntervalSeconds: interval, spanningRepositories: spanning, to: &file)
            }
        }
        let notes = provider.runNotes
        let budgetSpent = RunFailure.printUnread(notes, notEvaluated: result.notEvaluated, spanningRepositories: provider.spansRepositories)
        if RunFailure.printFailedRepositories(notes) { throw ExitCode(ExitStatus.sourceFailed) }
        if let execution = result.execution, execution.failed > 0 { throw ExitCode(ExitStatus.sourceFailed) }
        // A dry run fails as the real run would when a write would be refused (an unknown milestone).
        if !result.plan.refusals.isEmpty { throw ExitCode(ExitStatus.sourceFailed) }
        if !result.reportFailures.isEmpty { throw ExitCode(ExitStatus.sourceFailed) }
        if budgetSpent { throw ExitCode(ExitStatus.findings) }
        if (result.execution?.notDone ?? 0) > 0 || !result.plan.heldBack.isEmpty { throw ExitCode(ExitStatus.findings) }
    }
}
