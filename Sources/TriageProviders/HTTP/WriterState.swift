import Synchronization

/// What a writing provider learns once per run and keeps: the account it writes as, and GitLab's
/// user ids by username (one lookup per person, however many issues they are assigned).
/// A class behind a lock, because providers are value types shared across concurrent writes.
public final class WriterState: Sendable {
    private let state = Mutex<(login: String?, prepared: Bool, userIDs: [String: Int])>((nil, false, [:]))

    public init() {}

    var login: String? { state.withLock { $0.login } }
    var prepared: Bool { state.withLock { $0.prepared } }

    func setLogin(_ login: String?) { state.withLock { $0.login = login; $0.prepared = true } }

    func userID(_ username: String) -> Int? { state.withLock { $0.userIDs[username] } }
    func setUserID(_ id: Int, for username: String) { state.withLock { $0.userIDs[username] = id } }
}
