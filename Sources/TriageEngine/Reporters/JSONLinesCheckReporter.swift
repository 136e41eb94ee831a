import TriageRules

/// `--format jsonl`: one object per match, `{"rule", "severity", "number", "title", "url"}`, in
/// source order then rule order, streamed as issues finish; errors go to stderr.
struct JSONLinesCheckReporter: CheckReporter {
    let context: CheckContext

    mutating func record(_ outcome: IssueOutcome) -> String? {
        guard !outcome.matchedRules.isEmpty else { return nil }
        var text = ""
        for index in outcome.matchedRules {
            let rule = context.rules[index]
            let line: JSONValue = .object([
                ("rule", .string(rule.name)), ("severity", .string(rule.severity.rawValue)),
                ("number", .int(outcome.issue.number)), ("title", .string(outcome.issue.title)), ("url", .string(outcome.issue.url)),
            ])
            text += line.serialized() + "\n"
        }
        return text
    }

    mutating func finish(_ summary: CheckSummary) -> String { "" }
}
