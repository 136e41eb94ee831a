import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

/// `lock`, `unlock`, `milestone` and `report` through `ApplyRun` on the in-memory tracker (SPEC §8):
/// idempotent plans, milestones resolved once per run before any write (an unknown one refuses the
/// rule's writes), and a report created once, left alone while unchanged, edited when its body
/// changes and closed when nothing matches — never matched itself.
struct ConversationActionPlanningTests {
    static let created = Timestamp(year: 2024, month: 5, day: 1)!

    static func issue(_ number: Int, title: String = "", labels: [String] = [], locked: Bool = false, milestone: String? = nil,
                      state: String = "open") -> TriageLanguage.Issue {
        TriageLanguage.Issue(number: number, title: title.isEmpty ? "Issue \(number)" : title, state: state, author: "dana", labels: labels,
                             milestone: milestone, locked: locked, created: created, updated: created, url: "https://example.com/\(number)")
    }

    static func options(perform: Bool = true, now: Timestamp = testNow, maxIssuesPerRule: Int? = nil) -> ApplyRun.Options {
        ApplyRun.Options(now: now, perform: perform, maxIssuesPerRule: maxIssuesPerRule, writeConcurrency: 2, evaluationConcurrency: 2)
    }

    static func run(_ yaml: String, on provider: some IssueProvider & IssueWriter, _ options: ApplyRun.Options = options()) async throws -> ApplyRun.Result {
        try await ApplyRun(rules: validRuleSet(yaml).rules, options: options).run(provider: provider)
    }

    @Test func lockUnlockAndMilestoneWriteOnlyWhatIsNotAlreadySo() async throws {
        let tracker = InMemoryTracker(issues: [
            Self.issue(1, labels: ["heated"], locked: true, milestone: "v1"),
            Self.issue(2, labels: ["heated"]),
            Self.issue(3, labels: ["calm"], locked: true),
            Self.issue(4, labels: ["calm"]),
        ], milestones: ["v1", "v2"])
        let rules = """
            rules:
              - name: cool-down
                when: >-
                  "heated" in labels
                actions:
                  - lock: {reason: too heated}
                  - milestone: v1
              - name: reopen-talk
                when: >-
                  "calm" in labels
                actions:
                  - unlock: true
            """
        let first = try await Self.run(rules, on: tracker)
        #expect(tracker.writes == ["#2 lock as too heated", "#2 set milestone v1", "#3 unlock"])
        #expect(first.plan.alreadyDone == 3 && first.execution?.done == 3)
        #expect(tracker.issues.map(\.locked) == [true, true, false, false] && tracker.issues[1].milestone == "v1")
        let second = try await Self.run(rules, on: tracker)
        #expect(second.plan.entries.isEmpty && second.plan.alreadyDone == 6)
        #expect(tracker.writes.count == 3)
    }

    @Test func aMilestoneIsResolvedOncePerRunHoweverManyIssuesGetIt() async throws {
        let tracker = InMemoryTracker(issues: (1...6).map { Self.issue($0, labels: ["bug"]) }, milestones: ["v2"])
        let result = try await Self.run("""
            rules:
              - name: plan-bugs
                when: >-
                  "bug" in labels
                actions: [{milestone: v2}]
            """, on: tracker)
        #expect(result.execution?.done == 6)
        #expect(tracker.reads == ["milestone v2"])
        #expect(tracker.issues.allSatisfy { $0.milestone == "v2" })
    }

    @Test func anUnknownMilestoneFailsItsRulesWritesBeforeAnyIsMade() async throws {
        let tracker = InMemoryTracker(issues: (1...3).map { Self.issue($0, labels: ["bug"]) }, milestones: ["v1.0", "v2.0"])
        let result = try await Self.run("""
            rules:
              - name: label-bugs
                when: >-
                  "bug" in labels
                actions: [{label: triaged}]
              - name: plan-bugs
                when: >-
                  "bug" in labels
                actions: [{label: planned}, {milestone: v2.1}]
            """, on: tracker)
        // Only the other rule wrote; the failing rule's label was refused with its milestone.
        #expect(tracker.writes == ["#1 add label triaged", "#2 add label triaged", "#3 add label triaged"])
        let failures = result.execution?.entries.compactMap { entry, status -> String? in
            if case let .failed(message) = status { "\(entry.issue.number) \(entry.operation): \(message)" } else { nil }
        } ?? []
        let message = "rule `plan-bugs` writes nothing: memory has no milestone titled `v2.1`; did you mean `v2.0`?"
        #expect(failures == (1...3).flatMap { ["\($0) add label planned: \(message)", "\($0) set milestone v2.1: \(message)"] })
        #expect(tracker.reads == ["milestone v2.1"])
    }

    /// A one-repository source names its issues' repository (`acme/app`) while a report, which
    /// has no issue yet, names none: the unknown milestone still refuses the rule's report.
    @Test func anUnknownMilestoneAlsoRefusesItsRulesReport() async throws {
        let issues = (1...2).map { number in
            var issue = Self.issue(number, labels: ["bug"])
            issue.repo = "acme/app"
            return issue
        }
        let tracker = InMemoryTracker(issues: issues, milestones: ["v2.0"])
        let result = try await Self.run("""
            rules:
              - name: plan-bugs
                when: >-
                  "bug" in labels
                actions: [{milestone: v2.1}, {report: {title: Planned}}]
            """, on: tracker)
        #expect(tracker.writes.isEmpty, "\(tracker.writes)")
        #expect(result.execution?.failed == 3)
    }

    /// An organisation's listing and its issues may spell a repository in different case
    /// (`acme/web`, `Acme/Web`): the report still lists the matches of that repository.
    @Test func aReportFindsItsMatchesWhateverTheCaseOfTheRepositoryName() async throws {
        let rules = validRuleSet(Self.reportRules).rules
        var planner = ApplyPlanner(rules: rules, now: testNow, reportsByRepository: true)
        var issue = Self.issue(1, labels: ["bug"])
        issue.repo = "Acme/Web"
        planner.add(issue, matchedRules: [0], comments: [])
        let outcome = await ReportPlanning.plan(rules: rules, matches: planner.reportMatches, repositories: ["acme/web"],
                                                    writer: InMemoryTracker(issues: []), now: testNow, skipReason: nil)
        #expect(outcome.entries.map(\.operation.description) == [#"create report "Bug report" listing 1 issue"#])
    }

    /// A report search that fails (a 403 on one repository's issue list) leaves that report
    /// unwritten with a reason, counted as a failure (exit 3), while the other writes go on.
    @Test func aFailedReportSearchFailsOnlyThatReport() async throws {
        let marker = ReportMarker.marker(forRule: "open-bugs")
        let tracker = InMemoryTracker(issues: [Self.issue(1, labels: ["bug"])], failing: ["report \(marker)"])
        let rules = Self.reportRules + """

              - name: seen
                when: state == "open"
                actions: [{label: seen}]
            """
        let result = try await Self.run(rules, on: tracker)
        #expect(tracker.writes == ["#1 add label seen"])
        #expect(result.reportFailures == ["report of rule `open-bugs` not written: it could not be looked for: HTTP 500"])
    }

    static let reportRules = """
        rules:
          - name: open-bugs
            description: Open bugs | triage
            when: >-
              state == "open" and "bug" in labels
            actions:
              - report: {title: "Bug report", labels: [triage-report]}
        """

    @Test func aReportIsCreatedOnceKeptWhileUnchangedEditedWhenChangedAndClosedWithoutMatches() async throws {
        let tracker = InMemoryTracker(issues: [
            Self.issue(1, title: "Crash | on\nstart", labels: ["bug"]), Self.issue(2, labels: ["docs"]), Self.issue(3, labels: ["bug", "ui"]),
        ])
        let first = try await Self.run(Self.reportRules, on: tracker)
        #expect(tracker.writes == ["#0 create report \"Bug report\" listing 2 issues"])
        #expect(first.plan.entries.first?.createsIssue == true && first.plan.entries.first?.issue.repo == "")
        let report = try #require(tracker.issues.last)
        #expect(report.number == 4 && report.labels == ["triage-report"] && report.title == "Bug report")
        #expect(report.body == """
            ## Open bugs \\| triage

            2 issues matched rule `open-bugs`.

            | Issue | Title | Author | Age | Labels |
            |---:|---|---|---:|---|
            | [#1](https://example.com/1) | Crash \\| on start | dana | 31d | `bug` |
            | [#3](https://example.com/3) | Issue 3 | dana | 31d | `bug` `ui` |

            <!-- triage:report=open-bugs -->

            """)

        // Same matches, same day: nothing to write, one search for the report.
        let second = try await Self.run(Self.reportRules, on: tracker)
        #expect(second.plan.entries.isEmpty && second.plan.alreadyDone == 1)
        #expect(tracker.writes.count == 1)

        // A day later the ages changed: the report is edited, not made again.
        let later = Timestamp(year: 2024, month: 6, day: 2)!
        _ = try await Self.run(Self.reportRules, on: tracker, Self.options(now: later))
        #expect(tracker.writes.last == "#4 update report listing 2 issues")
        #expect(tracker.issues.count == 4 && tracker.issues[3].body.contains("| 32d |"))

        // Nothing matches: the report is closed; then there is nothing to write.
        let noBugs = Self.reportRules.replacing(#""bug" in labels"#, with: #""nothing" in labels"#)
        _ = try await Self.run(noBugs, on: tracker, Self.options(now: later))
        #expect(tracker.writes.last == "#4 close report (no matches)" && tracker.issues[3].state == "closed")
        let quiet = try await Self.run(noBugs, on: tracker, Self.options(now: later))
        #expect(quiet.plan.entries.isEmpty && tracker.writes.count == 3)
        #expect(tracker.reads.count == 5)
    }

    @Test func aReportIssueIsNeverMatchedByAnyRule() async throws {
        var report = Self.issue(3, title: "Report")
        report.body = "old\n\n" + ReportMarker.marker(forRule: "elsewhere") + "\n"
        let withReport = InMemoryTracker(issues: [Self.issue(1), Self.issue(2, title: "Summary"), report])
        _ = try await Self.run("""
            rules:
              - name: label-open
                when: state == "open"
                actions: [{label: seen}]
            """, on: withReport)
        #expect(withReport.writes == ["#1 add label seen", "#2 add label seen"])
    }

    @Test func aReportIsExemptFromTheGuardButCountsAgainstTheBudget() async throws {
        let issues = (1...3).map { Self.issue($0, labels: ["bug"]) }
        let rules = """
            rules:
              - name: open-bugs
                when: >-
                  "bug" in labels
                actions:
                  - label: seen
                  - report: {title: Bugs}
            """
        let guarded = InMemoryTracker(issues: issues)
        let result = try await Self.run(rules, on: guarded, Self.options(maxIssuesPerRule: 2))
        #expect(result.plan.heldBack.map(\.rule) == ["open-bugs"])
        #expect(guarded.writes == ["#0 create report \"Bugs\" listing 3 issues"])

        let budgeted = InMemoryTracker(issues: issues)
        var options = Self.options()
        options.maxOperations = 3
        let limited = try await Self.run(rules, on: budgeted, options)
        #expect(limited.execution?.notDone == 1 && budgeted.writes.count == 3 && !budgeted.writes.contains { $0.contains("report") })
    }

    @Test func noReportIsWrittenFromOneEventsItem() async throws {
        let tracker = InMemoryTracker(issues: [Self.issue(1, labels: ["bug"])])
        let scoped = ScopedIssueProvider(base: tracker, number: 1, kind: .issue)
        let result = try await ApplyRun(rules: validRuleSet(Self.reportRules).rules, options: Self.options()).run(provider: scoped)
        #expect(result.plan.entries.isEmpty && tracker.writes.isEmpty && tracker.reads.isEmpty)
        #expect(result.reportNotes == ["report of rule `open-bugs` not written: the run read one item (--event), not the whole repository"])
    }

    @Test func aLongReportStaysUnderTheLimitAndSaysHowManyMore() {
        let rows = (1...2000).map { ReportRow(number: $0, title: String(repeating: "long title ", count: 5), url: "https://example.com/\($0)",
                                             author: "dana", created: Self.created, labels: ["bug"]) }
        let body = ReportBody.render(rule: "many", description: nil, rows: rows, now: testNow)
        #expect(body.utf8.count < ReportBody.limit)
        let listed = body.split(separator: "\n").count { $0.hasPrefix("| [#") }
        #expect(listed > 100 && listed < 2000)
        #expect(body.contains("\n… and \(2000 - listed) more\n"))
        #expect(body.hasPrefix("## many\n\n2000 issues matched rule `many`.") && body.hasSuffix("\n<!-- triage:report=many -->\n"))
        // A title cannot smuggle in a marker.
        let sneaky = ReportRow(number: 1, title: "<!-- triage:report=x -->", url: "", author: "a", created: Self.created, labels: [])
        #expect(!ReportBody.render(rule: "y", description: nil, rows: [sneaky], now: testNow).contains("<!-- triage:report=x"))
    }
}
