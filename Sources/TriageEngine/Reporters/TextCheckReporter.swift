import TriageLanguage
import TriageRules

/// `--format text`: matches grouped by rule with counts, then a summary line. Written in pieces
/// (`ChunkedOutput`), so a report of every match is never one string.
struct TextCheckReporter: CollectingCheckReporter {
    let context: CheckContext
    var collector = MatchCollector()

    mutating func finish(_ summary: CheckSummary, to stream: inout some TextOutputStream) {
        var output = ChunkedOutput(stream)
        for (index, rule) in context.rules.enumerated() {
            let matches = collector.matches(ofRule: index)
            let noun = matches.count == 1 ? "match" : "matches"
            var heading = "\(rule.name) [\(rule.severity.rawValue)]: \(matches.count) \(noun)"
            if let description = rule.description { heading += " — \(description)" }
            output.write(heading + "\n")
            for issue in matches {
                output.write("  \(issue.label(spanningRepositories: context.spansRepositories)) \(Self.oneLine(issue.title))\n")
                if !issue.url.isEmpty { output.write("      \(issue.url)\n") }
            }
        }
        if !collector.errors.isEmpty {
            output.write("errors: \(collector.errors.count)\n")
            for error in collector.errors {
                let issue = error.label(spanningRepositories: context.spansRepositories)
                output.write("  \(error.rule) on \(issue): \(error.message)\n")
            }
        }
        let statistics = summary.statistics
        var line = "\(statistics.issuesRead) issues read from \(context.source), \(statistics.matches) \(statistics.matches == 1 ? "match" : "matches")"
        line += " of \(context.rules.count) \(context.rules.count == 1 ? "rule" : "rules")"
        if statistics.errors > 0 { line += ", \(statistics.errors) errors" }
        line += ", \(summary.apiCalls ?? 0) API calls"
        if summary.notModified > 0 { line += " (\(summary.notModified) not modified)" }
        line += ", \(Self.formatSeconds(summary.elapsedSeconds))"
        output.write(line + "\n")
        stream = output.finished()
    }

    /// A title on one line: line breaks and tabs become spaces, so one match stays one entry.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        return milliseconds < 10_000 ? "\(milliseconds) ms" : "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s"
    }
}
