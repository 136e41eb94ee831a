import TriageJSON
import TriageLanguage
import TriageRules

/// Text and JSON for `triage explain`.
public enum ExplanationReport {
    /// The issue, then per rule its verdict and indented condition trees.
    public static func text(_ explanation: Explanation) -> String {
        let issue = explanation.issue
        let label = IssueReference.label(repo: issue.repo, number: issue.number, spanningRepositories: explanation.spansRepositories)
        var output = "\(label) \(issue.title)\n"
        if !issue.url.isEmpty { output += "\(issue.url)\n" }
        output += "evaluated at \(explanation.now.rfc3339)\n"
        if explanation.isReport { output += "never matched: this is a report issue (its body carries `\(ReportMarker.prefix)`)\n" }
        output += "\n"
        for verdict in explanation.verdicts {
            let rule = verdict.rule
            let unmatched = explanation.isReport ? "✗ does not match (report issue)" : "✗ does not match"
            let summary = verdict.matched.map { $0 ? "✓ matches" : unmatched } ?? "error: \(verdict.failure ?? "")"
            output += "\(rule.name) [\(rule.severity.rawValue)]: \(summary)\n"
            for (part, tree) in zip(rule.conditionParts, verdict.trees) {
                // The tree prints the condition canonically; show the author's text too when it differs.
                let written = part.source.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if written != tree.source { output += "  when: \(written)\n" }
                output += tree.render(indent: "  ") + "\n"
            }
            output += "\n"
        }
        return output
    }

    /// `{"issue": {"repo"?, "number", "title", "url", "report"?}, "now", "rules": [{"name", "severity", "matched", "error"?, "conditions"}]}`;
    /// `"report": true` marks a report issue, which no rule matches.
    public static func json(_ explanation: Explanation) -> String {
        func node(_ tree: ExplainedNode) -> JSONValue {
            var entries: [(String, JSONValue)] = [("source", .string(tree.source))]
            entries.append(("value", tree.value.map { value(of: $0) } ?? .null))
            if let error = tree.error { entries.append(("error", .string(error))) }
            entries.append(("children", .array(tree.children.map(node))))
            return .object(entries)
        }
        let rules: [JSONValue] = explanation.verdicts.map { verdict in
            var entries: [(String, JSONValue)] = [("name", .string(verdict.rule.name)), ("severity", .string(verdict.rule.severity.rawValue)),
                                                  ("matched", verdict.matched.map(JSONValue.bool) ?? .null)]
            if let failure = verdict.failure { entries.append(("error", .string(failure))) }
            entries.append(("conditions", .array(verdict.trees.map(node))))
            return .object(entries)
        }
        let issue = explanation.issue
        let document: JSONValue = .object([
            ("issue", .object((explanation.spansRepositories ? [("repo", .string(issue.repo))] : [])
                + [("number", .int(issue.number)), ("title", .string(issue.title)), ("url", .string(issue.url))]
                + (explanation.isReport ? [("report", .bool(true))] : []))),
            ("now", .string(explanation.now.rfc3339)), ("rules", .array(rules)),
        ])
        return document.serialized(pretty: true) + "\n"
    }

    /// A value as JSON: booleans, numbers and strings as themselves, a `pull` as an object of its
    /// members, lists of pulls as arrays of them, the rest as source text.
    static func value(of value: Value) -> JSONValue {
        switch value {
        case .null: .null
        case let .bool(x): .bool(x)
        case let .int(x): .int(x)
        case let .string(x): .string(x)
        case let .strings(x): .array(x.map(JSONValue.string))
        case let .ints(x): .array(x.map(JSONValue.int))
        case let .pull(x): pull(x)
        case let .list(values) where values.allSatisfy({ if case .pull = $0 { true } else { false } }):
            .array(values.map { Self.value(of: $0) })
        default: .string(value.description)
        }
    }

    static func pull(_ pull: LinkedPull) -> JSONValue {
        .object([("number", .int(pull.number)), ("state", .string(pull.state)), ("draft", .bool(pull.draft)), ("author", .string(pull.author))])
    }
}
