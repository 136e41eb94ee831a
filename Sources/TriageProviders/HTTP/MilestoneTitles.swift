import Synchronization
import TriageEngine

/// A repository's milestones by title, read once per run (SPEC §8: however many issues a rule
/// sets a milestone on) and shared by the copies of a provider. The writer resolves every title
/// before its first write (`prepare`), one at a time, so no two reads of the list race.
final class MilestoneTitles: Sendable {
    private let titles = Mutex<[String: Int]?>(nil)

    init() {}

    /// The id (GitHub: number) of the milestone titled `title`, reading the list with `load` (title
    /// and id of each, nearest first: a repository's own before its groups') the first time.
    /// Throws `UnknownMilestone` naming `scope` when there is none.
    func id(of title: String, scope: String, load: () async throws -> [(title: String, id: Int)]) async throws -> Int {
        let table: [String: Int]
        if let known = titles.withLock({ $0 }) {
            table = known
        } else {
            var loaded: [String: Int] = [:]
            for milestone in try await load() where loaded[milestone.title] == nil { loaded[milestone.title] = milestone.id }
            titles.withLock { $0 = loaded }
            table = loaded
        }
        guard let id = table[title] else { throw UnknownMilestone(title: title, scope: scope, known: table.keys.sorted()) }
        return id
    }
}
