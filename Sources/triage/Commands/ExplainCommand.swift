import ArgumentParser
import Foundation
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules

/// `triage explain --rules FILE… --source S --issue N`: why each rule does or does not match one issue.
struct ExplainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show, for one issue, each rule's condition tree with the value of every part.",
        discussion: "Exit codes: 0, 2 invalid rules or usage, 3 the source failed, has no such issue, or a rule could not be evaluated on it."
    )

    @OptionGroup var options: SourceOptions

    @Option(help: "The issue (or pull request) number.")
    var issue: Int

    @Option(help: "Output format: text or json.")
    var format: ExplainFormat = .text

    enum ExplainFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() async throws {
        let ruleSet = try RuleFiles.load(options.rules, selecting: options.selectedRules)
        let now = try options.evaluationInstant()
        let provider = try SourceResolution.provider(for: options, defaultSource: ruleSet.defaultSource)
        try await SourceResolution.closing(provider) {
            try await explain(ruleSet, now: now, provider: provider)
        }
    }

    private func explain(_ ruleSet: RuleSet, now: Timestamp, provider: any IssueProvider) async throws {
        let found: Issue?
        do {
            found = try await Self.find(issue, in: provider)
        } catch {
            if error is CancellationError { throw ExitCode(ExitStatus.interrupted) }
            StandardStream.error.write("error: \(error)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        guard let found else {
            StandardStream.error.write("error: \(provider.sourceDescription) has no issue #\(issue)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
        let loader = ExplainLoader(provider: provider)
        let frame = EvaluationFrame(issue: found, now: now)
        var explained: [(Rule, Bool?, String?, [ExplainedNode])] = []
        for rule in ruleSet.rules {
            var matched: Bool?
            var failure: String?
            do {
                matched = try await rule.condition.evaluate(in: frame, loader: loader)
            } catch {
                failure = "\(error)"
            }
            var trees: [ExplainedNode] = []
            for part in rule.conditionParts {
                trees.append(await ConditionExplainer.explain(part.checked, in: frame, loader: loader))
            }
            explained.append((rule, matched, failure, trees))
        }
        switch format {
        case .text: StandardStream.output.write(Self.text(found, now: now, explained))
        case .json: StandardStream.output.write(Self.json(found, now: now, explained))
        }
        StandardStream.output.flush()
        // As with `check`: a rule that could not be evaluated (lazy data unavailable) is a source failure.
        let failures = explained.filter { $0.2 != nil }.count
        if failures > 0 {
            StandardStream.error.write("error: \(failures) rule\(failures == 1 ? "" : "s") could not be evaluated on #\(issue)\n")
            throw ExitCode(ExitStatus.sourceFailed)
        }
    }

    static func find(_ number: Int, in provider: any IssueProvider) async throws -> Issue? {
        try await find(number, opened: provider)
    }

    private static func find<Provider: IssueProvider>(_ number: Int, opened provider: Provider) async throws -> Issue? {
        for try await issue in provider.issues(matching: IssueQuery(fields: .all)) where issue.number == number {
            return issue
        }
        return nil
    }

    static func text(_ issue: Issue, now: Timestamp, _ explained: [(Rule, Bool?, String?, [ExplainedNode])]) -> String {
        var output = "#\(issue.number) \(issue.title)\n"
        if !issue.url.isEmpty { output += "\(issue.url)\n" }
        output += "evaluated at \(now.rfc3339)\n\n"
        for (rule, matched, failure, trees) in explained {
            let verdict = matched.map { $0 ? "✓ matches" : "✗ does not match" } ?? "error: \(failure ?? "")"
            output += "\(rule.name) [\(rule.severity.rawValue)]: \(verdict)\n"
            for (part, tree) in zip(rule.conditionParts, trees) {
                // The tree prints the condition canonically; show the author's text too when it differs.
                let written = part.source.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if written != tree.source { output += "  when: \(written)\n" }
                output += tree.render(indent: "  ") + "\n"
            }
            output += "\n"
        }
        return output
    }

    static func json(_ issue: Issue, now: Timestamp, _ explained: [(Rule, Bool?, String?, [ExplainedNode])]) -> String {
        func node(_ tree: ExplainedNode) -> JSONValue {
            var entries: [(String, JSONValue)] = [("source", .string(tree.source))]
            entries.append(("value", tree.value.map { value(of: $0) } ?? .null))
            if let error = tree.error { entries.append(("error", .string(error))) }
            entries.append(("children", .array(tree.children.map(node))))
            return .object(entries)
        }
        let rules: [JSONValue] = explained.map { rule, matched, failure, trees in
            var entries: [(String, JSONValue)] = [("name", .string(rule.name)), ("severity", .string(rule.severity.rawValue)),
                                                  ("matched", matched.map(JSONValue.bool) ?? .null)]
            if let failure { entries.append(("error", .string(failure))) }
            entries.append(("conditions", .array(trees.map(node))))
            return .object(entries)
        }
        let document: JSONValue = .object([
            ("issue", .object([("number", .int(issue.number)), ("title", .string(issue.title)), ("url", .string(issue.url))])),
            ("now", .string(now.rfc3339)), ("rules", .array(rules)),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    /// A value as JSON: booleans, numbers and strings as themselves, the rest as source text.
    static func value(of value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case let .bool(x): .bool(x)
        case let .int(x): .int(x)
        case let .string(x): .string(x)
        case let .strings(x): .array(x.map(JSONValue.string))
        case let .ints(x): .array(x.map(JSONValue.int))
        default: .string(value.description)
        }
    }
}

/// Lazy data for `explain`, straight from the provider.
struct ExplainLoader: IssueDataLoader {
    let provider: any IssueProvider
    func comments(of issue: Issue) async throws -> [IssueComment] { try await provider.loadComments(of: issue) }
    func labelEvents(of issue: Issue) async throws -> [LabelEvent] { try await provider.loadLabelEvents(of: issue) }
}
