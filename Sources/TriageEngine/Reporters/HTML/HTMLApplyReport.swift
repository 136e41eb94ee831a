public import TriageLanguage
public import TriageRules

extension ApplyReport {
    /// `apply --format html`: the plan (dry run) or what was written, as one self-contained page like
    /// `check`'s (SPEC §9): the run's facts, a bar chart of writes per rule, then per rule with
    /// actions, in file order, a section (`data-rule`, `data-writes`, `data-issues`) with a table of
    /// its writes, one row per write (`data-number`, `data-repo` for sources spanning repositories,
    /// `data-status`: `planned`, `done`, `failed`, `not_done`). `rules` are the run's rules. Written
    /// to `stream` in pieces (`ChunkedOutput`), each table row by row.
    public static func html(_ run: ApplyRun.Result, rules: [Rule], source: String, now: Timestamp,
                            spanningRepositories: Bool = false, to stream: inout some TextOutputStream) {
        let plan = run.plan, execution = run.execution
        let statuses: [ApplyResult.Status?] = plan.entries.indices.map { index in
            execution.map { index < $0.entries.count ? $0.entries[index].status : .notDone } ?? plan.refusals[index].map(ApplyResult.Status.failed)
        }
        var facts: [(label: String, value: String)] = [
            ("Source", source), ("Now", now.rfc3339), ("Mode", execution == nil ? "dry run: nothing written" : "writes performed (--yes)"),
            ("Issues read", String(run.statistics.issuesRead)), ("Writes planned", String(plan.entries.count)),
        ]
        if plan.alreadyDone > 0 { facts.append(("Already in effect", String(plan.alreadyDone))) }
        if let execution {
            facts += [("Done", String(execution.done)), ("Failed", String(execution.failed)), ("Not done (budget)", String(execution.notDone))]
        } else if let pacing = WritePacingEstimate(writes: plan.entries.count, intervalSeconds: run.writeIntervalSeconds).phrase {
            facts.append(("Writing takes", pacing))
        }
        facts += [("API calls", run.notes.apiCalls.map(String.init) ?? "none counted"),
                  ("Duration", HTMLReportText.duration(seconds: run.elapsedSeconds)), ("Version", "triage \(TriageVersion.current)")]

        let entriesByRule = Dictionary(grouping: plan.entries.indices, by: { plan.entries[$0].rule })
        var output = ChunkedOutput(stream)
        HTMLPage(title: execution == nil ? "Triage plan" : "Triage apply", facts: facts).writeStart(to: &output)
        var body = "<section class=\"overview\">\n<h2>Writes per rule</h2>\n<figure>"
        body += HTMLCharts.barChart(title: "Writes per rule", unit: { "\($0) write\($0 == 1 ? "" : "s")" }, bars: rules.enumerated().map { index, rule in
            HTMLCharts.Bar(label: rule.name, value: entriesByRule[rule.name]?.count ?? 0, severity: rule.severity.rawValue, anchor: "#rule-\(index)")
        })
        output.write(body + "</figure>\n</section>\n")
        for (index, rule) in rules.enumerated() {
            let entries = entriesByRule[rule.name] ?? []
            let issues = Set(entries.map { plan.entries[$0].issue }).count
            var body = "<section class=\"rule\" id=\"rule-\(index)\" data-rule=\"\(HTML.escape(rule.name))\" data-writes=\"\(entries.count)\" data-issues=\"\(issues)\">\n"
            body += "<h2><span>\(HTML.escape(rule.name))</span> <span class=\"severity severity-\(rule.severity.rawValue)\">\(rule.severity.rawValue)</span>"
            body += " <span class=\"count\">\(entries.count) write\(entries.count == 1 ? "" : "s") on \(issues) issue\(issues == 1 ? "" : "s") <span data-shown></span></span></h2>\n"
            if let description = rule.description { body += "<p class=\"description\">\(HTML.escape(description))</p>\n" }
            for held in plan.heldBack where held.rule == rule.name {
                body += "<p class=\"status-failed\" data-held-back=\"\(held.matchedIssues)\">Held back: the rule would act on \(held.matchedIssues) issues, more than --max-per-rule allows; nothing of it is written (--force to override).</p>\n"
            }
            guard !entries.isEmpty else {
                output.write(body + "<p class=\"muted\">Nothing to write.</p>\n</section>\n")
                continue
            }
            output.write(body)
            let columns = [HTMLTable.Column(header: "Issue", widthEm: spanningRepositories ? 12 : 6), HTMLTable.Column(header: "Title", widthEm: nil),
                           HTMLTable.Column(header: "Action", widthEm: 7), HTMLTable.Column(header: "Write", widthEm: nil),
                           HTMLTable.Column(header: "Status", widthEm: 10)]
            let rows = entries.lazy.map { index in
                let entry = plan.entries[index]
                let (status, statusText) = statusCell(statuses[index])
                var row = "<tr data-number=\"\(entry.issue.number)\""
                if spanningRepositories { row += " data-repo=\"\(HTML.escape(entry.issue.repo))\"" }
                row += " data-status=\"\(status)\"><td class=\"number\"" + (spanningRepositories ? ">" : " data-sort=\"\(entry.issue.number)\">")
                // A report not made yet has no number (0) nor address: it is named as the text names it.
                row += entry.createsIssue && entry.issue.number == 0 ? HTML.escape(entry.issueLabel(spanningRepositories: spanningRepositories))
                    : HTMLReportText.issueLink(entry.issue, spanningRepositories: spanningRepositories)
                row += "</td><td class=\"title\">\(HTML.escape(entry.issue.title))</td><td>\(HTML.escape(entry.operation.action.rawValue))</td>"
                row += "<td>\(HTML.escape(entry.operation.description))</td>"
                return row + "<td class=\"status-\(status)\">\(HTML.escape(statusText))</td></tr>\n"
            }
            HTMLTable(columns: columns, kind: "writes").write(rows, to: &output)
            output.write("</section>\n")
        }
        HTMLPage.writeEnd(to: &output)
        stream = output.finished()
    }

    /// The `data-status` word and the text of a write's status cell.
    private static func statusCell(_ status: ApplyResult.Status?) -> (String, String) {
        switch status {
        case nil: ("planned", "planned")
        case .done?: ("done", "done")
        case let .failed(message)?: ("failed", "failed: \(message)")
        case .notDone?: ("not_done", "not done (budget)")
        }
    }
}
