/// New issues the way `report` actions make them: GitHub `POST /repos/{o}/{r}/issues` and GitLab
/// `POST /api/v4/projects/{id}/issues` add an open issue by the token's user with the given title,
/// body (`description`) and labels, numbered after the last; list requests then serve it like the
/// others, and edits (`FakeIssueTracker+Writes.swift`) change its body and state.
extension FakeIssueTracker {
    /// Creates the issue when `request` asks for one; nil for every other request.
    func createIssue(_ method: String, _ path: [String], _ body: [String: Any], in state: inout FakeTrackerStorage.State) -> TestHTTPResponse? {
        guard method == "POST" else { return nil }
        let gitHub = path == ["repos", owner, name, "issues"]
        guard gitHub || path == ["api", "v4", "projects", "\(owner)%2F\(name)", "issues"] else { return nil }
        let labels = gitHub ? body["labels"] as? [String] ?? []
            : (body["labels"] as? String ?? "").split(separator: ",").map(String.init)
        var item = Item(number: state.items.count + 1, isPullRequest: false, closed: false, labels: labels, comments: 0,
                        created: Self.postedAt, updated: Self.postedAt, author: Self.login)
        item.title = body["title"] as? String ?? ""
        item.body = body[gitHub ? "body" : "description"] as? String ?? ""
        state.items.append(item)
        return TestHTTPResponse(status: 201, json: gitHub ? gitHubJSON(item) : gitLabJSON(item))
    }

    func titleJSON(_ item: Item) -> String { item.title.map(Self.jsonString) ?? "\"Issue \(item.number)\"" }

    func bodyJSON(_ item: Item) -> String { item.body.map(Self.jsonString) ?? "\"Body of \(item.number)\"" }
}
