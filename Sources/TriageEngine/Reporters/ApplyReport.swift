import TriageJSON
import TriageRules

/// Text and JSON for `triage apply`: the plan (dry run) or what was done.
public enum ApplyReport {
    /// Text: one line per write, grouped by issue (`owner/name#N` for a source that spans
    /// repositories), then a summary; a dry run's says how many writes would fail (`plan.refusals`,
    /// each marked `FAILED` as the real run marks it) and how long the writes take at
    /// `writeIntervalSeconds` (the source's pacing). Written to `stream` in pieces (`ChunkedOutput`).
    public static func text(plan: ApplyPlan, result: ApplyResult?, source: String, writeIntervalSeconds: Double = 0,
                            spanningRepositories: Bool = false, to stream: inout some TextOutputStream) {
        var output = ChunkedOutput(stream)
        var lastIssue: (repo: String, number: Int)?
        for (index, entry) in plan.entries.enumerated() {
            if entry.createsIssue || entry.issue.number != lastIssue?.number || entry.issue.repo != lastIssue?.repo {
                output.write("\(entry.issueLabel(spanningRepositories: spanningRepositories)) \(TextCheckReporter.oneLine(entry.issue.title))\n")
                lastIssue = (entry.issue.repo, entry.issue.number)
            }
            var line = "  \(entry.operation)  (rule \(entry.rule))"
            if let result {
                switch result.entries[index].status {
                case .done: line = "  done: " + line.dropFirst(2)
                case let .failed(message): line = "  FAILED: " + line.dropFirst(2) + ": \(message)"
                case .notDone: line = "  not done (budget): " + line.dropFirst(2)
                }
            } else if let message = plan.refusals[index] {
                line = "  FAILED: " + line.dropFirst(2) + ": \(message)"
            }
            output.write(line + "\n")
        }
        for held in plan.heldBack {
            output.write("held back: rule \(held.rule) would act on \(held.matchedIssues) issues, more than --max-per-rule allows; nothing of it is written (--force to override)\n")
        }
        let writes = plan.entries.count
        var summary = "\(writes) write\(writes == 1 ? "" : "s") planned on \(source)"
        if plan.alreadyDone > 0 { summary += ", \(plan.alreadyDone) action\(plan.alreadyDone == 1 ? "" : "s") already in effect" }
        if let result {
            summary += "; \(result.done) done, \(result.failed) failed, \(result.notDone) not done"
        } else {
            if !plan.refusals.isEmpty { summary += "; \(plan.refusals.count) would fail" }
            if let pacing = WritePacingEstimate(writes: writes, intervalSeconds: writeIntervalSeconds).phrase {
                summary += "; writing \(writes == 1 ? "it" : "them") takes \(pacing)"
            }
            summary += " (dry run: pass --yes to write)"
        }
        output.write(summary + "\n")
        stream = output.finished()
    }

    /// JSON: `{"source", "writes": [{"repo"?, "number", "title", "url", "rule", "action", "detail", "status"?, "error"?}], "held_back": [...], "already_done",
    /// "write_interval_seconds", "estimated_write_seconds"}`: `repo` for a source that spans repositories; `status` after the
    /// writes, and in a dry run `failed` (with `error`) for a write the real run would refuse; the last two: the
    /// source's pacing, the least time the writes take. Written to `stream` as produced (`JSONStreamWriter`).
    public static func json(plan: ApplyPlan, result: ApplyResult?, source: String, writeIntervalSeconds: Double = 0,
                            spanningRepositories: Bool = false, to stream: inout some TextOutputStream) {
        var json = JSONStreamWriter(ChunkedOutput(stream))
        json.beginObject()
        json.key("source")
        json.value(.string(source))
        json.key("dry_run")
        json.value(.bool(result == nil))
        json.key("writes")
        json.beginArray()
        for (index, entry) in plan.entries.enumerated() {
            var fields: [(String, JSONValue)] = spanningRepositories ? [("repo", .string(entry.issue.repo))] : []
            fields += [
                ("number", .int(entry.issue.number)), ("title", .string(entry.issue.title)), ("url", .string(entry.issue.url)),
                ("rule", .string(entry.rule)), ("action", .string(entry.operation.action.rawValue)), ("detail", .string(entry.operation.description)),
            ]
            if let result {
                switch result.entries[index].status {
                case .done: fields.append(("status", "done"))
                case let .failed(message): fields += [("status", "failed"), ("error", .string(message))]
                case .notDone: fields.append(("status", "not_done"))
                }
            } else if let message = plan.refusals[index] {
                fields += [("status", "failed"), ("error", .string(message))]
            }
            json.value(.object(fields))
        }
        json.endArray()
        let pacing = WritePacingEstimate(writes: plan.entries.count, intervalSeconds: writeIntervalSeconds)
        json.key("held_back")
        json.value(.array(plan.heldBack.map { .object([("rule", .string($0.rule)), ("matched_issues", .int($0.matchedIssues))]) }))
        json.key("already_done")
        json.value(.int(plan.alreadyDone))
        json.key("write_interval_seconds")
        json.value(.double(pacing.intervalSeconds))
        json.key("estimated_write_seconds")
        json.value(.double(pacing.seconds))
        json.endObject()
        var output = json.finished()
        output.write("\n")
        stream = output.finished()
    }
}
