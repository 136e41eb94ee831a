import TriageLanguage
import TriageRules

/// The Markdown of a `check` run, in its two forms: `--format markdown` (a report to paste into an
/// issue: task lists, rule descriptions, every match) and the CI job summary (SPEC §6: links, capped
/// by `SummaryLimits`). One renderer, so the two cannot drift apart: a table of rules with their
/// counts, each matching rule's issues, then the errors and the issues the read budget left not
/// evaluated.
struct CheckMarkdown {
    enum Form {
        /// `--format markdown`: uncapped, rule sections as `##` with their descriptions, task items.
        case report
        /// `$GITHUB_STEP_SUMMARY`: capped, rule sections as `###`, plain links.
        case jobSummary
    }

    let context: CheckContext
    let form: Form
    let limits: SummaryLimits

    /// No cap: the report lists everything.
    static let unlimited = SummaryLimits(itemsPerList: .max, maxBytes: .max)

    /// Writes the Markdown to `stream` in 64 KB pieces (`ChunkedOutput`), each list rendered item
    /// by item as it is written, so neither the report nor a rule's list is ever one string.
    func write(_ collector: MatchCollector, _ summary: CheckSummary, to stream: inout some TextOutputStream) {
        let statistics = summary.statistics, spanning = context.spansRepositories
        var markdown = CappedMarkdown(limits: limits, writingTo: ChunkedOutput(stream))
        switch form {
        case .report:
            markdown.append("# Triage report\n\n")
            markdown.append("Source `\(context.source)` at \(context.now.rfc3339): \(statistics.issuesRead) issues, \(statistics.matches) matches.\n\n")
        case .jobSummary:
            markdown.append("## triage check\n\n")
            markdown.append("\(MarkdownCheckReporter.codeSpan(context.source)) at \(context.now.rfc3339): \(statistics.issuesRead) issue\(statistics.issuesRead == 1 ? "" : "s") read, \(statistics.matches) match\(statistics.matches == 1 ? "" : "es").\n\n")
        }
        markdown.append("| Rule | Severity | Matches |\n|---|---|---:|\n")
        for (index, rule) in context.rules.enumerated() {
            let name = form == .report ? "[`\(rule.name)`](#\(rule.name))" : "`\(rule.name)`"
            markdown.append("| \(name) | \(rule.severity.rawValue) | \(collector.matches(ofRule: index).count) |\n")
        }
        for (index, rule) in context.rules.enumerated() {
            let matches = collector.matches(ofRule: index)
            guard !matches.isEmpty else { continue }
            switch form {
            case .report:
                markdown.append("\n## \(rule.name)\n\n")
                if let description = rule.description { markdown.append("\(MarkdownCheckReporter.escape(description))\n\n") }
            case .jobSummary:
                markdown.append("\n### `\(rule.name)`\n\n")
            }
            let box = form == .report ? "[ ] " : ""
            markdown.appendList(matches.lazy.map { box + Self.link($0, spanningRepositories: spanning) })
        }
        if !collector.errors.isEmpty {
            markdown.append(form == .report ? "\n## Errors\n\n" : "\n### Errors\n\n")
            markdown.appendList(collector.errors.lazy.map { error in
                "`\(error.rule)` on \(error.label(spanningRepositories: spanning)): \(MarkdownCheckReporter.escape(error.message))"
            })
        }
        if !collector.notEvaluated.isEmpty {
            switch form {
            case .report:
                let count = collector.notEvaluated.count
                markdown.append("\n## Not evaluated\n\n\(count) issue\(count == 1 ? "" : "s"), \(NotEvaluatedIssue.budgetReason):\n\n")
            case .jobSummary:
                markdown.append("\n### Not evaluated (\(NotEvaluatedIssue.budgetReason))\n\n")
            }
            markdown.appendList(collector.notEvaluated.lazy.map { issue, rules in
                Self.link(issue, spanningRepositories: spanning) + ": " + rules.map { "`\(context.rules[$0].name)`" }.joined(separator: ", ")
            })
        }
        stream = markdown.finished().finished()
    }

    /// `[#12](URL) Title`, or `#12 Title` for an issue without a URL (file sources); `owner/name#12`
    /// for a source that spans repositories.
    static func link(_ issue: IssueReference, spanningRepositories: Bool = false) -> String {
        let title = MarkdownCheckReporter.escape(issue.title)
        let label = issue.label(spanningRepositories: spanningRepositories)
        return issue.url.isEmpty ? "\(label) \(title)" : "[\(label)](\(issue.url)) \(title)"
    }
}
