import ArgumentParser
import TriageEngine
import TriageRules

/// `triage apply --rules FILE… [--source S | --event FILE]`: plan the actions of matching rules; write only with `--yes` (`ApplyRun`).
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Plan the actions of matching rules, and perform them with --yes (idempotent, within a budget).",
        discussion: """
        Without --yes nothing is written: the plan is printed. Exit codes: 0 done (or planned), 1 work left \
        undone (budget exhausted, or a rule held back by --max-per-rule), 2 invalid rules, usage, or a source \
        that cannot be written, 3 the source failed or a write failed.

        Writes are sent one at a time, at least --write-interval apart (GitHub asks for a second between \
        writes and answers concurrent ones with secondary rate limits); a write refused by a rate limit \
        was not applied and is retried after the wait, within --max-wait. --concurrency bounds the \
        reads only.
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
    var format: ApplyOutput.Format = .text

    @Option(help: "Issues worked on at once: bounds the reads their writes need (writes themselves go one at a time).")
    var concurrency: Int = 4

    @Option(name: .customLong("write-interval"),
            help: ArgumentHelp("Least time between two writes (\(DurationArgument.formatHelp); 0 for none). Default: the pause the source's API asks for (see the README).",
                               valueName: "duration"))
    var writeInterval: DurationArgument?

    func validate() throws {
        if let maxOperations, maxOperations < 0 { throw ValidationError("--max-operations must be 0 or more") }
        if let maxPerRule, maxPerRule < 0 { throw ValidationError("--max-per-rule must be 0 or more") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        // An event without an issue (`push`, …) evaluates nothing: nil, said on stderr.
        _ = try await EventResolution.withProvider(for: options, event: event, defaultSource: ruleSet.defaultSource,
                                                  writeIntervalSeconds: writeInterval.map { Double($0.seconds) }) { provider, _ in
            let result: ApplyRun.Result
            var actionRules: [Rule] = []
            let progress = ApplyProgressLine(enabled: yes && StandardStream.error.isTerminal,
                                             writeIntervalSeconds: (provider as? any IssueWriter)?.writeIntervalSeconds ?? 0)
            let runOptions = ApplyRun.Options(now: now, perform: yes, maxIssuesPerRule: maxPerRule, force: force,
                                              maxOperations: maxOperations, writeConcurrency: concurrency,
                                              progress: { finished, planned in progress.update(finished: finished, planned: planned) },
                                              writableProviders: SourceResolution.registry.writableProviderNames)
            do {
                let run = try ApplyRun(rules: ruleSet.rules, options: runOptions)
                actionRules = run.rules
                result = try await run.run(provider: provider)
                progress.clear()
            } catch let error as ApplyRunError where error.isUsageProblem {
                throw UsageError(error.description)
            } catch {
                progress.clear()
                throw RunFailure.exit(for: error)
            }
            try ApplyOutput.finish(result, provider: provider, format: format, rules: actionRules, now: now)
        }
    }
}
