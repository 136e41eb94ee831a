import ArgumentParser
import Foundation
import TriageEngine
import TriageRules

/// `triage check --rules FILE… [--source S | --event FILE]`: evaluate rules over a source, read-only (`CheckRun`).
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate rules over the issues of a source and report the matches.",
        discussion: "Exit codes: 0 no match at or above --fail-on, 1 such a match, 2 invalid rules or usage, 3 the source failed (or a rule could not be evaluated on an issue)."
    )

    @OptionGroup var options: SourceOptions

    @OptionGroup var event: EventOptions

    @Option(help: "Output format.")
    var format: CheckFormatOption = .text

    @Option(help: "Issue batches evaluated at once (the number of cores by default).")
    var concurrency: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("fail-on"), help: "Exit 1 when a rule of this severity or higher matches.")
    var failOn: FailOn = .error

    func validate() throws {
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let format = format.value
        let run = CheckRun(ruleSet: ruleSet, now: try options.evaluationInstant(), concurrency: concurrency,
                           reportedFields: format.reportedFields(for: ruleSet.rules))
        var spansRepositories = false
        let evaluated = try await EventResolution.withProvider(for: options, event: event, defaultSource: ruleSet.defaultSource) { provider, _ in
            spansRepositories = provider.spansRepositories
            let context = run.context(source: provider.sourceDescription, spansRepositories: provider.spansRepositories)
            var reporter = format.makeReporter(context: context)
            let summaryPath = JobSummaryFile.path()
            var jobSummary = summaryPath.map { _ in CheckJobSummary(context: context) }
            let progress = ProgressLine(enabled: StandardStream.error.isTerminal, apiCalls: { provider.runNotes.apiCalls })
            do {
                let result = try await run.run(provider: provider) { outcome in
                    if let text = reporter.record(outcome) { StandardStream.output.write(text) }
                    _ = jobSummary?.record(outcome)
                    if !format.listsErrors {
                        for error in outcome.errors {
                            StandardStream.error.write("error: \(error.description(spanningRepositories: context.spansRepositories))\n")
                        }
                    }
                    progress.tick()
                }
                progress.clear()
                var output = StandardStream.output
                reporter.finish(result.summary, to: &output)
                if let summaryPath, var summary = jobSummary { JobSummaryFile.append(to: summaryPath) { summary.finish(result.summary, to: &$0) } }
                return result
            } catch {
                progress.clear()
                throw RunFailure.exit(for: error)
            }
        }
        // An event without an issue (`push`, …): nothing evaluated, said on stderr.
        guard let result = evaluated else { return }
        StandardStream.output.flush()
        RunFailure.printWarnings(result.notes)
        let failedRepositories = RunFailure.printFailedRepositories(result.notes)
        let budgetSpent = RunFailure.printUnread(result.notes, notEvaluated: result.notEvaluated, spanningRepositories: spansRepositories)
        let errors = result.summary.statistics.errors
        if errors > 0 {
            let whereListed = format.listsErrors ? "listed in the report" : "listed above on stderr"
            StandardStream.error.write("error: \(errors) rule evaluation\(errors == 1 ? "" : "s") failed (\(whereListed))\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        if failedRepositories { throw ExitCode(ExitStatus.sourceFailed) }
        if budgetSpent { throw ExitCode(ExitStatus.findings) }
        if result.hasMatches(atOrAbove: failOn.severity) { throw ExitCode(ExitStatus.findings) }
    }
}
