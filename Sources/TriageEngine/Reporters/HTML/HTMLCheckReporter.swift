import TriageLanguage
import TriageRules

/// `--format html`: the team report (SPEC §9), one self-contained page. A header with the run's
/// facts, a bar chart of matches per rule, then per rule in file order a section with its age
/// histogram and a table of its matches. Stable hooks for tests and scripts: `data-rule` and
/// `data-matches` on each section, `data-number` (and `data-repo` for sources spanning
/// repositories) on each row.
struct HTMLCheckReporter: CheckReporter {
    let context: CheckContext
    /// Every match's issue, compactly, as the other collecting formats keep it.
    private var collector = MatchCollector()
    /// Every matching issue's value cells, rendered as it arrives.
    private var cells: HTMLCellStore

    init(context: CheckContext) {
        self.context = context
        cells = HTMLCellStore(fields: Self.reportedFields(for: context.rules))
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
        collector.add(outcome)
        if !outcome.matchedRules.isEmpty { cells.add(outcome.fieldValues) }
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
            HTMLCharts.Bar(label: rule.name, value: collector.matches(ofRule: index).count, severity: rule.severity.rawValue, anchor: "#rule-\(index)")
        })
        output.write(overview + "</figure>\n</section>\n")
        for (index, rule) in context.rules.enumerated() { writeSection(index: index, rule: rule, to: &output) }
        if !collector.errors.isEmpty {
            output.write("<section class=\"errors\" data-errors=\"\(collector.errors.count)\">\n<h2>Errors</h2>\n<p class=\"description\">Rules that could not be evaluated on an issue (never counted as a match or a non-match).</p>\n<ul>\n")
            for error in collector.errors {
                output.write("<li><code>\(HTML.escape(error.rule))</code> on \(HTML.escape(error.label(spanningRepositories: context.spansRepositories))): \(HTML.escape(error.message))</li>\n")
            }
            output.write("</ul>\n</section>\n")
        }
        HTMLPage.writeEnd(to: &output)
        stream = output.finished()
    }

    /// A rule's section: heading, description, histogram and table (or a line saying it has no match).
    private func writeSection(index: Int, rule: Rule, to output: inout some TextOutputStream) {
        let matches = collector.matches(ofRule: index)
        var html = "<section class=\"rule\" id=\"rule-\(index)\" data-rule=\"\(HTML.escape(rule.name))\" data-matches=\"\(matches.count)\" data-severity=\"\(rule.severity.rawValue)\">\n"
        html += "<h2><span>\(HTML.escape(rule.name))</span> <span class=\"severity severity-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span>"
        html += " <span class=\"count\">\(matches.count) match\(matches.count == 1 ? "" : "es") <span data-shown></span></span></h2>\n"
        if let description = rule.description { html += "<p class=\"description\">\(HTML.escape(description))</p>\n" }
        guard !matches.isEmpty else { return output.write(html + "<p class=\"muted\">No matches.</p>\n</section>\n") }

        // Counted in one pass over the matches, before any row is written.
        let ageCounts = AgeBuckets.counts(ofBuckets: matches.storedIndexes.lazy.compactMap { cells.ageBucket(of: Int($0)) })
        if ageCounts.contains(where: { $0 > 0 }) {
            html += "<figure>" + HTMLCharts.ageHistogram(title: "Age of the matches of \(rule.name)", counts: ageCounts)
            html += "<figcaption>Age of the matches</figcaption></figure>\n"
        }
        output.write(html)
        let fields = HTMLCells.standardFields + HTMLCells.extraFields(of: rule)
        let columns = [HTMLTable.Column(header: "Issue", widthEm: context.spansRepositories ? 12 : 6), HTMLTable.Column(header: "Title", widthEm: nil)]
            + fields.map { HTMLTable.Column(header: HTMLCells.header(of: $0), widthEm: HTMLCells.widthEm(of: $0)) }
        let slots = fields.map { field in cells.fields.firstIndex(of: field)! }
        let rows = matches.indices.lazy.map { position in row(matches[position], cells: cells.cells(of: Int(matches.storedIndexes[position]), slots: slots)) }
        HTMLTable(columns: columns, kind: "matches").write(rows, to: &output)
        output.write("</section>\n")
    }

    /// A match's row: the issue linked to its page, its title, then its value `cells`, one per column.
    private func row(_ issue: IssueReference, cells: String) -> String {
        let spanning = context.spansRepositories
        var html = "<tr data-number=\"\(issue.number)\""
        if spanning { html += " data-repo=\"\(HTML.escape(issue.repo))\"" }
        html += "><td class=\"number\"" + (spanning ? ">" : " data-sort=\"\(issue.number)\">")
        html += HTMLReportText.issueLink(issue, spanningRepositories: spanning)
        html += "</td><td class=\"title\">\(HTML.escape(issue.title))</td>"
        return html + cells + "</tr>\n"
    }
}
