import TriageJSON
import TriageRules

/// `--format json`: `{"source", "now", "issues", "rules": [{"name", "severity", "matches": [...]}], "errors": [...]}`,
/// plus `"not_evaluated": [{"repo"?, "number", "rules", "reason"}]` when `--max-requests` left issues
/// not evaluated. No timing is included, so the document is byte-identical across runs.
struct JSONCheckReporter: CollectingCheckReporter {
    let context: CheckContext
    var collector = MatchCollector()

    /// Written as it is produced (`JSONStreamWriter` in 64 KB pieces): the containers by hand, each
    /// match, error and unevaluated issue as a small `JSONValue`, so the document is never whole.
    mutating func finish(_ summary: CheckSummary, to stream: inout some TextOutputStream) {
        var json = JSONStreamWriter(ChunkedOutput(stream))
        json.beginObject()
        json.key("source")
        json.value(.string(context.source))
        json.key("now")
        json.value(.string(context.now.rfc3339))
        json.key("issues")
        json.value(.int(summary.statistics.issuesRead))
        json.key("rules")
        json.beginArray()
        for (index, rule) in context.rules.enumerated() {
            json.beginObject()
            json.key("name")
            json.value(.string(rule.name))
            json.key("severity")
            json.value(.string(rule.severity.rawValue))
            json.key("matches")
            json.beginArray()
            for issue in collector.matches(ofRule: index) {
                json.value(.object(repoEntry(issue.repo) + [("number", .int(issue.number)), ("title", .string(issue.title)), ("url", .string(issue.url))]))
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()
        json.key("errors")
        json.beginArray()
        for error in collector.errors {
            json.value(.object([("rule", .string(error.rule))] + repoEntry(error.repo) + [("number", .int(error.number)), ("message", .string(error.message))]))
        }
        json.endArray()
        // Only when the read budget left some: a run that evaluated everything keeps SPEC §5's keys.
        if !collector.notEvaluated.isEmpty {
            json.key("not_evaluated")
            json.beginArray()
            for entry in collector.notEvaluated {
                json.value(.object(repoEntry(entry.issue.repo) + [
                    ("number", .int(entry.issue.number)), ("rules", .array(entry.rules.map { .string(context.rules[$0].name) })),
                    ("reason", .string(NotEvaluatedIssue.budgetReason)),
                ]))
            }
            json.endArray()
        }
        json.endObject()
        var output = json.finished()
        output.write("\n")
        stream = output.finished()
    }

    /// `"repo"` for multi-repository sources (SPEC §7), nothing otherwise.
    private func repoEntry(_ repo: String) -> [(String, JSONValue)] {
        context.spansRepositories ? [("repo", .string(repo))] : []
    }
}
