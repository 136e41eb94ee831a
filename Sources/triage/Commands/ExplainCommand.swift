import ArgumentParser
import TriageEngine

/// `triage explain --rules FILE… (--source S --issue N | --event FILE)`: why each rule does or does not match one issue (`Explanation`).
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show, for one issue, each rule's condition tree with the value of every part.",
        discussion: "Exit codes: 0, 2 invalid rules or usage, 3 the source failed, has no such issue, or a rule could not be evaluated on it."
    )

    @OptionGroup var options: SourceOptions

    @OptionGroup var event: EventOptions

    @Option(help: ArgumentHelp("The issue (or pull request) number, as OWNER/NAME#N for an organisation or group source. Default: the one the --event payload names.",
                               valueName: "issue"))
    var issue: IssueArgument?

    @Option(help: "Output format.")
    var format: ExplainFormat = .text

    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func validate() throws {
        if issue == nil, event.path == nil { throw ValidationError("Missing expected argument '--issue <issue>' (or --event <file>)") }
    }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        let explained = try await EventResolution.withProvider(for: options, event: event, defaultSource: ruleSet.defaultSource) { provider, scope in
            let number: Int
            switch (scope, issue?.number) {
            case let (.item(eventNumber), given?) where given != eventNumber:
                throw UsageError("--issue \(given) is not the issue the --event payload names (#\(eventNumber))")
            case let (.item(eventNumber), _): number = eventNumber
            case let (_, given?): number = given
            case (_, nil): throw UsageError("the --event payload names no issue: pass --issue")
            }
            let repository = issue?.repository
            if provider.spansRepositories, repository == nil {
                throw UsageError("\(provider.sourceDescription) spans repositories: pass --issue OWNER/NAME#\(number)")
            }
            do {
                return try await Explanation.explain(number: number, repository: repository, rules: ruleSet.rules, now: now, provider: provider)
            } catch {
                throw RunFailure.exit(for: error)
            }
        }
        // An event without an issue (`push`, …): nothing explained, said on stderr.
        guard let explanation = explained else { return }
        StandardStream.output.write(format == .text ? ExplanationReport.text(explanation) : ExplanationReport.json(explanation))
        StandardStream.output.flush()
        // As with `check`: a rule that could not be evaluated (lazy data unavailable) is a source failure.
        let failures = explanation.failures
        if failures > 0 {
            StandardStream.error.write("error: \(failures) rule\(failures == 1 ? "" : "s") could not be evaluated on #\(explanation.issue.number)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
    }
}
