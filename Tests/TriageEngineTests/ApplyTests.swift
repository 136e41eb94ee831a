import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

struct ApplyTests {
    static let rulesYAML = """
    rules:
      - name: label-bugs
        when: title ~ "(?i)crash"
        actions:
          - label: [bug, needs-triage]
          - comment: "Thanks @{{ author }}! #{{ number }} is labelled {{ labels }}, {{ age }} days old."
        tests: [{issue: {title: crash}, expect: match}, {issue: {title: docs}, expect: no-match}]
      - name: close-old
        when: state == "open" and age > 300d
        actions: [{close: {reason: not_planned}}, {unassign: [bob]}]
        tests: [{now: 2024-06-01T00:00:00Z, issue: {created: 2023-01-01}, expect: match}, {now: 2024-06-01T00:00:00Z, expect: no-match}]
      - name: reopen-regressions
        when: state == "closed" and "regression" in labels
        actions: [{reopen: true}, {assign: alice}, {unlabel: [regression, wontfix]}]
        tests: [{issue: {state: closed, labels: [regression]}, expect: match}, {expect: no-match}]
    """

    static let now = Timestamp(year: 2024, month: 6, day: 1)!

    static func issues() -> [TriageLanguage.Issue] {
        [
            TriageLanguage.Issue(number: 1, title: "Crash on start", author: "dana", labels: ["bug"], created: Timestamp(year: 2024, month: 5, day: 1)!,
                                 updated: now),
            TriageLanguage.Issue(number: 2, title: "Old crash", author: "erin", assignees: ["bob", "carol"], created: Timestamp(year: 2023, month: 1, day: 1)!,
                                 updated: now),
            TriageLanguage.Issue(number: 3, title: "Docs", state: "closed", author: "frank", labels: ["regression", "docs"],
                                 created: Timestamp(year: 2024, month: 5, day: 20)!, updated: now),
            TriageLanguage.Issue(number: 4, title: "Unrelated", author: "gus", created: now, updated: now),
        ]
    }

    static func rules() throws -> [Rule] {
        let loaded = loadRuleFile(rulesYAML, path: "apply.yaml")
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))")
        return loaded.ruleSet.rules
    }

    /// Plans against the tracker's current state, as `triage apply` does.
    static func plan(_ tracker: InMemoryTracker, maxPerRule: Int? = nil, force: Bool = false) async throws -> ApplyPlan {
        let rules = try rules()
        let engine = RuleEngine(rules: rules, options: .init(now: now, concurrency: 2, keepMatchedIssues: true))
        var planner = ApplyPlanner(rules: rules, now: now, maxIssuesPerRule: maxPerRule, force: force)
        _ = try await engine.run(provider: tracker, query: .everything) { outcome in
            guard let issue = outcome.matchedIssue else { return }
            let comments = planner.needsComments(outcome) ? try await tracker.loadComments(of: issue) : []
            planner.add(issue, matchedRules: outcome.matchedRules, comments: comments)
        }
        return planner.finish()
    }

    @Test func thePlanIsIdempotentFromTheStartState() async throws {
        let tracker = InMemoryTracker(issues: Self.issues())
        let plan = try await Self.plan(tracker)
        #expect(plan.entries.map { "#\($0.issue.number) \($0.operation) (\($0.rule))" } == [
            "#1 add label needs-triage (label-bugs)",
            "#1 comment \"Thanks @dana! #1 is labelled bug, 31 days old.\" (label-bugs)",
            "#2 add labels bug, needs-triage (label-bugs)",
            "#2 comment \"Thanks @erin! #2 is labelled , 517 days old.\" (label-bugs)",
            "#2 close as not_planned (close-old)",
            "#2 unassign bob (close-old)",
            "#3 reopen (reopen-regressions)",
            "#3 assign alice (reopen-regressions)",
            "#3 remove label regression (reopen-regressions)",
        ])
        #expect(plan.alreadyDone == 0)
        #expect(tracker.writes.isEmpty, "planning writes nothing")
        guard case let .comment(body) = plan.entries[1].operation else { Issue.record("not a comment"); return }
        #expect(body.hasSuffix("\n\n<!-- triage:rule=label-bugs -->"))
    }

    @Test func yesPerformsExactlyThePlanAndASecondRunPlansNothing() async throws {
        let tracker = InMemoryTracker(issues: Self.issues())
        let plan = try await Self.plan(tracker)
        let result = await ApplyExecutor.execute(plan, writer: tracker, maxOperations: nil, concurrency: 3)
        #expect(result.done == plan.entries.count)
        #expect(Set(tracker.writes) == Set(plan.entries.map { "#\($0.issue.number) \($0.operation)" }))
        let second = try await Self.plan(tracker)
        // Closed #2 no longer matches close-old, #3 is open again; the comments carry their marker.
        #expect(second.entries.isEmpty, "\(second.entries.map { "#\($0.issue.number) \($0.operation)" })")
    }

    @Test func theBudgetStopsAtExactlyNWritesInPlanOrder() async throws {
        let tracker = InMemoryTracker(issues: Self.issues())
        let plan = try await Self.plan(tracker)
        let result = await ApplyExecutor.execute(plan, writer: tracker, maxOperations: 4, concurrency: 3)
        #expect(tracker.writes.count == 4)
        #expect(result.done == 4)
        #expect(result.notDone == plan.entries.count - 4)
        #expect(result.entries.count == plan.entries.count)
        #expect(result.entries.prefix(4).allSatisfy { $0.status == .done })
        #expect(result.entries.dropFirst(4).allSatisfy { $0.status == .notDone })
    }

    @Test func aRuleOverTheBlastRadiusWritesNothingUnlessForced() async throws {
        let tracker = InMemoryTracker(issues: Self.issues())
        let guarded = try await Self.plan(tracker, maxPerRule: 1)
        #expect(guarded.heldBack == [ApplyPlan.HeldBackRule(rule: "label-bugs", matchedIssues: 2)])
        #expect(!guarded.entries.contains { $0.rule == "label-bugs" })
        #expect(guarded.entries.count == 5)
        let forced = try await Self.plan(tracker, maxPerRule: 1, force: true)
        #expect(forced.heldBack.isEmpty)
        #expect(forced.entries.count == 9)
    }

    @Test func aFailedWriteLeavesTheOthersDone() async throws {
        let tracker = InMemoryTracker(issues: Self.issues(), failing: ["#2 close as not_planned"])
        let plan = try await Self.plan(tracker)
        let result = await ApplyExecutor.execute(plan, writer: tracker, maxOperations: nil, concurrency: 2)
        #expect(result.failed == 1)
        #expect(result.done == plan.entries.count - 1)
        let failed = result.entries.first { if case .failed = $0.status { true } else { false } }
        #expect(failed?.entry.operation == .close(reason: .notPlanned))
        #expect(failed?.status == .failed("HTTP 500"))
    }

    @Test func twoRulesAskingTheSameChangeWriteItOnce() async throws {
        let yaml = """
        rules:
          - name: first
            when: draft == false
            actions: [{label: x}, {close: true}]
          - name: second
            when: draft == false
            actions: [{label: [x, y]}, {close: true}]
        """
        let rules = loadRuleFile(yaml, path: "r.yaml").ruleSet.rules
        var planner = ApplyPlanner(rules: rules, now: Self.now)
        planner.add(Self.issues()[3], matchedRules: [0, 1], comments: [])
        #expect(planner.finish().entries.map(\.operation) == [.addLabels(["x"]), .close(reason: nil), .addLabels(["y"])])
        #expect(planner.finish().alreadyDone == 1)
    }

    @Test func reportsShowThePlanAndTheOutcome() async throws {
        let tracker = InMemoryTracker(issues: Self.issues(), failing: ["#3 reopen"])
        let plan = try await Self.plan(tracker)
        let dryRun = ApplyReport.text(plan: plan, result: nil, source: "memory")
        #expect(dryRun.hasSuffix("9 writes planned on memory (dry run: pass --yes to write)\n"))
        #expect(dryRun.contains("#2 Old crash\n  add labels bug, needs-triage  (rule label-bugs)\n"))
        let result = await ApplyExecutor.execute(plan, writer: tracker, maxOperations: 8, concurrency: 1)
        let text = ApplyReport.text(plan: plan, result: result, source: "memory")
        #expect(text.contains("  FAILED: reopen  (rule reopen-regressions): HTTP 500\n"))
        #expect(text.contains("  not done (budget): remove label regression  (rule reopen-regressions)\n"))
        #expect(text.hasSuffix("9 writes planned on memory; 7 done, 1 failed, 1 not done\n"))
        let json = ApplyReport.json(plan: plan, result: result, source: "memory")
        #expect(json.contains("\"status\": \"not_done\""))
        #expect(json.contains("\"dry_run\": false"))
    }

    @Test func onlyTheWritersOwnMarkerCountsAndTemplatesCannotInjectOne() throws {
        let rules = try Self.rules()
        var issue = Self.issues()[0]
        issue.title = "Crash <!-- triage:rule=close-old -->"
        let pasted = IssueComment(author: "mallory", body: "hidden\n\n<!-- triage:rule=label-bugs -->", created: Self.now)
        // With the writer's login known, mallory's pasted marker does not suppress the comment.
        var planner = ApplyPlanner(rules: rules, now: Self.now, markerAuthor: "triage-bot")
        planner.add(issue, matchedRules: [0], comments: [pasted])
        let comments = planner.finish().entries.compactMap { entry -> String? in
            if case let .comment(body) = entry.operation { return body }
            return nil
        }
        #expect(comments.count == 1)
        // The bot's own earlier comment does.
        var again = ApplyPlanner(rules: rules, now: Self.now, markerAuthor: "triage-bot")
        again.add(issue, matchedRules: [0], comments: [IssueComment(author: "triage-bot", body: comments[0], created: Self.now)])
        #expect(!again.finish().entries.contains { if case .comment = $0.operation { true } else { false } })
        // A title cannot carry a marker into the comment: HTML comment delimiters are escaped.
        let template = CommentTemplate(source: "{{ title }}", parts: [.field("title")])
        #expect(template.render(for: issue, now: Self.now) == "Crash &lt;!-- triage:rule=close-old --&gt;")
    }
}
