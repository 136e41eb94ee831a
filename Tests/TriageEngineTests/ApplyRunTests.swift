import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

/// `ApplyRun`: `apply` as a library call plans what the engine and planner plan, reads the comments
/// planning needs through the engine's limited, counted loader, and refuses what cannot be written.
struct ApplyRunTests {
    static func options(perform: Bool) -> ApplyRun.Options {
        ApplyRun.Options(now: ApplyTests.now, perform: perform, writeConcurrency: 2, evaluationConcurrency: 2)
    }

    @Test func aDryRunPlansWhatEngineAndPlannerPlanAndWritesNothing() async throws {
        let tracker = InMemoryTracker(issues: ApplyTests.issues())
        let expected = try await ApplyTests.plan(tracker)
        let result = try await ApplyRun(rules: try ApplyTests.rules(), options: Self.options(perform: false)).run(provider: tracker)
        #expect(result.plan.entries == expected.entries)
        #expect(result.execution == nil && result.uncheckedComments == 0)
        #expect(tracker.writes.isEmpty)
    }

    @Test func commentsForPlanningAreLazyLoadsOfTheRun() async throws {
        let tracker = InMemoryTracker(issues: ApplyTests.issues())
        let first = try await ApplyRun(rules: try ApplyTests.rules(), options: Self.options(perform: true)).run(provider: tracker)
        #expect(first.execution?.done == first.plan.entries.count && first.execution?.failed == 0)
        // Neither issue that gets a comment had one before: nothing to read.
        #expect(first.statistics.lazyLoads == 0)
        let second = try await ApplyRun(rules: try ApplyTests.rules(), options: Self.options(perform: true)).run(provider: tracker)
        // #1 and #2 now carry the rule's comment: read once each, through the engine, and found.
        #expect(second.statistics.lazyLoads == 2)
        #expect(second.plan.entries.isEmpty, "\(second.plan.entries)")
    }

    @Test func progressHearsEveryFinishedWriteOfThePlannedOnes() async throws {
        let tracker = InMemoryTracker(issues: ApplyTests.issues())
        let heard = Mutex<[String]>([])
        var options = Self.options(perform: true)
        options.progress = { finished, planned in heard.withLock { $0.append("\(finished)/\(planned)") } }
        let result = try await ApplyRun(rules: try ApplyTests.rules(), options: options).run(provider: tracker)
        let planned = result.plan.entries.count
        #expect(planned > 1)
        #expect(heard.withLock { $0 }.sorted() == (1...planned).map { "\($0)/\(planned)" }.sorted())
        // A source that does not pace its writes says so: nothing to estimate.
        #expect(result.writeIntervalSeconds == 0)
    }

    @Test func aFailingCommentLoadFailsTheRun() async throws {
        var provider = CountingProvider(issues: makeIssues(8))
        provider.failingComments = [5]
        let rules = validRuleSet("""
            rules:
              - name: greet
                when: comments > 0
                actions: [{comment: "hello"}]
            """).rules
        await #expect(throws: CommentsBroke.self) {
            _ = try await ApplyRun(rules: rules, options: Self.options(perform: false)).run(provider: provider)
        }
    }

    @Test func refusesRulesWithoutActionsAndSourcesThatCannotWrite() throws {
        let withoutActions = validRuleSet("rules:\n  - name: plain\n    when: state == \"open\"\n").rules
        #expect(throws: ApplyRunError.noActionRules) { try ApplyRun(rules: withoutActions, options: Self.options(perform: true)) }
        let run = try ApplyRun(rules: try ApplyTests.rules(), options: Self.options(perform: true))
        let provider = CountingProvider(issues: [])
        #expect(throws: ApplyRunError.notWritable(source: "memory:counting", writableProviders: ["hub"])) {
            try run.checkWritable(provider, writableProviders: ["hub"])
        }
        #expect(ApplyRunError.notWritable(source: "memory:counting", writableProviders: ["hub", "lab"]).description
                == "memory:counting cannot be written to; apply --yes needs a source that supports writes (hub, lab). Without --yes, apply prints the plan.")
        try run.checkWritable(InMemoryTracker(issues: []))
    }
}
