import TriageJSON
import TriageRules

/// `--format jsonl`: one object per match, `{"rule", "severity", "number", "title", "url"}` (with
/// `"repo"` before `"number"` for multi-repository sources), in source order then rule order,
/// streamed as issues finish; errors go to stderr.
///
/// Lines are assembled from per-rule prefixes made once and per-issue fields escaped once, since a
/// run can print millions of them (the 50-rule benchmark prints ~850,000 for 200,000 issues).
struct JSONLinesCheckReporter: CheckReporter {
    let context: CheckContext
    /// `{"rule":"NAME","severity":"LEVEL","number":` per rule.
    let prefixes: [String]

    init(context: CheckContext) {
        self.context = context
        prefixes = context.rules.map { rule in
            var prefix = "{\"rule\":"
            JSONValue.writeString(rule.name, into: &prefix)
            prefix += ",\"severity\":"
            JSONValue.writeString(rule.severity.rawValue, into: &prefix)
            return prefix + (context.spansRepositories ? ",\"repo\":" : ",\"number\":")
        }
    }

    mutating func record(_ outcome: IssueOutcome) -> String? {
        guard !outcome.matchedRules.isEmpty else { return nil }
        var suffix = ",\"title\":"
        JSONValue.writeString(outcome.issue.title, into: &suffix)
        suffix += ",\"url\":"
        JSONValue.writeString(outcome.issue.url, into: &suffix)
        suffix += "}\n"
        var number = String(outcome.issue.number)
        if context.spansRepositories {
            var repo = ""
            JSONValue.writeString(outcome.issue.repo, into: &repo)
            number = repo + ",\"number\":" + number
        }
        var text = ""
        text.reserveCapacity(outcome.matchedRules.count * (suffix.utf8.count + 64))
        for index in outcome.matchedRules {
            text += prefixes[index]
            text += number
            text += suffix
        }
        return text
    }

    mutating func finish(_ summary: CheckSummary, to output: inout some TextOutputStream) {}
}
