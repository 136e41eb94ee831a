/// Milestones the way GitHub and GitLab list them, for `milestone:` actions: GitHub
/// `GET /repos/{o}/{r}/milestones` (the repository's, each with a `number`), GitLab
/// `GET /api/v4/projects/{id}/milestones` (the project's) and `GET /api/v4/groups/{id}/milestones`
/// (the group's, for the owner as a group), each with an `id`. Writes set an item's milestone by
/// that number or id (`FakeIssueTracker+Writes.swift`); items show it as `milestone.title`.
extension FakeIssueTracker {
    public struct Milestone: Hashable, Sendable {
        public var title: String
        /// GitHub's `number`, GitLab's `id`.
        public var number: Int
        /// A GitLab group milestone (of the owner), not the project's.
        public var inGroup: Bool
        /// Listed as `closed` (GitHub `state=all` and GitLab's default list show closed ones too).
        public var closed: Bool

        public init(title: String, number: Int, inGroup: Bool = false, closed: Bool = false) {
            self.title = title
            self.number = number
            self.inGroup = inGroup
            self.closed = closed
        }
    }

    /// Adds a milestone the APIs list from now on.
    public func addMilestone(_ milestone: Milestone) {
        storage.state.withLock { $0.milestones.append(milestone) }
    }

    var milestones: [Milestone] { storage.state.withLock { $0.milestones } }

    /// The list answering a milestone read; nil when `path` is no milestone list.
    func milestoneList(_ path: [String]) -> TestHTTPResponse? {
        let selected: [Milestone]
        if path == ["repos", owner, name, "milestones"] || path == ["api", "v4", "projects", "\(owner)%2F\(name)", "milestones"] {
            selected = milestones.filter { !$0.inGroup }
        } else if path == ["api", "v4", "groups", owner, "milestones"] {
            selected = milestones.filter(\.inGroup)
        } else {
            return nil
        }
        let gitHub = path[0] == "repos"
        return TestHTTPResponse(json: "[" + selected.map { milestone in
            let state = milestone.closed ? "closed" : gitHub ? "open" : "active"
            return #"{"\#(gitHub ? "number" : "id")":\#(milestone.number),"title":\#(Self.jsonString(milestone.title)),"state":"\#(state)"}"#
        }.joined(separator: ",") + "]")
    }

    /// The milestone with this GitHub number or GitLab id (project or group).
    func milestone(number: Int, in state: FakeTrackerStorage.State, gitHub: Bool) -> Milestone? {
        state.milestones.first { $0.number == number && (!gitHub || !$0.inGroup) }
    }

    func gitHubMilestoneJSON(_ item: Item) -> String {
        guard let milestone = item.milestone else { return "null" }
        return #"{"number":\#(milestone.number),"title":\#(Self.jsonString(milestone.title))}"#
    }

    func gitLabMilestoneJSON(_ item: Item) -> String {
        guard let milestone = item.milestone else { return "null" }
        return #"{"id":\#(milestone.number),"title":\#(Self.jsonString(milestone.title))}"#
    }
}
