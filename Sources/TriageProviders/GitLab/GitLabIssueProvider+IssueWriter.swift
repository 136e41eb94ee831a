public import TriageEngine
import TriageJSON

/// Writes through the REST API v4 on `/issues/{iid}`, or `/merge_requests/{iid}` for merge requests
/// (GitLab numbers the two apart, hence the `pullRequest` flag): labels, state and assignees with
/// `PUT` (`add_labels`, `remove_labels`, `state_event`, `assignee_ids`), comments `POST …/notes`.
///
/// Lock and unlock: `PUT` with `discussion_locked` (GitLab has no lock reason; it is dropped).
/// Milestones: `milestone_id` of the milestone titled so among the project's
/// (`/projects/:id/milestones`) and its ancestor groups' (`/groups/:id/milestones`), read once
/// per run. Reports: `POST /projects/:id/issues` creates one with its labels, `PUT` edits its
/// `description` or closes it (`state_event`); a report is found by its marker among the opened
/// issues with its labels (one list request).
///
/// GitLab has no close reason: `close: {reason: …}` closes, and the reason is dropped.
/// Assignees are ids: an assign or unassign reads the item's current assignees first (one `GET`,
/// so two rules assigning on one issue in a run both stick) and looks new people up with
/// `GET /users?username=` once per run. The username comes from `GET /user`.
extension GitLabIssueProvider: IssueWriter {
    public func prepareForWrites() async throws {
        _ = try await Self.learnLogin(apiBase: apiBase, client: client, into: writerState)
    }

    /// The token's username (`GET /user`, once per `state`), for a project or a group source.
    static func learnLogin(apiBase: String, client: APIClient, into state: WriterState) async throws -> String? {
        guard client.hasToken, !state.prepared else { return state.login }
        let response = try await client.get("\(apiBase)/user", resource: "the token's user")
        state.setLogin(JSONBody.value(response)?["username"]?.stringValue)
        return state.login
    }

    public var authenticatedLogin: String? { writerState.login }
    public var writeIntervalSeconds: Double { client.writeIntervalSeconds }

    @discardableResult
    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
        let url = itemURL(number, pullRequest: pullRequest)
        let what = itemResource(number, pullRequest: pullRequest)
        @discardableResult
        func send(_ method: String, _ url: String, _ body: [(String, JSONValue)]) async throws -> HTTPResponse {
            try await client.send(method, url, json: JSONBody.encode(body), resource: what)
        }
        func ids(_ values: [Int]) -> JSONValue { .array(values.map(JSONValue.int)) }
        switch operation {
        case let .addLabels(labels): try await send("PUT", url, [("add_labels", .string(labels.joined(separator: ",")))])
        case let .removeLabel(label): try await send("PUT", url, [("remove_labels", .string(label))])
        case let .comment(body): try await send("POST", "\(url)/notes", [("body", .string(body))])
        case .close: try await send("PUT", url, [("state_event", "close")])
        case .reopen: try await send("PUT", url, [("state_event", "reopen")])
        case let .assign(usernames):
            let current = try await assignees(url, resource: what)
            var assigneeIDs = current.map(\.id)
            for username in usernames where !current.contains(where: { $0.username == username }) {
                assigneeIDs.append(try await userID(username))
            }
            try await send("PUT", url, [("assignee_ids", ids(assigneeIDs))])
        case let .unassign(usernames):
            let current = try await assignees(url, resource: what)
            try await send("PUT", url, [("assignee_ids", ids(current.filter { !usernames.contains($0.username) }.map(\.id)))])
        case .lock: try await send("PUT", url, [("discussion_locked", .bool(true))])
        case .unlock: try await send("PUT", url, [("discussion_locked", .bool(false))])
        case let .setMilestone(title): try await send("PUT", url, [("milestone_id", .int(try await milestoneID(title)))])
        case let .createReport(title, body, labels, _):
            let answer = try await send("POST", "\(projectURL)/issues", [("title", .string(title)), ("description", .string(body)),
                                                                        ("labels", .string(labels.joined(separator: ",")))])
            return ReportSearch.created(from: answer, fields: ReportSearch.gitLab)
        case let .editReport(body, _): try await send("PUT", url, [("description", .string(body))])
        case .closeReport, .closeDuplicateReport: try await send("PUT", url, [("state_event", "close")])
        }
        return nil
    }

    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {
        if case let .setMilestone(title) = operation { _ = try await milestoneID(title) }
    }

    /// The id of the milestone titled `title`: an open (`active`) one before a closed one, then
    /// the project's own before its groups', from the nearest up. A namespace that is a user, not a
    /// group, has no group milestones (404).
    private func milestoneID(_ title: String) async throws -> Int {
        try await milestones.id(of: title, scope: "\(resource) and its groups") {
            func milestones(_ url: String, _ what: String) async throws -> [MilestoneTitles.Listed] {
                try await client.getAllObjects(url, resource: what).compactMap { MilestoneTitles.Listed($0, idField: "id") }
            }
            var found = try await milestones("\(projectURL)/milestones?per_page=100", "milestones of \(resource)")
            var namespace = projectPath.split(separator: "/").dropLast()
            while !namespace.isEmpty {
                let group = namespace.joined(separator: "/")
                do {
                    found += try await milestones("\(apiBase)/groups/\(URLEncoding.encode(group))/milestones?per_page=100", "milestones of group \(group)")
                } catch let error as APIError where error.status == 404 {
                    // A user namespace.
                }
                namespace = namespace.dropLast()
            }
            return found
        }
    }

    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? {
        let url = "\(projectURL)/issues?state=opened&per_page=100" + ReportSearch.labelsQuery(labels)
        let issues = try await client.getAllObjects(url, resource: "report issues of \(resource)")
        return ReportSearch.oldest(in: issues, marker: marker, fields: ReportSearch.gitLab)
    }

    /// The item's assignees now, as ids with usernames.
    private func assignees(_ url: String, resource: String) async throws -> [(id: Int, username: String)] {
        let response = try await client.get(url, resource: resource)
        let objects = JSONBody.value(response)?["assignees"]?.arrayValue ?? []
        return objects.compactMap { object in
            guard let id = object["id"]?.intValue, let username = object["username"]?.stringValue else { return nil }
            return (id, username)
        }
    }

    /// A user's id by username, looked up once per run.
    private func userID(_ username: String) async throws -> Int {
        if let known = writerState.userID(username) { return known }
        let response = try await client.get("\(apiBase)/users?username=\(URLEncoding.encode(username))", resource: "user \(username)")
        let users = JSONBody.value(response)?.arrayValue ?? []
        guard let id = users.first(where: { $0["username"]?.stringValue?.lowercased() == username.lowercased() })?["id"]?.intValue else {
            throw APIError("GitLab has no user `\(username)` to assign")
        }
        writerState.setUserID(id, for: username)
        return id
    }
}
