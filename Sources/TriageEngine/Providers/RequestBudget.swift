import Synchronization

/// `--max-requests N` (SPEC §7): a budget of read attempts (retries, 304s, `GET /user` and lookups
/// included; writes have `--max-operations`) shared by every request of a run. A request reserves
/// its unit before it is sent, so concurrent page fetches can never overshoot; once the budget is
/// spent, each refused request is remembered, to report what was not read.
public final class RequestBudget: Sendable {
    public let limit: Int
    private let state = Mutex<(used: Int, refused: [String])>((0, []))

    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Takes one unit for a request of `url`; throws `RequestBudgetExhausted` (and remembers the
    /// URL) when none is left.
    public func reserve(_ url: String) throws(RequestBudgetExhausted) {
        let granted = state.withLock { state -> Bool in
            guard state.used < limit else {
                state.refused.append(url)
                return false
            }
            state.used += 1
            return true
        }
        if !granted { throw RequestBudgetExhausted(limit: limit, url: url) }
    }

    /// Requests sent under the budget.
    public var used: Int { state.withLock { $0.used } }

    /// The requests refused because the budget was spent, in the order they were refused.
    public var refused: [String] { state.withLock { $0.refused } }
}

/// A read was not sent because `--max-requests` was spent: what it would have read is "not read"
/// (a list page) or "not evaluated" (an issue's lazy data) — never a failure of the source.
public struct RequestBudgetExhausted: Error, Sendable, CustomStringConvertible {
    public var limit: Int
    public var url: String

    public init(limit: Int, url: String) {
        self.limit = limit
        self.url = url
    }

    public var description: String { "the read budget (--max-requests \(limit)) is spent; not read: \(url)" }
}
