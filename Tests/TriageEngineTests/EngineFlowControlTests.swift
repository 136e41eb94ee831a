import Foundation
import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

struct EngineFlowControlTests {
    static let lazyRule = validRuleSet("""
        rules:
          - name: author-replied
            when: state == "open" and last_comment.author == author
        """).rules

    /// Every issue open and commented, so every one needs a (possibly slow) comment load.
    static func commentedIssues(_ count: Int) -> [TriageLanguage.Issue] {
        makeIssues(count).map { issue in
            var issue = issue
            issue.state = "open"
            issue.comments = 2
            return issue
        }
    }

    // MARK: Provider failure

    @Test func aProviderErrorMidwayIsThrownAfterTheOutcomesBeforeIt() async throws {
        let provider = FailingProvider(issues: makeIssues(1_000), failAfter: 500)
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 2, batchSize: 3))
        var handled: [Int] = []
        await #expect(throws: ProviderBroke(afterIssues: 500)) {
            _ = try await engine.run(provider: provider, query: IssueQuery.everything) { handled.append($0.issue.number) }
        }
        // Whatever was handled is a prefix of the source, in order; nothing past the failure. Only
        // the work in flight when the source failed is lost: at most `concurrency` batches plus
        // the batch being read.
        #expect(handled == (0..<handled.count).map { $0 + 1 })
        #expect(handled.count <= 500)
        #expect(handled.count >= 500 - (2 + 1) * 3, "handled \(handled.count) of the 500 issues before the failure")
    }

    @Test(.timeLimit(.minutes(5)))
    func aProviderErrorDoesNotWaitForSlowEvaluationsInFlight() async throws {
        // Issues 1 and 2 are in flight, their comment loads never answering by themselves, when the
        // stream fails (it fails only once both loads have started). A run that waited for them
        // would never end, and the time limit would fail the test.
        let provider = FailingProvider(issues: Self.commentedIssues(10), failAfter: 2, hangingCommentLoads: true)
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 8, batchSize: 1))
        let task = Task { try await engine.run(provider: provider, query: IssueQuery.everything) { _ in } }
        let outcome = try #require(await result(of: task), "the run waited for the hanging loads")
        #expect(throws: ProviderBroke(afterIssues: 2)) { try outcome.get() }
        #expect(provider.commentLoadsStarted.value == 2)
    }

    @Test func aFailingHandlerStopsTheRunWithItsError() async throws {
        struct Enough: Error, Equatable {}
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 4, batchSize: 3))
        var handled = 0
        await #expect(throws: Enough()) {
            _ = try await engine.run(provider: CountingProvider(issues: makeIssues(500)), query: IssueQuery.everything) { _ in
                handled += 1
                if handled == 10 { throw Enough() }
            }
        }
        #expect(handled == 10)
    }

    // MARK: Cancellation

    @Test(.timeLimit(.minutes(5)))
    func cancellingStopsAnEndlessSourceThatIgnoresCancellation() async throws {
        let rules = validRuleSet("""
            rules:
              - name: bugs
                when: '"bug" in labels'
            """).rules
        let engine = RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 2, batchSize: 16))
        let handled = Tally()
        let task = Task { try await engine.run(provider: EndlessProvider(), query: IssueQuery.everything) { _ in handled.increment() } }
        try await handled.waitUntil(atLeast: 1_000)
        task.cancel()
        let outcome = try #require(await result(of: task), "the run went on after its task was cancelled")
        #expect(throws: CancellationError.self) { try outcome.get() }
    }

    @Test(.timeLimit(.minutes(5)))
    func cancellingStopsSlowLazyLoadsInFlight() async throws {
        let provider = CountingProvider(issues: Self.commentedIssues(100), commentLoad: { _ in .hanging })
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 4, batchSize: 2))
        let task = Task { try await engine.run(provider: provider, query: IssueQuery.everything) { _ in } }
        try await provider.commentLoads.waitUntil(totalAtLeast: 4)
        task.cancel()
        let outcome = try #require(await result(of: task), "the run went on after its task was cancelled")
        #expect(throws: CancellationError.self) { try outcome.get() }
        // Only the first batches ever started a load.
        #expect(provider.commentLoads.total <= 8)
    }

    @Test(.timeLimit(.minutes(5)))
    func cancellingWhileWaitingOnTheProviderThrowsInsteadOfReportingAPartialRun() async throws {
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 2, batchSize: 4))
        let provider = SilentProvider(first: Array(makeIssues(6)))
        let task = Task { try await engine.run(provider: provider, query: IssueQuery.everything) { _ in } }
        // The engine now waits on the provider for issue 7, which never comes.
        try await provider.waitingForMore.wait()
        task.cancel()
        let outcome = try #require(await result(of: task), "the run went on after its task was cancelled")
        // A cancelled run must not look like a complete one (the CLI would print a full report).
        #expect(throws: CancellationError.self) { try outcome.get() }
    }

    // MARK: Back-pressure

    @Test(.timeLimit(.minutes(5)), arguments: [(1, 1), (2, 3), (4, 8), (8, 1)])
    func readingNeverRunsFarAheadOfTheOutput(concurrency: Int, batchSize: Int) async throws {
        // Issue #1's load is held until the other batches that may run beside its own have loaded
        // everything, so the reorder buffer is full while the first batch is still unfinished.
        let provider = LookAheadProvider(issues: Self.commentedIssues(400), othersBeforeFirst: (concurrency - 1) * batchSize)
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: concurrency, batchSize: batchSize))
        let lookAhead = provider.lookAhead
        var numbers: [Int] = []
        _ = try await engine.run(provider: provider, query: IssueQuery.everything) { outcome in
            lookAhead.handled()
            numbers.append(outcome.issue.number)
        }
        #expect(numbers == Array(1...400))
        #expect(lookAhead.pulledCount == 400)
        let bound = (concurrency + 1) * batchSize
        #expect(lookAhead.maximum <= bound, "read \(lookAhead.maximum) issues ahead of the output; the bound is \(bound)")
    }
}
