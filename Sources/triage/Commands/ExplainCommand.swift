import ArgumentParser
import TriageEngine

/// `triage explain --rules FILE… --source S --issue N`: why each rule does or does not match one issue (`Explanation`).
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show, for one issue, each rule's condition tree with the value of every part.",
        discussion: "Exit codes: 0, 2 invalid rules or usage, 3 the source failed, has no such issue, or a rule could not be evaluated on it."
    )

    @OptionGroup var options: SourceOptions

    @Option(help: "The issue (or pull request) number.")
    var issue: Int

    @Option(help: "Output format.")
    var format: ExplainFormat = .text

    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        let explanation = try await SourceResolution.withProvider(for: options, defaultSource: ruleSet.defaultSource) { provider in
            do {
                return try await Explanation.explain(number: issue, rules: ruleSet.rules, now: now, provider: provider)
            } catch {
                throw RunFailure.exit(for: error)
            }
        }
        StandardStream.output.write(format == .text ? ExplanationReport.text(explanation) : ExplanationReport.json(explanation))
        StandardStream.output.flush()
        // As with `check`: a rule that could not be evaluated (lazy data unavailable) is a source failure.
        let failures = explanation.failures
        if failures > 0 {
            StandardStream.error.write("error: \(failures) rule\(failures == 1 ? "" : "s") could not be evaluated on #\(issue)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
    }
}
