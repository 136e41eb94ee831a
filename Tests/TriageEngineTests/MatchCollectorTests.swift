import Testing
import TriageTestSupport
@testable import TriageEngine
import TriageLanguage
import TriageRules

/// The compact match store behind the collecting formats, and the text report written in pieces
/// (issue 13 item 5): what comes out must be what went in, byte for byte, however many pieces.
struct MatchCollectorTests {
    /// Issues with titles and URLs of every kind the arena must keep exactly: empty, multi-byte,
    /// line breaks, long; every third one from another repository; each matching one to three rules.
    static func outcomes(count: Int) -> [IssueOutcome] {
        (0..<count).map { number in
            let title = switch number % 5 {
            case 0: ""
            case 1: "Crash in ünïcødé 🚀 #\(number)"
            case 2: "two\nlines\tand a tab \(number)"
            case 3: String(repeating: "long title ", count: number % 40)
            default: "plain \(number)"
            }
            let issue = IssueReference(number: number, title: title,
                                       url: number % 4 == 0 ? "" : "https://example.test/o/r/issues/\(number)",
                                       repo: number % 3 == 0 ? "other/repo-\(number)" : "o/r")
            let rules = [0, 1, 2].filter { (number + $0) % ($0 + 2) == 0 }
            return IssueOutcome(issue: issue, matchedRules: rules, errors: [])
        }
    }

    @Test func everyMatchComesBackAsItWentIn() {
        let outcomes = Self.outcomes(count: 3_000)
        var collector = MatchCollector()
        for outcome in outcomes { collector.add(outcome) }
        for rule in 0..<4 {
            let expected = outcomes.filter { $0.matchedRules.contains(rule) }.map(\.issue)
            #expect(Array(collector.matches(ofRule: rule)) == expected)
        }
        #expect(collector.matches(ofRule: 3).isEmpty)
    }

    /// A report of many 64 KB pieces equals the report built line by line from the same outcomes
    /// (the one-string form of `TextCheckReporter` before it wrote in pieces).
    @Test func textReportInPiecesIsTheWholeReport() {
        let rules = validRuleSet("""
            rules:
              - name: first
                description: The first rule
                when: number > 0
              - name: second
                severity: error
                when: number > 0
              - name: third
                when: number > 0
            """).rules
        let outcomes = Self.outcomes(count: 20_000)
        for spanning in [false, true] {
            var reporter = CheckFormat.text.makeReporter(context: CheckContext(source: "memory:many", now: testNow, rules: rules, spansRepositories: spanning))
            for outcome in outcomes { _ = reporter.record(outcome) }
            let matches = outcomes.reduce(0) { $0 + $1.matchedRules.count }
            let summary = CheckSummary(statistics: .init(issuesRead: outcomes.count, matches: matches, errors: 0), elapsedSeconds: 1.5)
            var pieces = PieceCounter()
            reporter.finish(summary, to: &pieces)

            var expected = ""
            for (index, rule) in rules.enumerated() {
                let issues = outcomes.filter { $0.matchedRules.contains(index) }.map(\.issue)
                expected += "\(rule.name) [\(rule.severity.rawValue)]: \(issues.count) matches\(rule.description.map { " — \($0)" } ?? "")\n"
                for issue in issues {
                    let label = spanning ? "\(issue.repo)#\(issue.number)" : "#\(issue.number)"
                    let title = issue.title.replacingNewlinesAndTabs()
                    expected += "  \(label) \(title)\n"
                    if !issue.url.isEmpty { expected += "      \(issue.url)\n" }
                }
            }
            expected += "20000 issues read from memory:many, \(matches) matches of 3 rules, 0 API calls, 1500 ms\n"
            #expect(pieces.text == expected)
            #expect(pieces.writes > 3 && pieces.largestWrite < 2 * ChunkedOutput<String>.size)
        }
    }

    /// Counts how the report arrives.
    struct PieceCounter: TextOutputStream {
        var text = ""
        var writes = 0
        var largestWrite = 0

        mutating func write(_ string: String) {
            text += string
            writes += 1
            largestWrite = max(largestWrite, string.utf8.count)
        }
    }
}

private extension String {
    func replacingNewlinesAndTabs() -> String {
        String(map { $0.isNewline || $0 == "\t" ? " " : $0 })
    }
}
