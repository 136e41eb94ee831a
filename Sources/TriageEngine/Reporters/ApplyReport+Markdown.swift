extension ApplyReport {
    /// Markdown for `apply --format markdown` and the CI job summary (SPEC §6): the counts — done,
    /// left by the `--max-operations` budget, held back by the `--max-per-rule` guard, failed —
    /// then the writes of each kind as links, failures first (in a dry run, those the real run
    /// would refuse), capped by `limits`. Written to `stream` in pieces (`ChunkedOutput`), the lists
    /// item by item.
    public static func markdown(plan: ApplyPlan, result: ApplyResult?, source: String, limits: SummaryLimits = .standard,
                                writeIntervalSeconds: Double = 0, spanningRepositories: Bool = false, to stream: inout some TextOutputStream) {
        let item = { (entry: ApplyPlan.Entry) in Self.item(entry, spanningRepositories: spanningRepositories) }
        var markdown = CappedMarkdown(limits: limits, writingTo: ChunkedOutput(stream))
        let writes = plan.entries.count
        markdown.append("## triage apply\n\n")
        var line = "\(MarkdownCheckReporter.codeSpan(source)): \(writes) write\(writes == 1 ? "" : "s") planned"
        if plan.alreadyDone > 0 { line += ", \(plan.alreadyDone) action\(plan.alreadyDone == 1 ? "" : "s") already in effect" }
        if result == nil, let pacing = WritePacingEstimate(writes: writes, intervalSeconds: writeIntervalSeconds).phrase {
            line += "; writing \(writes == 1 ? "it" : "them") takes \(pacing)"
        }
        markdown.append(line + (result == nil ? " (dry run: nothing was written; pass --yes to write).\n\n" : ".\n\n"))
        let heldIssues = plan.heldBack.reduce(0) { $0 + $1.matchedIssues }
        if let result {
            markdown.append("| Done | Left by the budget | Held back by the guard | Failed |\n|---:|---:|---:|---:|\n")
            markdown.append("| \(result.done) | \(result.notDone) | \(heldBackCount(plan.heldBack.count, issues: heldIssues)) | \(result.failed) |\n")
            var failed: [String] = [], notDone: [String] = []
            for (entry, status) in result.entries {
                switch status {
                case let .failed(message): failed.append(item(entry) + ": " + MarkdownCheckReporter.escape(message))
                case .notDone: notDone.append(item(entry))
                case .done: break
                }
            }
            section("Failed", failed, into: &markdown)
            section("Left by the budget (--max-operations)", notDone, into: &markdown)
        } else {
            markdown.append("| Planned | Held back by the guard |\n|---:|---:|\n")
            markdown.append("| \(writes) | \(heldBackCount(plan.heldBack.count, issues: heldIssues)) |\n")
            section("Would fail", plan.refusals.keys.sorted().map { item(plan.entries[$0]) + ": " + MarkdownCheckReporter.escape(plan.refusals[$0]!) },
                    into: &markdown)
        }
        section("Held back by the guard (--max-per-rule)", plan.heldBack.map {
            "rule `\($0.rule)` would act on \($0.matchedIssues) issues: nothing of it was written (--force to override)"
        }, into: &markdown)
        if let result {
            section("Done", result.entries.lazy.filter { $0.status == .done }.map { item($0.entry) }, into: &markdown)
        } else {
            section("Planned", plan.entries.lazy.map(item), into: &markdown)
        }
        stream = markdown.finished().finished()
    }

    private static func heldBackCount(_ rules: Int, issues: Int) -> String {
        rules == 0 ? "0" : "\(rules) rule\(rules == 1 ? "" : "s") (\(issues) issue\(issues == 1 ? "" : "s"))"
    }

    private static func section<Output>(_ title: String, _ items: some Collection<String>, into markdown: inout CappedMarkdown<Output>) {
        guard !items.isEmpty else { return }
        markdown.append("\n### \(title)\n\n")
        markdown.appendList(items)
    }

    /// `[#12](URL) Title: add label `x` (rule `r`)`.
    private static func item(_ entry: ApplyPlan.Entry, spanningRepositories: Bool) -> String {
        let issue = entry.createsIssue ? "\(entry.issueLabel(spanningRepositories: spanningRepositories)) \(MarkdownCheckReporter.escape(entry.issue.title))"
            : CheckMarkdown.link(entry.issue, spanningRepositories: spanningRepositories)
        return "\(issue): \(MarkdownCheckReporter.escape(entry.operation.description)) (rule `\(entry.rule)`)"
    }
}
