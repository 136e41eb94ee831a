import Synchronization

/// Writes whose connection drops after the tracker applied them: the change is made, then the
/// connection closes without an answer, as when a network path fails between a server's commit and
/// its response. The client cannot tell this from a write that never arrived, so a non-idempotent
/// write (a comment) must not be sent again. Tests serve a `FakeIssueTracker` through
/// `respond(to:baseURL:drops:)`.
public final class DroppedWriteAnswers: Sendable {
    private struct State {
        var armed: [String: Int] = [:]
        var dropped: [String] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// Drops the answer to the next `times` applied writes `METHOD path`.
    public func dropAfterApplying(_ method: String, _ path: String, times: Int = 1) {
        state.withLock { $0.armed["\(method) \(path)", default: 0] += times }
    }

    /// `METHOD path` of every write whose answer was dropped, in order.
    public var dropped: [String] { state.withLock { $0.dropped } }

    /// True when the answer to this applied write is to be dropped (and counts it).
    func consume(_ request: TestHTTPRequest) -> Bool {
        let key = "\(request.method) \(request.path)"
        return state.withLock { state in
            guard let remaining = state.armed[key], remaining > 0 else { return false }
            state.armed[key] = remaining - 1
            state.dropped.append(key)
            return true
        }
    }
}

extension FakeIssueTracker {
    /// Answers like `respond(to:baseURL:)`, but an armed write in `drops` is applied and then its
    /// connection closed without an answer.
    public func respond(to request: TestHTTPRequest, baseURL: String, drops: DroppedWriteAnswers) -> TestHTTPResponse {
        var answer = respond(to: request, baseURL: baseURL)
        if request.method != "GET", answer.status < 300, drops.consume(request) { answer.dropConnection = true }
        return answer
    }
}
