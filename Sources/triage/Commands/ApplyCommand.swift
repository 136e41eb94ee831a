import ArgumentParser
import Foundation
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules

/// `triage apply --rules FILE… --source S`: plan the actions of matching rules; write only with `--yes`.
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

    @Flag(help: "Perform the writes (without it, only the plan is printed).")
    var yes = false

    @Option(name: .customLong("max-operations"), help: "At most this many write requests; the rest are listed as not done (exit 1).")
    var maxOperations: Int?

    @Option(name: .customLong("max-per-rule"), help: "A rule that would act on more issues than this writes nothing (exit 1), unless --force.")
    var maxPerRule: Int?

    @Flag(help: "Write even for rules over --max-per-rule.")
    var force = false

    @Option(help: "Output format: text or json.")
    var format: ApplyFormat = .text

    @Option(help: "Issues written to at once.")
    var concurrency: Int = 4

    enum ApplyFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if let maxOperations, maxOperations < 0 { throw ValidationError("--max-operations must be 0 or more") }
        if let maxPerRule, maxPerRule < 0 { throw ValidationError("--max-per-rule must be 0 or more") }
        if concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        let provider = try SourceResolution.provider(for: options, defaultSource: ruleSet.defaultSource)
        let actionRules = ruleSet.rules.filter { !$0.actions.isEmpty }
        if actionRules.isEmpty { throw UsageError("none of the selected rules has actions") }
        if yes { try Self.checkWritable(provider, rules: actionRules) }
        // Also in a dry run, so that its plan is the one --yes would perform (the login decides
        // which earlier comments count).
        if let writer = provider as? any IssueWriter {
            do {
                try await writer.prepareForWrites()
            } catch {
                StandardStream.error.write("error: \(error)\n")
                throw ExitCode(ExitStatus.sourceFailed)
            }
        }

        let fields = IssueFieldSet.all
        let query = QueryDerivation.query(for: actionRules, now: now, fields: fields)
        let engine = RuleEngine(rules: actionRules, options: .init(now: now, concurrency: ProcessInfo.processInfo.activeProcessorCount,
                                                                    keepMatchedIssues: true))
        var uncheckedComments = 0
        var planner = ApplyPlanner(rules: actionRules, now: now, maxIssuesPerRule: maxPerRule, force: force,
                                   markerAuthor: (provider as? any IssueWriter)?.authenticatedLogin)
        do {
            let statistics = try await engine.run(provider: provider, query: query) { outcome in
                guard let issue = outcome.matchedIssue else { return }
                var comments: [IssueComment] = []
                // Comments are read only for issues that would get a comment (to find the rule's marker).
                if planner.needsComments(outcome) {
                    if let known = issue.embeddedComments ?? outcome.loadedComments {
                        comments = known
                    } else if issue.comments > 0 {
                        do {
                            comments = try await provider.loadComments(of: issue)
                        } catch is LazyDataUnavailable {
                            // Only sources that cannot be written lack comments: the dry run goes on.
                            uncheckedComments += 1
                        }
                    }
                }
                planner.add(issue, matchedRules: outcome.matchedRules, comments: comments)
            }
            if statistics.errors > 0 {
                StandardStream.error.write("error: \(statistics.errors) rule evaluation\(statistics.errors == 1 ? "" : "s") failed; nothing was written\n")
                throw ExitCode(ExitStatus.sourceFailed)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            if error is CancellationError { throw ExitCode(ExitStatus.interrupted) }
            StandardStream.error.write("error: \(error)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        if uncheckedComments > 0 {
            StandardStream.error.write("warning: \(provider.sourceDescription) has no comments for \(uncheckedComments) issue\(uncheckedComments == 1 ? "" : "s"); their comments are planned without checking for an earlier one\n")
        }
        let plan = planner.finish()
        var result: ApplyResult?
        if yes, let writer = provider as? any IssueWriter {
            result = await ApplyExecutor.execute(plan, writer: writer, maxOperations: maxOperations, concurrency: concurrency)
        }
        switch format {
        case .text: StandardStream.output.write(ApplyReport.text(plan: plan, result: result, source: provider.sourceDescription))
        case .json: StandardStream.output.write(ApplyReport.json(plan: plan, result: result, source: provider.sourceDescription))
        }
        StandardStream.output.flush()
        if let result, result.failed > 0 { throw ExitCode(ExitStatus.sourceFailed) }
        if (result?.notDone ?? 0) > 0 || !plan.heldBack.isEmpty { throw ExitCode(ExitStatus.findings) }
    }

    /// A source must be able to perform every action the rules use before anything is written.
    static func checkWritable(_ provider: any IssueProvider, rules: [Rule]) throws {
        guard provider is any IssueWriter else {
            throw UsageError("\(provider.sourceDescription) cannot be written to; apply --yes needs a source that supports writes (github, gitlab). Without --yes, apply prints the plan.")
        }
        let supported = provider.capabilities.writeActions
        for rule in rules {
            for action in rule.actions {
                guard let needed = ProviderCapabilities.WriteAction(rawValue: action.keyword), supported.contains(needed) else {
                    throw UsageError("rule `\(rule.name)` uses `\(action.keyword)`, which \(provider.sourceDescription) cannot perform")
                }
            }
        }
    }
}
