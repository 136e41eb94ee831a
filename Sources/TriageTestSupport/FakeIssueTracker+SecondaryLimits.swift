import Synchronization

/// GitHub's secondary rate limits on writes, as its REST documentation describes them: a write
/// that arrives while another is still being applied is refused with 403, a "secondary rate limit"
/// message and `retry-after`, and nothing of it is applied. Tests serve a `FakeIssueTracker`
/// through `respond(to:baseURL:limits:)` and read what was refused here.
///
/// Each accepted write is "being applied" for `writeMilliseconds` (its answer comes that late), so
/// a client that overlaps writes is caught whatever the machine's speed; a serial client never is.
/// `refuseNext` refuses writes however they arrive, to script a limit (with or without the header).
public final class SecondaryWriteLimits: Sendable {
    /// A refused write and why.
    public struct Refusal: Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        /// True when another write was in flight: the client caused it.
        public var overlapped: Bool
        public var description: String { "\(method) \(path)\(overlapped ? " (overlapping another write)" : "")" }
    }

    private struct State {
        var busyUntil: ContinuousClock.Instant?
        var inFlight: [ContinuousClock.Instant] = []
        var maxInFlight = 0
        var scripted: [String?] = []
        var refusals: [Refusal] = []
    }

    public let writeMilliseconds: Int
    /// The `retry-after` of a refusal caused by overlapping writes, in seconds.
    public let retryAfterSeconds: Int
    private let state = Mutex(State())

    public init(writeMilliseconds: Int = 20, retryAfterSeconds: Int = 1) {
        self.writeMilliseconds = writeMilliseconds
        self.retryAfterSeconds = retryAfterSeconds
    }

    /// Every refused write, in order.
    public var refusals: [Refusal] { state.withLock { $0.refusals } }
    /// Refusals caused by overlapping writes.
    public var overlapRefusals: Int { refusals.filter(\.overlapped).count }
    /// The most writes that were ever being applied or refused at once (1 for a serial client).
    public var maxInFlightWrites: Int { state.withLock { $0.maxInFlight } }

    /// Refuses the next `count` writes with a secondary limit; `retryAfter` is the header's value,
    /// nil for none (GitHub then expects at least a minute's wait).
    public func refuseNext(_ count: Int, retryAfter: String?) {
        state.withLock { $0.scripted += Array(repeating: retryAfter, count: count) }
    }

    /// nil when the write may be applied; else the refusal to answer with.
    func admit(_ request: TestHTTPRequest) -> TestHTTPResponse? {
        let now = ContinuousClock.now
        return state.withLock { state -> TestHTTPResponse? in
            state.inFlight.removeAll { $0 <= now }
            let overlapped = state.busyUntil.map { now < $0 } ?? false
            // This one is in flight too until answered: at once when refused, late when admitted.
            state.maxInFlight = max(state.maxInFlight, state.inFlight.count + 1)
            let retryAfter: String?
            if overlapped {
                retryAfter = "\(retryAfterSeconds)"
            } else if !state.scripted.isEmpty {
                retryAfter = state.scripted.removeFirst()
            } else {
                state.busyUntil = now + .milliseconds(writeMilliseconds)
                state.inFlight.append(now + .milliseconds(writeMilliseconds))
                return nil
            }
            state.refusals.append(Refusal(method: request.method, path: request.path, overlapped: overlapped))
            let message = #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"#
            return TestHTTPResponse(status: 403, headers: retryAfter.map { [("Retry-After", $0)] } ?? [], json: message)
        }
    }
}

extension FakeIssueTracker {
    /// Answers like `respond(to:baseURL:)`, but writes pass `limits` first: one refused there is
    /// not applied; one admitted is answered `limits.writeMilliseconds` late, the time it is "being
    /// applied".
    public func respond(to request: TestHTTPRequest, baseURL: String, limits: SecondaryWriteLimits) -> TestHTTPResponse {
        guard ["POST", "PATCH", "PUT", "DELETE"].contains(request.method) else { return respond(to: request, baseURL: baseURL) }
        if let refusal = limits.admit(request) { return refusal }
        var answer = respond(to: request, baseURL: baseURL)
        answer.delayMilliseconds = max(answer.delayMilliseconds, limits.writeMilliseconds)
        return answer
    }
}
