import TriageJSON
import TriageRules

/// `--format json`: `{"source", "now", "issues", "rules": [{"name", "severity", "matches": [...]}], "errors": [...]}`,
/// plus `"not_evaluated": [{"repo"?, "number", "rules", "reason"}]` when `--max-requests` left issues
/// not evaluated. No timing is included, so the document is byte-identical across runs.
struct JSONCheckReporter: CollectingCheckReporter {
    let context: CheckContext
    var collector = MatchCollector()

    /// Still built whole (a tree of `JSONValue`, then one string): not yet written in pieces.
    mutating func finish(_ summary: CheckSummary, to output: inout some TextOutputStream) {
        let rules: [JSONValue] = context.rules.enumerated().map { index, rule in
            .object([
                ("name", .string(rule.name)), ("severity", .string(rule.severity.rawValue)),
                ("matches", .array(collector.matches(ofRule: index).map { issue in
                    .object(repoEntry(issue.repo) + [("number", .int(issue.number)), ("title", .string(issue.title)), ("url", .string(issue.url))])
                })),
            ])
        }
        let errors: [JSONValue] = collector.errors.map { error in
            .object([("rule", .string(error.rule))] + repoEntry(error.repo) + [("number", .int(error.number)), ("message", .string(error.message))])
        }
        // Only when the read budget left some: a run that evaluated everything keeps SPEC §5's keys.
        let notEvaluated: [(String, JSONValue)] = collector.notEvaluated.isEmpty ? [] : [("not_evaluated", .array(collector.notEvaluated.map { entry in
            .object(repoEntry(entry.issue.repo) + [
                ("number", .int(entry.issue.number)), ("rules", .array(entry.rules.map { .string(context.rules[$0].name) })),
                ("reason", .string(NotEvaluatedIssue.budgetReason)),
            ])
        }))]
        let document: JSONValue = .object([
            ("source", .string(context.source)), ("now", .string(context.now.rfc3339)),
            ("issues", .int(summary.statistics.issuesRead)), ("rules", .array(rules)), ("errors", .array(errors)),
        ] + notEvaluated)
        output.write(document.serialized(pretty: true) + "\n")
    }

    /// `"repo"` for multi-repository sources (SPEC §7), nothing otherwise.
    private func repoEntry(_ repo: String) -> [(String, JSONValue)] {
        context.spansRepositories ? [("repo", .string(repo))] : []
    }
}
