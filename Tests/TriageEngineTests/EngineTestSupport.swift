import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules

/// The instant every engine test evaluates at.
let testNow = Timestamp(year: 2024, month: 6, day: 1)!

/// Compiles rules written as a rule file; any load error fails the test that asked.
func compileRules(_ yaml: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> [Rule] {
    let loaded = RuleLoader.load([(path: "engine-test.yaml", bytes: Array(yaml.utf8))])
    #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map { "\($0.location) \($0.code): \($0.message)" })",
            sourceLocation: sourceLocation)
    return loaded.ruleSet.rules
}

/// A thread-safe integer box shared between a provider, its iterator and the test.
final class Tally: Sendable {
    private let storage = Mutex(0)
    var value: Int { storage.withLock { $0 } }
    @discardableResult func increment() -> Int { storage.withLock { $0 += 1; return $0 } }
}

/// A thread-safe tally per key (calls per issue number).
final class KeyedTally: Sendable {
    private let storage = Mutex<[Int: Int]>([:])
    var counts: [Int: Int] { storage.withLock { $0 } }
    func increment(_ key: Int) { storage.withLock { $0[key, default: 0] += 1 } }
    var total: Int { counts.values.reduce(0, +) }
}

/// Issues `1...count` with varied fields: state, kind, labels, comment counts, update times.
func makeIssues(_ count: Int) -> [TriageLanguage.Issue] {
    (1...count).map { number in
        let labelPool = ["bug", "ui", "docs", "triage/accepted"]
        let labels = labelPool.enumerated().filter { index, _ in (number >> index) & 1 == 1 }.map(\.1)
        return TriageLanguage.Issue(
            number: number, title: "Issue \(number)", body: number % 11 == 0 ? "panic at the disco" : "body \(number)",
            state: number % 3 == 0 ? "closed" : "open", kind: number % 5 == 0 ? "pull_request" : "issue",
            draft: number % 10 == 0, author: "user\(number % 4)", labels: labels, comments: number % 4,
            created: testNow - .days(Int64(number % 90 + 1)), updated: testNow - .days(Int64(number % 45)),
            url: "https://example.test/issues/\(number)")
    }
}

/// What the in-memory providers answer for lazy data: comments derived from the issue number.
func commentsFor(_ issue: TriageLanguage.Issue) -> [IssueComment] {
    (0..<issue.comments).map { index in
        IssueComment(author: index == issue.comments - 1 ? (issue.number % 2 == 0 ? issue.author : "maintainer") : "someone",
                     body: "comment \(index)", created: issue.created + .days(Int64(index)))
    }
}

/// An in-memory provider that serves comments, optionally slowly for some issues (so batches finish
/// out of order), and counts every lazy load.
struct CountingProvider: IssueProvider {
    var issues: [TriageLanguage.Issue]
    /// Microseconds to sleep before answering `loadComments` for an issue (0: answer at once).
    var commentDelay: @Sendable (TriageLanguage.Issue) -> Int = { _ in 0 }
    /// Issues whose comment load fails.
    var failingComments: Set<Int> = []
    let commentLoads = KeyedTally()
    let labelEventLoads = KeyedTally()

    var sourceDescription: String { "memory:counting" }
    var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments, .labelEvents]) }

    func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in issues { continuation.yield(issue) }
            continuation.finish()
        }
    }

    func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        commentLoads.increment(issue.number)
        let delay = commentDelay(issue)
        if delay > 0 { try await Task.sleep(for: .microseconds(delay)) }
        if failingComments.contains(issue.number) { throw CommentsBroke(number: issue.number) }
        return commentsFor(issue)
    }

    func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] {
        labelEventLoads.increment(issue.number)
        return issue.labels.map { LabelEvent(label: $0, action: .added, created: issue.created) }
    }
}

struct CommentsBroke: Error, CustomStringConvertible {
    var number: Int
    var description: String { "comments of #\(number) could not be fetched (HTTP 502)" }
}

/// One issue's outcome in a comparable shape.
struct OutcomeSummary: Hashable, CustomStringConvertible {
    var number: Int
    var matched: [Int]
    var errors: [String]

    init(_ outcome: IssueOutcome) {
        number = outcome.issue.number
        matched = outcome.matchedRules
        errors = outcome.errors.map { "\($0.rule): \($0.message)" }
    }

    var description: String { "#\(number) \(matched) \(errors)" }
}

/// Runs `engine` over `provider` and collects every outcome in the order `handle` saw them.
func collect(_ engine: RuleEngine, _ provider: some IssueProvider, query: IssueQuery = .everything) async throws
    -> (outcomes: [OutcomeSummary], statistics: RuleEngine.Statistics) {
    var outcomes: [OutcomeSummary] = []
    let statistics = try await engine.run(provider: provider, query: query) { outcomes.append(OutcomeSummary($0)) }
    return (outcomes, statistics)
}

/// How a raced operation ended.
enum RaceResult<T: Sendable>: Sendable {
    case finished(Result<T, any Error>)
    case timedOut
}

/// A one-shot slot that an unstructured task fills and a waiter can abandon, so that waiting on an
/// operation that never ends can itself be cancelled.
private final class Latch<T: Sendable>: Sendable {
    private enum State {
        case empty
        case waiting(CheckedContinuation<Result<T, any Error>?, Never>)
        case filled(Result<T, any Error>)
        case abandoned
    }
    private let state = Mutex(State.empty)

    func fill(_ result: Result<T, any Error>) {
        let waiter: CheckedContinuation<Result<T, any Error>?, Never>? = state.withLock { state in
            switch state {
            case let .waiting(continuation):
                state = .filled(result)
                return continuation
            case .empty:
                state = .filled(result)
                return nil
            case .filled, .abandoned:
                return nil
            }
        }
        waiter?.resume(returning: result)
    }

    func wait() async -> Result<T, any Error>? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>?, Never>) in
                let immediate: Result<T, any Error>?? = state.withLock { state in
                    switch state {
                    case .empty:
                        state = .waiting(continuation)
                        return nil
                    case let .filled(result):
                        return .some(result)
                    case .abandoned:
                        return .some(nil)
                    case .waiting:
                        preconditionFailure("one waiter only")
                    }
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            abandon()
        }
    }

    private func abandon() {
        let waiter: CheckedContinuation<Result<T, any Error>?, Never>? = state.withLock { state in
            switch state {
            case let .waiting(continuation):
                state = .abandoned
                return continuation
            case .empty:
                state = .abandoned
                return nil
            case .filled, .abandoned:
                return nil
            }
        }
        waiter?.resume(returning: nil)
    }
}

/// Waits for `task` at most `seconds`, racing it against a timer in a task group. Waiting is
/// abandonable, so an operation that ignores cancellation and never ends cannot hang the test: it
/// reports `.timedOut` (and the runaway task is cancelled and left behind).
func race<T: Sendable>(_ task: Task<T, any Error>, seconds: Double) async -> RaceResult<T> {
    let latch = Latch<T>()
    Task {
        let result = await task.result
        latch.fill(result)
    }
    let outcome = await withTaskGroup(of: RaceResult<T>?.self) { group in
        group.addTask { await latch.wait().map { RaceResult.finished($0) } }
        group.addTask {
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            return Task.isCancelled ? nil : .timedOut
        }
        var first: RaceResult<T>?
        while first == nil, let next = await group.next() {
            first = next
        }
        group.cancelAll()
        return first ?? .timedOut
    }
    if case .timedOut = outcome { task.cancel() }
    return outcome
}

struct ConditionNeverHeld: Error, CustomStringConvertible {
    var description: String { "the awaited condition did not hold within the time limit" }
}

/// Polls `condition` until it holds; throws after `seconds` so a broken engine cannot hang a test.
/// The bound is generous because the whole suite shares two cooperative threads with the CLI tests,
/// which block one each while their subprocess runs: on a 2-core machine a poll can wait seconds
/// for its turn although the engine under test is fine.
func waitUntil(seconds: Double = 60, _ condition: () -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while !condition() {
        guard ContinuousClock.now < deadline else { throw ConditionNeverHeld() }
        try await Task.sleep(for: .milliseconds(2))
    }
}
