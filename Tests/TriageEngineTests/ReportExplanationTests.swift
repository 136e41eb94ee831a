import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

/// `explain` on a report issue (SPEC §8: issues carrying a report marker are never matched) agrees
/// with `check` and `apply`: no rule matches it, and the output says why instead of showing a
/// match the other commands would never make.
struct ReportExplanationTests {
    static let rules = """
        rules:
          - name: open-issues
            when: state == "open"
        """

    static func explain(body: String) async throws -> Explanation {
        let issue = TriageLanguage.Issue(number: 7, title: "Weekly summary", body: body, state: "open", author: "bot", created: testNow, updated: testNow)
        return try await Explanation.explain(number: 7, rules: validRuleSet(Self.rules).rules, now: testNow,
                                             provider: InMemoryTracker(issues: [issue]))
    }

    @Test func aReportIssueMatchesNoRuleAndTheTextSaysWhy() async throws {
        let explanation = try await Self.explain(body: "| a |\n\n" + ReportMarker.marker(forRule: "weekly") + "\n")
        #expect(explanation.isReport && explanation.verdicts.map(\.matched) == [false])
        let text = ExplanationReport.text(explanation)
        #expect(text.contains("never matched: this is a report issue (its body carries `<!-- triage:report=`)\n"), "\(text)")
        #expect(text.contains("open-issues [warning]: ✗ does not match (report issue)\n"), "\(text)")
        #expect(ExplanationReport.json(explanation).contains(#""report": true"#))
    }

    @Test func anOrdinaryIssueIsExplainedAsBefore() async throws {
        let explanation = try await Self.explain(body: "plain")
        #expect(!explanation.isReport && explanation.verdicts.map(\.matched) == [true])
        let text = ExplanationReport.text(explanation)
        #expect(!text.contains("report") && text.contains("open-issues [warning]: ✓ matches\n"))
        #expect(!ExplanationReport.json(explanation).contains("report"))
    }
}
