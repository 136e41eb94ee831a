import Synchronization

/// One write held in flight: the `ordinal`-th write request (1-based, counting every POST, PUT,
/// PATCH and DELETE) gets no answer until `release` opens, applied by the tracker first or not
/// (`applied`). `arrived` opens when it comes in, so a crash test kills the client exactly while
/// it waits for a write's answer instead of sleeping and hoping it is mid-write. Writes after it
/// are answered normally. Tests serve a `FakeIssueTracker` through `respond(to:baseURL:hold:)`.
public final class HeldWrite: Sendable {
    public let ordinal: Int
    public let applied: Bool
    /// Opens when the held write arrives.
    public let arrived = Gate()
    /// Opening it lets the held answer go (to a client that may be gone).
    public let release = Gate()
    private let writesSeen = Mutex(0)

    public init(ordinal: Int, applied: Bool) {
        self.ordinal = ordinal
        self.applied = applied
    }

    /// Counts a write request; true for the one to hold.
    func isHeld(_ request: TestHTTPRequest) -> Bool {
        guard ["POST", "PUT", "PATCH", "DELETE"].contains(request.method) else { return false }
        return writesSeen.withLock { seen in
            seen += 1
            return seen == ordinal
        }
    }
}

extension FakeIssueTracker {
    /// Answers like `respond(to:baseURL:)`, but the write `hold` selects is held (applied first
    /// when `hold.applied`, else left undone) and `hold.arrived` opens.
    public func respond(to request: TestHTTPRequest, baseURL: String, hold: HeldWrite) -> TestHTTPResponse {
        guard hold.isHeld(request) else { return respond(to: request, baseURL: baseURL) }
        var answer = hold.applied ? respond(to: request, baseURL: baseURL) : TestHTTPResponse(status: 500, json: "{}")
        answer.heldUntil = hold.release
        hold.arrived.open()
        return answer
    }
}
