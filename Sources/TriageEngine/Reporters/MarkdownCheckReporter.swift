import TriageLanguage
import TriageRules

/// `--format markdown`: a report to paste into an issue or a job summary: a table of rules with
/// counts, then one section per rule with a task list of its matches.
struct MarkdownCheckReporter: CollectingCheckReporter {
    let context: CheckContext
    var collector = MatchCollector()

    mutating func finish(_ summary: CheckSummary) -> String {
        var output = "# Triage report\n\n"
        output += "Source `\(context.source)` at \(context.now.rfc3339): \(summary.statistics.issuesRead) issues, \(summary.statistics.matches) matches.\n\n"
        output += "| Rule | Severity | Matches |\n|---|---|---:|\n"
        for (index, rule) in context.rules.enumerated() {
            output += "| [`\(rule.name)`](#\(rule.name)) | \(rule.severity.rawValue) | \(collector.matches(ofRule: index).count) |\n"
        }
        for (index, rule) in context.rules.enumerated() where !collector.matches(ofRule: index).isEmpty {
            output += "\n## \(rule.name)\n\n"
            if let description = rule.description { output += "\(Self.escape(description))\n\n" }
            for issue in collector.matches(ofRule: index) {
                let title = Self.escape(issue.title), label = issue.label(spanningRepositories: context.spansRepositories)
                output += issue.url.isEmpty ? "- [ ] \(label) \(title)\n" : "- [ ] [\(label)](\(issue.url)) \(title)\n"
            }
        }
        if !collector.errors.isEmpty {
            output += "\n## Errors\n\n"
            for error in collector.errors {
                let issue = error.label(spanningRepositories: context.spansRepositories)
                output += "- `\(error.rule)` on \(issue): \(Self.escape(error.message))\n"
            }
        }
        if !collector.notEvaluated.isEmpty {
            let count = collector.notEvaluated.count
            output += "\n## Not evaluated\n\n\(count) issue\(count == 1 ? "" : "s"), \(NotEvaluatedIssue.budgetReason):\n\n"
            for (issue, rules) in collector.notEvaluated {
                let names = rules.map { "`\(context.rules[$0].name)`" }.joined(separator: ", ")
                let label = issue.label(spanningRepositories: context.spansRepositories)
                output += (issue.url.isEmpty ? "- \(label)" : "- [\(label)](\(issue.url))") + " \(Self.escape(issue.title)): \(names)\n"
            }
        }
        return output
    }

    /// `text` as a code span: inside one, a backslash is shown as is, so `escape` must not be used;
    /// the fence is one backtick longer than the longest run of backticks in `text` (CommonMark).
    static func codeSpan(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let body = text.map { $0.isNewline ? " " : String($0) }.joined()
        let padded = body.hasPrefix("`") || body.hasSuffix("`") ? " \(body) " : body
        return fence + padded + fence
    }

    /// Escapes characters that would turn a title into markup (links, emphasis, tables, HTML).
    static func escape(_ text: String) -> String {
        var output = ""
        for character in text {
            if "\\`*_[]<>|#".contains(character) { output.append("\\") }
            output.append(character.isNewline ? " " : character)
        }
        return output
    }
}
