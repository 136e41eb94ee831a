import Testing
import TriageTestSupport
@testable import TriageEngine
import TriageLanguage
import TriageRules

/// The Markdown of CI job summaries (SPEC §6): `CheckJobSummary` for `check`, `ApplyReport.markdown`
/// for `apply` (and `apply --format markdown`), both capped by `SummaryLimits`.
struct JobSummaryTests {
    static let rules = validRuleSet("""
        rules:
          - name: stale
            when: state == "open"
          - name: crashers
            severity: error
            when: title ~ "crash"
          - name: never
            severity: info
            when: '"wontfix" in labels'
        """).rules

    static func reference(_ number: Int, title: String = "Issue", url: Bool = true) -> IssueReference {
        IssueReference(number: number, title: title, url: url ? "https://example.test/o/r/issues/\(number)" : "")
    }

    static func checkSummary(_ outcomes: [IssueOutcome], limits: SummaryLimits = .standard) -> String {
        var summary = CheckJobSummary(context: CheckContext(source: "github:o/r", now: testNow, rules: rules), limits: limits)
        for outcome in outcomes { #expect(summary.record(outcome) == nil) }
        let matches = outcomes.reduce(0) { $0 + $1.matchedRules.count }
        return summary.finish(CheckSummary(statistics: .init(issuesRead: outcomes.count, matches: matches, errors: 0), elapsedSeconds: 1))
    }

    @Test func checkListsEachMatchingRulesIssuesAsLinks() {
        let text = Self.checkSummary([
            IssueOutcome(issue: Self.reference(3, title: "App *crash* | [x]"), matchedRules: [0, 1], errors: []),
            IssueOutcome(issue: Self.reference(4, title: "Fine", url: false), matchedRules: [0], errors: []),
            IssueOutcome(issue: Self.reference(5), matchedRules: [], errors: [RuleEvaluationError(rule: "stale", number: 5, message: "no comments")]),
        ])
        #expect(text == """
            ## triage check

            `github:o/r` at \(testNow.rfc3339): 3 issues read, 3 matches.

            | Rule | Severity | Matches |
            |---|---|---:|
            | `stale` | warning | 2 |
            | `crashers` | error | 1 |
            | `never` | info | 0 |

            ### `stale`

            - [#3](https://example.test/o/r/issues/3) App \\*crash\\* \\| \\[x\\]
            - #4 Fine

            ### `crashers`

            - [#3](https://example.test/o/r/issues/3) App \\*crash\\* \\| \\[x\\]

            ### Errors

            - `stale` on #5: no comments

            """)
    }

    /// A source in a code span is shown as written: `my_org` must not come out as `my\_org`.
    @Test func theSourceIsACodeSpanNotEscapedText() {
        var summary = CheckJobSummary(context: CheckContext(source: "github:my_org/my_repo", now: testNow, rules: Self.rules))
        let text = summary.finish(CheckSummary(statistics: .init(issuesRead: 0, matches: 0, errors: 0), elapsedSeconds: 1))
        #expect(text.contains("`github:my_org/my_repo` at"), "\(text)")
        let apply = ApplyReport.markdown(plan: ApplyPlan(), result: nil, source: "file:a_b.jsonl")
        #expect(apply.contains("`file:a_b.jsonl`: "), "\(apply)")
        #expect(MarkdownCheckReporter.codeSpan("a`b") == "``a`b``")
        #expect(MarkdownCheckReporter.codeSpan("`x") == "`` `x ``")
    }

    @Test func aLongListEndsWithHowManyMoreThereAre() {
        let outcomes = (1...8).map { IssueOutcome(issue: Self.reference($0), matchedRules: [0], errors: []) }
        let text = Self.checkSummary(outcomes, limits: SummaryLimits(itemsPerList: 5))
        let items = text.split(separator: "\n").filter { $0.hasPrefix("- ") }
        #expect(items.count == 6)
        #expect(items.last == "- … and 3 more")
        #expect(items[4] == "- [#5](https://example.test/o/r/issues/5) Issue")
        #expect(!text.contains("cut to stay under"))
    }

    @Test func theWholeSummaryStaysUnderTheByteCap() {
        let title = String(repeating: "long title ", count: 20)
        let outcomes = (1...2000).map { IssueOutcome(issue: Self.reference($0, title: title), matchedRules: [0, 1], errors: []) }
        let limits = SummaryLimits(itemsPerList: 5000, maxBytes: 16 * 1024)
        let text = Self.checkSummary(outcomes, limits: limits)
        #expect(text.utf8.count <= limits.maxBytes)
        let listed = text.split(separator: "\n").filter { $0.hasPrefix("- [#") }.count
        #expect(listed > 10 && listed < 2000)
        let more = text.matches(of: /- … and (\d+) more/).map { Int($0.output.1)! }
        #expect(more.count == 2 && more.reduce(0, +) == 4000 - listed)
        #expect(text.hasSuffix("\n_The summary was cut to stay under 16 KiB._\n"))
    }

    static let entries = [
        ApplyPlan.Entry(issue: reference(1, title: "First"), rule: "stale", operation: .addLabels(["stale"])),
        ApplyPlan.Entry(issue: reference(1, title: "First"), rule: "stale", operation: .comment(body: "Ping\nagain")),
        ApplyPlan.Entry(issue: reference(2, title: "Second"), rule: "stale", operation: .close(reason: nil)),
        ApplyPlan.Entry(issue: reference(3, title: "Third"), rule: "stale", operation: .removeLabel("bug")),
    ]

    static var plan: ApplyPlan {
        var plan = ApplyPlan()
        plan.entries = entries
        plan.heldBack = [ApplyPlan.HeldBackRule(rule: "mass-close", matchedIssues: 40)]
        plan.alreadyDone = 2
        return plan
    }

    @Test func applyCountsDoneLeftHeldBackAndFailed() {
        var result = ApplyResult()
        result.entries = [(Self.entries[0], .done), (Self.entries[1], .done), (Self.entries[2], .failed("HTTP 403: forbidden")), (Self.entries[3], .notDone)]
        let text = ApplyReport.markdown(plan: Self.plan, result: result, source: "github:o/r")
        #expect(text == """
            ## triage apply

            `github:o/r`: 4 writes planned, 2 actions already in effect.

            | Done | Left by the budget | Held back by the guard | Failed |
            |---:|---:|---:|---:|
            | 2 | 1 | 1 rule (40 issues) | 1 |

            ### Failed

            - [#2](https://example.test/o/r/issues/2) Second: close (rule `stale`): HTTP 403: forbidden

            ### Left by the budget (--max-operations)

            - [#3](https://example.test/o/r/issues/3) Third: remove label bug (rule `stale`)

            ### Held back by the guard (--max-per-rule)

            - rule `mass-close` would act on 40 issues: nothing of it was written (--force to override)

            ### Done

            - [#1](https://example.test/o/r/issues/1) First: add label stale (rule `stale`)
            - [#1](https://example.test/o/r/issues/1) First: comment "Ping again" (rule `stale`)

            """)
    }

    @Test func aDryRunListsThePlanAndSaysNothingWasWritten() {
        var plan = Self.plan
        plan.heldBack = []
        let text = ApplyReport.markdown(plan: plan, result: nil, source: "file:x.json", limits: SummaryLimits(itemsPerList: 2))
        #expect(text.contains("`file:x.json`: 4 writes planned, 2 actions already in effect (dry run: nothing was written; pass --yes to write).\n"))
        #expect(text.contains("| Planned | Held back by the guard |\n|---:|---:|\n| 4 | 0 |\n"))
        #expect(text.hasSuffix("### Planned\n\n- [#1](https://example.test/o/r/issues/1) First: add label stale (rule `stale`)\n"
            + "- [#1](https://example.test/o/r/issues/1) First: comment \"Ping again\" (rule `stale`)\n- … and 2 more\n"))
        #expect(!text.contains("Held back by the guard (--max-per-rule)"))
    }

    /// A dry run lists the writes the real run would refuse (an unknown milestone) with the real
    /// run's message (escaped as the real run's "Failed" list escapes it), before the plan.
    @Test func aDryRunListsTheWritesThatWouldFail() {
        var plan = ApplyPlan()
        plan.entries = [Self.entries[0], ApplyPlan.Entry(issue: Self.reference(2, title: "Second"), rule: "plan", operation: .setMilestone(title: "v9"))]
        plan.refusals = [1: "rule `plan` writes nothing: repository o/r has no milestone titled `v9`; did you mean `v1`?"]
        let text = ApplyReport.markdown(plan: plan, result: nil, source: "github:o/r")
        #expect(text.contains("| Planned | Held back by the guard |\n|---:|---:|\n| 2 | 0 |\n\n### Would fail\n\n"
            + "- [#2](https://example.test/o/r/issues/2) Second: set milestone v9 (rule `plan`): rule \\`plan\\` writes nothing: "
            + "repository o/r has no milestone titled \\`v9\\`; did you mean \\`v1\\`?\n\n### Planned\n"), "\(text)")
    }
}
