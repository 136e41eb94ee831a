import ArgumentParser
import TriageEngine

/// `triage apply --rules FILE… [--source S | --event FILE]`: plan the actions of matching rules; write only with `--yes` (`ApplyRun`).
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Plan the actions of matching rules, and perform them with --yes (idempotent, within a budget).",
        discussion: """
        Without --yes nothing is written: the plan is printed. Exit codes: 0 done (or planned), 1 work left \
        undone (budget exhausted, or a rule held back by --max-per-rule), 2 invalid rules, usage, or a source \
        that cannot be written, 3 the source failed or a write failed.
        """
    )

    @OptionGroup var options: SourceOptions

    @OptionGroup var event: EventOptions

    @Flag(help: "Perform the writes (without it, only the plan is printed).")
    var yes = false

    @Option(name: .customLong("max-operations"), help: "At most this many write requests; the rest are listed as not done (exit 1).")
    var maxOperations: Int?

    @Option(name: .customLong("max-per-rule"), help: "A rule that would act on more issues than this writes nothing (exit 1), unless --force.")
    var maxPerRule: Int?

    @Flag(help: "Write even for rules over --max-per-rule.")
    var force = false

    @Option(help: "Output format.")
    var format: ApplyFormat = .text

    @Option(help: "Issues written to at once.")
    var concurrency: Int = 4

    enum ApplyFormat: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    func validate() throws {
        if let maxOperations, maxOperations < 0 { throw ValidationError("--max-operations must be 0 or more") }
        if let maxPerRule, maxPerRule < 0 { throw ValidationError("--max-per-rule must be 0 or more") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let runOptions = ApplyRun.Options(now: try options.evaluationInstant(), perform: yes, maxIssuesPerRule: maxPerRule, force: force,
                                          maxOperations: maxOperations, writeConcurrency: concurrency)
        // An event without an issue (`push`, …) evaluates nothing: nil, said on stderr.
        _ = try await EventResolution.withProvider(for: options, event: event, defaultSource: ruleSet.defaultSource) { provider, _ in
            let result: ApplyRun.Result
            do {
                let run = try ApplyRun(rules: ruleSet.rules, options: runOptions)
                if yes { try run.checkWritable(provider, writableProviders: SourceResolution.registry.writableProviderNames) }
                result = try await run.run(provider: provider)
            } catch let error as ApplyRunError where error.isUsageProblem {
                throw UsageError(error.description)
            } catch {
                throw RunFailure.exit(for: error)
            }
            if result.uncheckedComments > 0 {
                let count = result.uncheckedComments
                StandardStream.error.write("warning: \(provider.sourceDescription) has no comments for \(count) issue\(count == 1 ? "" : "s"); their comments are planned without checking for an earlier one\n")
            }
            let source = provider.sourceDescription, spanning = provider.spansRepositories
            switch format {
            case .text:
                StandardStream.output.write(ApplyReport.text(plan: result.plan, result: result.execution, source: source, spanningRepositories: spanning))
            case .json:
                StandardStream.output.write(ApplyReport.json(plan: result.plan, result: result.execution, source: source, spanningRepositories: spanning))
            case .markdown:
                StandardStream.output.write(ApplyReport.markdown(plan: result.plan, result: result.execution, source: source, spanningRepositories: spanning))
            }
            StandardStream.output.flush()
            if let summaryPath = JobSummaryFile.path() {
                JobSummaryFile.append(ApplyReport.markdown(plan: result.plan, result: result.execution, source: source, spanningRepositories: spanning),
                                      to: summaryPath)
            }
            let notes = provider.runNotes
            let budgetSpent = RunFailure.printUnread(notes, notEvaluated: result.notEvaluated, spanningRepositories: provider.spansRepositories)
            if RunFailure.printFailedRepositories(notes) { throw ExitCode(ExitStatus.sourceFailed) }
            if let execution = result.execution, execution.failed > 0 { throw ExitCode(ExitStatus.sourceFailed) }
            if budgetSpent { throw ExitCode(ExitStatus.findings) }
            if (result.execution?.notDone ?? 0) > 0 || !result.plan.heldBack.isEmpty { throw ExitCode(ExitStatus.findings) }
        }
    }
}
