import Synchronization

/// Sends the mutative requests (POST, PATCH, PUT, DELETE) of one account on one host one at a
/// time, in the order they asked, with at least a minimum interval between the end of one and the
/// start of the next. GitHub's REST best practices ask for exactly this, and concurrent writes draw
/// its secondary rate limits. Unlike a limiter that only spaces the starts, a write holds its turn
/// until its answer (and any rate-limit wait and retry) is in, so two writes never overlap.
///
/// One queue per API origin and credential (`shared(origin:credential:)`), so that every client of
/// the same account on the same host in this process shares it; reads do not pass through it.
public final class WriteQueue: Sendable {
    private struct State {
        var busy = false
        /// Writes waiting for their turn, oldest first.
        var waiting: [CheckedContinuation<Void, Never>] = []
        /// When the last write finished (the clock of the policy that sent it); nil before the first.
        var lastFinished: Double?
    }

    private struct Key: Hashable {
        var origin: String
        var credential: String?
    }

    private let state = Mutex(State())
    private static let queues = Mutex<[Key: WriteQueue]>([:])

    public init() {}

    /// The queue of the account `credential` (an auth header value; nil without a token) at
    /// `origin` (scheme, host and port of the API).
    public static func shared(origin: String, credential: String?) -> WriteQueue {
        queues.withLock { queues in
            let key = Key(origin: origin, credential: credential)
            if let queue = queues[key] { return queue }
            let queue = WriteQueue()
            queues[key] = queue
            return queue
        }
    }

    /// Runs `write` when its turn has come and at least `minimumInterval` seconds have passed
    /// since the previous write finished; the next write waits until `write` returns or throws.
    /// Time is read and waited through `now` and `sleep`, so tests need not wait.
    public func serialize<T>(minimumInterval: Double, now: @Sendable () -> Double,
                             sleep: @Sendable (Double) async throws -> Void,
                             _ write: () async throws -> T) async throws -> T {
        await acquire()
        defer { release(finishedAt: now()) }
        if minimumInterval > 0, let last = state.withLock({ $0.lastFinished }) {
            let wait = last + minimumInterval - now()
            if wait > 0 { try await sleep(wait) }
        }
        return try await write()
    }

    private func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let mayGo = state.withLock { state in
                if state.busy {
                    state.waiting.append(continuation)
                    return false
                }
                state.busy = true
                return true
            }
            if mayGo { continuation.resume() }
        }
    }

    /// Hands the turn to the oldest waiting write, or frees the queue.
    private func release(finishedAt time: Double) {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.lastFinished = time
            if state.waiting.isEmpty {
                state.busy = false
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume()
    }
}
