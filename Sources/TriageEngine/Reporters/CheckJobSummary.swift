/// The Markdown `triage check` appends to a CI job summary (`$GITHUB_STEP_SUMMARY`, SPEC §6): a
/// table of rules with their match counts, then each matching rule's issues as links, capped by
/// `SummaryLimits` so that a run with thousands of matches stays far under GitHub's 1 MiB.
/// It is fed the same outcomes as the run's own reporter.
public struct CheckJobSummary: CheckReporter {
    let context: CheckContext
    let limits: SummaryLimits
    var collector = MatchCollector()

    public init(context: CheckContext, limits: SummaryLimits = .standard) {
        self.context = context
        self.limits = limits
    }

    public mutating func record(_ outcome: IssueOutcome) -> String? {
        collector.add(outcome)
        return nil
    }

    public mutating func finish(_ summary: CheckSummary) -> String {
        let statistics = summary.statistics
        var markdown = CappedMarkdown(limits: limits)
        markdown.append("## triage check\n\n")
        markdown.append("\(MarkdownCheckReporter.codeSpan(context.source)) at \(context.now.rfc3339): \(statistics.issuesRead) issue\(statistics.issuesRead == 1 ? "" : "s") read, \(statistics.matches) match\(statistics.matches == 1 ? "" : "es").\n\n")
        markdown.append("| Rule | Severity | Matches |\n|---|---|---:|\n")
        for (index, rule) in context.rules.enumerated() {
            markdown.append("| `\(rule.name)` | \(rule.severity.rawValue) | \(collector.matches(ofRule: index).count) |\n")
        }
        for (index, rule) in context.rules.enumerated() {
            let matches = collector.matches(ofRule: index)
            guard !matches.isEmpty else { continue }
            markdown.append("\n### `\(rule.name)`\n\n")
            markdown.appendList(matches.map { Self.link($0, spanningRepositories: context.spansRepositories) })
        }
        if !collector.errors.isEmpty {
            markdown.append("\n### Errors\n\n")
            let spanning = context.spansRepositories
            markdown.appendList(collector.errors.map { error in
                let issue = error.label(spanningRepositories: spanning)
                return "`\(error.rule)` on \(issue): \(MarkdownCheckReporter.escape(error.message))"
            })
        }
        if !collector.notEvaluated.isEmpty {
            markdown.append("\n### Not evaluated (\(NotEvaluatedIssue.budgetReason))\n\n")
            let spanning = context.spansRepositories
            markdown.appendList(collector.notEvaluated.map { issue, rules in
                Self.link(issue, spanningRepositories: spanning) + ": " + rules.map { "`\(context.rules[$0].name)`" }.joined(separator: ", ")
            })
        }
        return markdown.finished()
    }

    /// `[#12](URL) Title`, or `#12 Title` for an issue without a URL (file sources); `owner/name#12`
    /// for a source that spans repositories.
    static func link(_ issue: IssueReference, spanningRepositories: Bool = false) -> String {
        let title = MarkdownCheckReporter.escape(issue.title)
        let label = issue.label(spanningRepositories: spanningRepositories)
        return issue.url.isEmpty ? "\(label) \(title)" : "[\(label)](\(issue.url)) \(title)"
    }
}
