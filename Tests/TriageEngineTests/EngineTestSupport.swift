import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

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

/// The result of `task`, or nil when this wait is cancelled first (by the test's `.timeLimit`).
/// Waiting is abandonable, so an operation that ignores cancellation and never ends fails its test
/// at the time limit instead of hanging the suite (the runaway task is cancelled and left behind).
/// No clock is read here: a run that ends is seen the moment it ends.
func result<T: Sendable>(of task: Task<T, any Error>) async -> Result<T, any Error>? {
    let latch = Latch<T>()
    Task {
        let result = await task.result
        latch.fill(result)
    }
    let outcome = await latch.wait()
    if outcome == nil { task.cancel() }
    return outcome
}
