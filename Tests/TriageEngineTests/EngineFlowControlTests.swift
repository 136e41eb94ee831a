import Foundation
import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules

struct ProviderBroke: Error, Equatable {
    var afterIssues: Int
}

/// Yields `failAfter` issues, then fails: a remote provider whose next page answers 500.
struct FailingProvider: IssueProvider {
    var issues: [TriageLanguage.Issue]
    var failAfter: Int
    /// Microseconds every comment load takes (cancellable).
    var commentDelay = 0

    var sourceDescription: String { "memory:failing" }
    var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments]) }

    func issues(matching query: IssueQuery) -> AsyncThrowingStream<TriageLanguage.Issue, any Error> {
        AsyncThrowingStream { continuation in
            for issue in issues.prefix(failAfter) { continuation.yield(issue) }
            continuation.finish(throwing: ProviderBroke(afterIssues: failAfter))
        }
    }

    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        if commentDelay > 0 { try await Task.sleep(for: .microseconds(commentDelay)) }
        return commentsFor(issue)
    }

    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

/// An endless source that never looks at cancellation: each `next()` makes another issue at once,
/// like a reader of a huge file. Only the engine can stop it.
struct EndlessProvider: IssueProvider {
    struct Issues: AsyncSequence, Sendable {
        struct Iterator: AsyncIteratorProtocol {
            var number = 0
            mutating func next() async -> TriageLanguage.Issue? {
                number += 1
                return TriageLanguage.Issue(number: number, title: "#\(number)", labels: number % 2 == 0 ? ["bug"] : [],
                                            created: testNow, updated: testNow)
            }
        }
        func makeAsyncIterator() -> Iterator { Iterator() }
    }

    var sourceDescription: String { "memory:endless" }
    var capabilities: ProviderCapabilities { ProviderCapabilities() }
    func issues(matching query: IssueQuery) -> Issues { Issues() }
    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

/// A source whose stream stays open (a long poll that never answers), for cancellation while the
/// engine waits on the provider.
struct SilentProvider: IssueProvider {
    var first: [TriageLanguage.Issue]
    var sourceDescription: String { "memory:silent" }
    var capabilities: ProviderCapabilities { ProviderCapabilities() }
    func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in first { continuation.yield(issue) }
            // Never finished.
        }
    }
    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

/// Counts issues handed to the engine against outcomes handled, and remembers the largest gap.
final class LookAhead: Sendable {
    private struct State { var pulled = 0, handled = 0, maximum = 0 }
    private let state = Mutex(State())
    func pulled() { state.withLock { $0.pulled += 1; $0.maximum = max($0.maximum, $0.pulled - $0.handled) } }
    func handled() { state.withLock { $0.handled += 1 } }
    var maximum: Int { state.withLock { $0.maximum } }
    var pulledCount: Int { state.withLock { $0.pulled } }
}

/// A provider that records how far reading runs ahead of the outcomes handled. Issue #1's comment
/// load is slow, so every later batch finishes before the first one.
struct LookAheadProvider: IssueProvider {
    struct Issues: AsyncSequence, Sendable {
        var issues: [TriageLanguage.Issue]
        var lookAhead: LookAhead
        struct Iterator: AsyncIteratorProtocol {
            var remaining: ArraySlice<TriageLanguage.Issue>
            var lookAhead: LookAhead
            mutating func next() async -> TriageLanguage.Issue? {
                guard let issue = remaining.popFirst() else { return nil }
                lookAhead.pulled()
                return issue
            }
        }
        func makeAsyncIterator() -> Iterator { Iterator(remaining: issues[...], lookAhead: lookAhead) }
    }

    var issues: [TriageLanguage.Issue]
    let lookAhead = LookAhead()
    var sourceDescription: String { "memory:look-ahead" }
    var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments]) }
    func issues(matching query: IssueQuery) -> Issues { Issues(issues: issues, lookAhead: lookAhead) }
    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        if issue.number == 1 { try await Task.sleep(for: .milliseconds(300)) }
        return commentsFor(issue)
    }
    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

struct EngineFlowControlTests {
    static let lazyRule = compileRules("""
        rules:
          - name: author-replied
            when: state == "open" and last_comment.author == author
        """)

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
        // Whatever was handled is a prefix of the source, in order; nothing past the failure.
        #expect(handled == (0..<handled.count).map { $0 + 1 })
        #expect(handled.count <= 500)
    }

    @Test func aProviderErrorDoesNotWaitForSlowEvaluationsInFlight() async throws {
        // Issues 1 and 2 are in flight, each waiting a minute for its comments, when the stream fails.
        let provider = FailingProvider(issues: Self.commentedIssues(10), failAfter: 2, commentDelay: 60_000_000)
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 8, batchSize: 1))
        let started = ContinuousClock.now
        let task = Task { try await engine.run(provider: provider, query: IssueQuery.everything) { _ in } }
        switch await race(task, seconds: 40) {
        case .timedOut:
            Testing.Issue.record("run did not throw within 40 s")
        case let .finished(result):
            #expect(throws: ProviderBroke(afterIssues: 2)) { try result.get() }
            // Far below the 60 s the loads would take: the run did not wait for them (a loose bound, the machine may be busy).
            #expect(ContinuousClock.now - started < .seconds(30))
        }
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

    @Test func cancellingStopsAnEndlessSourceThatIgnoresCancellation() async throws {
        let rules = compileRules("""
            rules:
              - name: bugs
                when: '"bug" in labels'
            """)
        let engine = RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 2, batchSize: 16))
        let handled = Tally()
        let task = Task { try await engine.run(provider: EndlessProvider(), query: IssueQuery.everything) { _ in handled.increment() } }
        try await waitUntil { handled.value >= 1_000 }
        task.cancel()
        switch await race(task, seconds: 30) {
        case .timedOut:
            Testing.Issue.record("the run went on for 10 s after its task was cancelled")
        case let .finished(result):
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }

    @Test func cancellingStopsSlowLazyLoadsInFlight() async throws {
        let provider = CountingProvider(issues: Self.commentedIssues(100), commentDelay: { _ in 60_000_000 })
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 4, batchSize: 2))
        let task = Task { try await engine.run(provider: provider, query: IssueQuery.everything) { _ in } }
        try await waitUntil { provider.commentLoads.total >= 4 }
        task.cancel()
        switch await race(task, seconds: 30) {
        case .timedOut:
            Testing.Issue.record("the run went on for 10 s after its task was cancelled")
        case let .finished(result):
            #expect(throws: CancellationError.self) { try result.get() }
        }
        // Only the first batches ever started a load.
        #expect(provider.commentLoads.total <= 8)
    }

    @Test func cancellingWhileWaitingOnTheProviderThrowsInsteadOfReportingAPartialRun() async throws {
        let engine = RuleEngine(rules: Self.lazyRule, options: .init(now: testNow, concurrency: 2, batchSize: 4))
        let task = Task {
            try await engine.run(provider: SilentProvider(first: Array(makeIssues(6))), query: IssueQuery.everything) { _ in }
        }
        // The engine now waits on the provider for issue 7, which never comes.
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        switch await race(task, seconds: 30) {
        case .timedOut:
            Testing.Issue.record("the run went on for 10 s after its task was cancelled")
        case let .finished(result):
            // A cancelled run must not look like a complete one (the CLI would print a full report).
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }

    // MARK: Back-pressure

    @Test(arguments: [(1, 1), (2, 3), (4, 8), (8, 1)])
    func readingNeverRunsFarAheadOfTheOutput(concurrency: Int, batchSize: Int) async throws {
        let provider = LookAheadProvider(issues: Self.commentedIssues(400))
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
