import TriageLanguage
import TriageRules

/// `--format html`: the team report (SPEC §9), one self-contained page. A header with the run's
/// facts, a bar chart of matches per rule, then per rule in file order a section with its age
/// histogram and a table of its matches. Stable hooks for tests and scripts: `data-rule` and
/// `data-matches` on each section, `data-number` (and `data-repo` for sources spanning
/// repositories) on each row.
struct HTMLCheckReporter: CheckReporter {
    /// One match of a rule: the issue and the field values the run handed out with it.
    struct Match {
        var issue: IssueReference
        var values: [IssueField: Value]
    }

    let context: CheckContext
    private var matchesByRule: [[Match]]
    private var errors: [RuleEvaluationError] = []

    init(context: CheckContext) {
        self.context = context
        matchesByRule = Array(repeating: [], count: context.rules.count)
    }

    /// What the run must hand out with each match (`CheckRun.reportedFields`): the standard columns
    /// and every lazy field a rule reads.
    static func reportedFields(for rules: [Rule]) -> [IssueField] {
        var fields = HTMLCells.standardFields
        for rule in rules {
            for field in HTMLCells.extraFields(of: rule) where !fields.contains(field) { fields.append(field) }
        }
        return fields
    }

    mutating func record(_ outcome: IssueOutcome) -> String? {
        for index in outcome.matchedRules where index < matchesByRule.count {
            matchesByRule[index].append(Match(issue: outcome.issue, values: outcome.fieldValues))
        }
        errors += outcome.errors
        return nil
    }

    /// Written in 64 KB pieces (`ChunkedOutput`): the page's start, the chart of matches per rule
    /// (counts only), then each rule's section, its histogram counted and its table written row by
    /// row from the stored matches, then the errors and the page's end. The page is never one string.
    mutating func finish(_ summary: CheckSummary, to stream: inout some TextOutputStream) {
        let statistics = summary.statistics
        var facts: [(label: String, value: String)] = [
            ("Source", context.source), ("Now", context.now.rfc3339), ("Issues read", String(statistics.issuesRead)),
            ("Matches", String(statistics.matches)),
        ]
        if statistics.errors > 0 { facts.append(("Errors", String(statistics.errors))) }
        var calls = summary.apiCalls.map(String.init) ?? "none counted"
        if summary.notModified > 0 { calls += " (\(summary.notModified) not modified)" }
        facts += [("API calls", calls), ("Duration", HTMLReportText.duration(seconds: summary.elapsedSeconds)),
                  ("Version", "triage \(TriageVersion.current)")]

        var output = ChunkedOutput(stream)
        HTMLPage(title: "Triage report", facts: facts).writeStart(to: &output)
        var overview = "<section class=\"overview\">\n<h2>Matches per rule</h2>\n<figure>"
        overview += HTMLCharts.barChart(title: "Matches per rule", unit: { "\($0) match\($0 == 1 ? "" : "es")" }, bars: context.rules.enumerated().map { index, rule in
            HTMLCharts.Bar(label: rule.name, value: matchesByRule[index].count, severity: rule.severity.rawValue, anchor: "#rule-\(index)")
        })
        output.write(overview + "</figure>\n</section>\n")
        for (index, rule) in context.rules.enumerated() { writeSection(index: index, rule: rule, to: &output) }
        if !errors.isEmpty {
            output.write("<section class=\"errors\" data-errors=\"\(errors.count)\">\n<h2>Errors</h2>\n<p class=\"description\">Rules that could not be evaluated on an issue (never counted as a match or a non-match).</p>\n<ul>\n")
            for error in errors {
                output.write("<li><code>\(HTML.escape(error.rule))</code> on \(HTML.escape(error.label(spanningRepositories: context.spansRepositories))): \(HTML.escape(error.message))</li>\n")
            }
            output.write("</ul>\n</section>\n")
        }
        HTMLPage.writeEnd(to: &output)
        stream = output.finished()
    }

    /// A rule's section: heading, description, histogram and table (or a line saying it has no match).
    private func writeSection(index: Int, rule: Rule, to output: inout some TextOutputStream) {
        let matches = matchesByRule[index]
        var html = "<section class=\"rule\" id=\"rule-\(index)\" data-rule=\"\(HTML.escape(rule.name))\" data-matches=\"\(matches.count)\" data-severity=\"\(rule.severity.rawValue)\">\n"
        html += "<h2><span>\(HTML.escape(rule.name))</span> <span class=\"severity severity-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span>"
        html += " <span class=\"count\">\(matches.count) match\(matches.count == 1 ? "" : "es") <span data-shown></span></span></h2>\n"
        if let description = rule.description { html += "<p class=\"description\">\(HTML.escape(description))</p>\n" }
        guard !matches.isEmpty else { return output.write(html + "<p class=\"muted\">No matches.</p>\n</section>\n") }

        // Counted in one pass over the matches, before any row is written: no array of ages.
        let ageCounts = AgeBuckets.counts(matches.lazy.compactMap { match -> TimeSpan? in
            if case let .duration(age)? = match.values[.age] { return age }
            return nil
        })
        if ageCounts.contains(where: { $0 > 0 }) {
            html += "<figure>" + HTMLCharts.ageHistogram(title: "Age of the matches of \(rule.name)", counts: ageCounts)
            html += "<figcaption>Age of the matches</figcaption></figure>\n"
        }
        output.write(html)
        let fields = HTMLCells.standardFields + HTMLCells.extraFields(of: rule)
        let columns = [HTMLTable.Column(header: "Issue", widthEm: context.spansRepositories ? 12 : 6), HTMLTable.Column(header: "Title", widthEm: nil)]
            + fields.map { HTMLTable.Column(header: HTMLCells.header(of: $0), widthEm: HTMLCells.widthEm(of: $0)) }
        HTMLTable(columns: columns, kind: "matches").write(matches.lazy.map { row($0, columns: fields) }, to: &output)
        output.write("</section>\n")
    }

    /// A match's row: the issue linked to its page, its title, then one cell per column.
    private func row(_ match: Match, columns: [IssueField]) -> String {
        let issue = match.issue, spanning = context.spansRepositories
        var html = "<tr data-number=\"\(issue.number)\""
        if spanning { html += " data-repo=\"\(HTML.escape(issue.repo))\"" }
        html += "><td class=\"number\"" + (spanning ? ">" : " data-sort=\"\(issue.number)\">")
        html += HTMLReportText.issueLink(issue, spanningRepositories: spanning)
        html += "</td><td class=\"title\">\(HTML.escape(issue.title))</td>"
        for field in columns { html += HTMLCells.value(match.values[field]) }
        return html + "</tr>\n"
    }
}
