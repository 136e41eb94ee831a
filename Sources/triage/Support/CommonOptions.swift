import ArgumentParser
import Foundation
import TriageEngine
import TriageLanguage
import TriageRules

/// Options shared by the commands that read issues.
struct SourceOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: "A rule file or a directory of them (repeatable). Default: \(DefaultRulePaths.described) in the working directory.")
    var rules: [String] = []

    @Option(help: ArgumentHelp("Where issues come from: \(SourceResolution.registry.sourceForms.joined(separator: ", ")), or a web URL. Default: the rule file's `source:`, else the repository of the CI job (\(SourceResolution.registry.detectableEnvironments.joined(separator: ", ")))."))
    var source: String?

    @Option(help: ArgumentHelp("The provider for a URL on a host nobody registered (\(SourceResolution.registry.webProviderNames.joined(separator: ", ")))."))
    var provider: String?

    @Option(name: .customLong("api-url"), help: "Another API base URL (a self-hosted instance). Default: the provider's public API, the web URL's host, or for a source detected in CI the API that CI names.")
    var apiURL: String?

    @Option(help: "The evaluation instant (2024-06-01 or 2024-06-01T12:00:00Z). Default: now.")
    var now: String?

    @Option(name: .customLong("rule"), help: "Evaluate only this rule (repeatable).")
    var selectedRules: [String] = []

    @Flag(name: .customLong("keep-going"), help: "Skip malformed records in file sources instead of failing (they are counted).")
    var keepGoing = false

    @Option(name: .customLong("max-wait"), help: ArgumentHelp("Longest wait for a rate limit to reset (\(DurationArgument.formatHelp)).", valueName: "duration"))
    var maxWait = DurationArgument(seconds: 900)

    @OptionGroup var cache: CacheOptions

    @Flag(help: "Trace every API request and response on stderr (tokens redacted).")
    var verbose = false

    @OptionGroup var repositories: RepositoryOptions

    @Option(name: .customLong("max-requests"), help: ArgumentHelp("Read budget: at most N read requests (retries and lookups included); what is left unread is listed and the run exits 1.", valueName: "N"))
    var maxRequests: Int?

    mutating func validate() throws {
        if let maxRequests, maxRequests < 0 { throw ValidationError("--max-requests must be 0 or more") }
        rules = try DefaultRulePaths.resolve(rules, missing: "give at least one rule file with --rules")
    }

    /// `--now`, or the wall clock once at start.
    func evaluationInstant() throws -> Timestamp {
        guard let now else {
            return Timestamp(millisecondsSinceEpoch: Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)))
        }
        guard let parsed = Timestamp.parseLiteral(now) else {
            throw UsageError("--now must be a date (2024-06-01) or an RFC 3339 time (2024-06-01T12:00:00Z), not `\(now)`")
        }
        return parsed
    }
}

/// Loads rule files, printing their problems; exits 2 when they have errors.
enum RuleFiles {
    static func load(_ paths: [String], selecting names: [String]) throws -> RuleSet {
        let loaded = RuleLoader.load(paths: paths)
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            StandardStream.error.write(LintFormat.text.render(errors, useColor: ColorChoice.auto.enabled(for: StandardStream.error), toolVersion: TriageVersion.current))
            throw ExitCode(ExitStatus.usage)
        }
        var ruleSet = loaded.ruleSet
        if !names.isEmpty {
            let known = ruleSet.rules.map(\.name)
            for name in names where !known.contains(name) {
                let suggestion = Suggestions.closest(to: name, in: known)
                throw UsageError("no rule named `\(name)`" + Suggestions.didYouMean(suggestion))
            }
            ruleSet.rules = ruleSet.rules.filter { names.contains($0.name) }
        }
        if ruleSet.rules.isEmpty { throw UsageError("the rule files hold no rules") }
        return ruleSet
    }
}
