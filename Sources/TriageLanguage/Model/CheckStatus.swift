/// The combined result of a pull request's checks on its head commit, the value of `checks`
/// (SPEC §8). Providers map their statuses, runs and pipelines onto it.
public enum CheckStatus: String, Hashable, Sendable, CaseIterable {
    case success, failure, pending

    /// `failure` if any failed, else `pending` if any is pending, else `success`; nil when nothing ran.
    public static func combined(_ statuses: some Sequence<CheckStatus>) -> CheckStatus? {
        var sawPending = false, sawAny = false
        for status in statuses {
            sawAny = true
            switch status {
            case .failure: return .failure
            case .pending: sawPending = true
            case .success: break
            }
        }
        guard sawAny else { return nil }
        return sawPending ? .pending : .success
    }
}

/// The loaded checks of a pull request: a status, or none when nothing ran. A value of its own so that
/// "not loaded" (`nil`) and "nothing ran" (`status == nil`) stay apart.
public struct PullChecks: Hashable, Sendable {
    public var status: CheckStatus?

    public init(_ status: CheckStatus?) { self.status = status }
}
