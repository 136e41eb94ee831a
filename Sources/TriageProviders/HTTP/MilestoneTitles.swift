import Synchronization
import TriageEngine
import TriageJSON

/// A repository's milestones by title, read once per run (SPEC §8: however many issues a rule
/// sets a milestone on) and shared by the copies of a provider. The writer resolves every title
/// before its first write (`prepare`), one at a time, so no two reads of the list race.
final class MilestoneTitles: Sendable {
    private let titles = Mutex<[String: Int]?>(nil)

    init() {}

    /// One milestone as a list gives it.
    struct Listed: Sendable {
        var title: String
        /// GitLab's `id`, GitHub's `number`.
        var id: Int
        /// Not closed (GitHub `open`, GitLab `active`).
        var open: Bool

        /// The milestone a list's `object` describes, its id read from `idField` (GitHub `number`,
        /// GitLab `id`); nil without a title or an id. Both say `closed` for a closed one.
        init?(_ object: JSONValue, idField: String) {
            guard let title = object["title"]?.stringValue, let id = object[idField]?.intValue else { return nil }
            self.title = title
            self.id = id
            open = object["state"]?.stringValue != "closed"
        }
    }

    /// The id (GitHub: number) of the milestone titled `title`, reading the list with `load` (open
    /// and closed, nearest first: a repository's own before its groups') the first time. Titles
    /// are unique within one repository or group, not across a project and its groups (GitLab):
    /// an open milestone is chosen over a closed one of the same title, then the nearest.
    /// Throws `UnknownMilestone` naming `scope` when there is none.
    func id(of title: String, scope: String, load: () async throws -> [Listed]) async throws -> Int {
        let table: [String: Int]
        if let known = titles.withLock({ $0 }) {
            table = known
        } else {
            var chosen: [String: Listed] = [:]
            for milestone in try await load() where chosen[milestone.title].map({ !$0.open && milestone.open }) ?? true {
                chosen[milestone.title] = milestone
            }
            let loaded = chosen.mapValues(\.id)
            titles.withLock { $0 = loaded }
            table = loaded
        }
        guard let id = table[title] else { throw UnknownMilestone(title: title, scope: scope, known: table.keys.sorted()) }
        return id
    }
}
