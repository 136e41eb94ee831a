import Synchronization
import TriageEngine

/// The repositories of one multi-repository run: the provider of each repository read so far (so
/// lazy data and writes reach the repository an issue came from) and those that failed.
final class RepositoryRoster<Member: IssueProvider>: Sendable {
    private let state = Mutex<(members: [String: Member], names: [String: String], failures: [RepositoryFailure])>(([:], [:], []))
    private let makeMember: @Sendable (String) throws -> Member

    init(makeMember: @escaping @Sendable (String) throws -> Member) {
        self.makeMember = makeMember
    }

    /// The provider of repository `name` (`owner/name`, any case), made on first use.
    func member(_ name: String) throws -> Member {
        let key = name.lowercased()
        if let known = state.withLock({ $0.members[key] }) { return known }
        let made = try makeMember(name)
        return state.withLock { state in
            if let known = state.members[key] { return known }
            state.members[key] = made
            state.names[key] = name
            return made
        }
    }

    /// Every repository a provider was made for (walked, or reached by lazy data or a write), as
    /// first named, in repository order.
    var names: [String] {
        state.withLock { Array($0.names.values) }.sorted(by: RepositoryOrder.precedes)
    }

    func recordFailure(_ failure: RepositoryFailure) {
        state.withLock { $0.failures.append(failure) }
    }

    /// The failures in repository name order, whatever order they happened in.
    var failures: [RepositoryFailure] {
        state.withLock { $0.failures }.sorted { RepositoryOrder.precedes($0.repository, $1.repository) }
    }
}

/// The order repositories are walked and reported in: by name, case-insensitively, ties by bytes.
enum RepositoryOrder {
    static func precedes(_ left: String, _ right: String) -> Bool {
        let (l, r) = (left.lowercased(), right.lowercased())
        return l == r ? left < right : l < r
    }
}
