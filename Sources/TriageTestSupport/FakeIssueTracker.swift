/// A repository of generated issues served in GitHub REST and GitLab REST v4 shape by a
/// `TestHTTPServer`: list pages with real pagination headers (GitHub's `Link` pointing at
/// `/repositories/{id}/issues`, as api.github.com does; GitLab's `Link`, `x-next-page`,
/// `x-total-pages`), single issues (GitHub `GET /repos/{o}/{r}/issues/{n}`, which serves pull requests
/// too; GitLab `GET /projects/{id}/issues/{iid}` or `/merge_requests/{iid}`, each only for its kind),
/// comments/notes and label events. Filters `state` and `labels` like the APIs.
///
/// Issue `n` (1-based): every 10th is a pull request, every 3rd closed; every 5th carries `bug`,
/// every 7th `question`; `n % 4` comments, the last one by `dependabot[bot]` when `n % 8 == 3`;
/// created `n` hours after 2024-01-01, updated `n % 50` days later; nobody assigned.
///
/// Writes (`FakeIssueTracker+Writes.swift`) change the issues as the APIs do; copies of a tracker
/// share its issues, so the server's handler and the test see the same state.
public struct FakeIssueTracker: Sendable {
    public struct Item: Sendable {
        public var number: Int
        public var isPullRequest: Bool
        public var closed: Bool
        public var labels: [String]
        /// Generated comments (see `commentAuthors`); `posted` come after them.
        public var comments: Int
        public var created: String
        public var updated: String
        public var author: String
        public var assignees: [String] = []
        /// Comments written through the API, oldest first.
        public var posted: [(author: String, body: String)] = []
        /// Deleted or transferred (`FakeIssueTracker+Sync.swift`): no route serves it any more.
        public var deleted = false
        /// Set by writes (`FakeIssueTracker+Milestones.swift`, `+Reports.swift`); nil: generated.
        public var locked = false
        public var milestone: Milestone?
        public var title: String?
        public var body: String?
    }

    /// The issues as they are now.
    public var items: [Item] { storage.state.withLock { $0.items } }
    public let owner: String, name: String
    /// The numeric id GitHub's `Link` headers page through (`/repositories/{id}/issues`).
    public let repositoryID: Int
    public let pageSize: Int
    let storage: FakeTrackerStorage

    public init(count: Int, pageSize: Int = 100, owner: String = "acme", name: String = "app", repositoryID: Int = 42) {
        self.owner = owner
        self.name = name
        self.repositoryID = repositoryID
        self.pageSize = pageSize
        let items = (1...max(1, count)).map { n in
            var labels: [String] = []
            if n % 5 == 0 { labels.append("bug") }
            if n % 7 == 0 { labels.append("question") }
            let created = 1_704_067_200 + n * 3600
            return Item(number: n, isPullRequest: n % 10 == 0, closed: n % 3 == 0, labels: labels, comments: n % 4,
                        created: Self.rfc3339(created), updated: Self.rfc3339(created + (n % 50) * 86_400), author: "user\(n % 13)")
        }.prefix(count).map { $0 }
        storage = FakeTrackerStorage(items: items)
    }

    /// Answers a request for either API; 404 for anything else. Every answer carries the server's
    /// `Date`, and reads an `ETag` honoured by `If-None-Match` (`FakeIssueTracker+Sync.swift`).
    public func respond(to request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        Self.conditional(request, respondUnconditionally(to: request, baseURL: baseURL))
    }

    func respondUnconditionally(to request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        if let answer = respondToWrite(request) { return answer }
        let path = request.path.split(separator: "/").map(String.init)
        if let answer = respondToConversation(request, path: path) { return answer }
        if path.count == 4, path[0] == "repos", path[1] == owner, path[2] == name, path[3] == "issues" {
            return gitHubPage(request, baseURL: baseURL)
        }
        if path.count == 3, path[0] == "repositories", path[1] == "\(repositoryID)", path[2] == "issues" {
            return gitHubPage(request, baseURL: baseURL)
        }
        if path.count == 5, path[0] == "repos", path[1] == owner, path[2] == name, path[3] == "issues", let n = Int(path[4]) {
            return item(n).map { TestHTTPResponse(json: gitHubJSON($0)) } ?? notFound
        }
        if path.count == 6, path[0] == "api", path[1] == "v4", path[2] == "projects", path[3] == "\(owner)%2F\(name)",
           path[4] == "issues" || path[4] == "merge_requests", let n = Int(path[5]) {
            guard let item = item(n), item.isPullRequest == (path[4] == "merge_requests") else { return notFound }
            return TestHTTPResponse(json: gitLabJSON(item))
        }
        if path.count == 6, path[0] == "repos", path[1] == owner, path[2] == name, path[3] == "issues", let n = Int(path[4]), let item = item(n) {
            if path[5] == "comments" { return paged(gitHubComments(item), request, baseURL: baseURL) }
            if path[5] == "events" { return TestHTTPResponse(json: "[" + gitHubEvents(item).joined(separator: ",") + "]") }
        }
        if path.count == 5, path[0] == "api", path[1] == "v4", path[2] == "projects", path[3] == "\(owner)%2F\(name)",
           path[4] == "issues" || path[4] == "merge_requests" {
            return gitLabPage(request, mergeRequests: path[4] == "merge_requests", baseURL: baseURL)
        }
        if path.count == 7, path[0] == "api", path[3] == "\(owner)%2F\(name)", let n = Int(path[5]), let item = item(n),
           item.isPullRequest == (path[4] == "merge_requests") {
            if path[6] == "notes" { return paged(gitLabNotes(item), request, baseURL: baseURL) }
            if path[6] == "resource_label_events" { return TestHTTPResponse(json: "[" + gitLabLabelEvents(item).joined(separator: ",") + "]") }
        }
        return notFound
    }

    public var notFound: TestHTTPResponse { TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#) }

    func item(_ number: Int) -> Item? {
        storage.state.withLock { state in number >= 1 && number <= state.items.count && !state.items[number - 1].deleted ? state.items[number - 1] : nil }
    }

    /// The items a list request selects, before paging.
    func selected(_ request: TestHTTPRequest, gitLabKind: Bool?) -> [Item] {
        let query = request.query
        let labels = (query["labels"] ?? "").split(separator: ",").map { $0.removingPercentEncoding }
        let since = updatedSince(query)
        return items.filter { item in
            if item.deleted || !item.isUpdated(since: since) { return false }
            if let gitLabKind, item.isPullRequest != gitLabKind { return false }
            switch query["state"] {
            case "open", "opened": if item.closed { return false }
            case "closed": if !item.closed { return false }
            default: break
            }
            return labels.allSatisfy(item.labels.contains)
        }
    }

    func gitHubPage(_ request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        let selection = selected(request, gitLabKind: nil)
        let page = Int(request.query["page"] ?? "1") ?? 1
        let lastPage = max(1, (selection.count + pageSize - 1) / pageSize)
        let slice = selection.dropFirst((page - 1) * pageSize).prefix(pageSize)
        var query = request.query
        query["per_page"] = "\(pageSize)"
        func link(_ page: Int, _ rel: String) -> String {
            query["page"] = "\(page)"
            let items = query.keys.sorted().map { "\($0)=\(query[$0]!)" }.joined(separator: "&")
            return "<\(baseURL)/repositories/\(repositoryID)/issues?\(items)>; rel=\"\(rel)\""
        }
        var links: [String] = []
        if page > 1 { links.append(link(page - 1, "prev")) }
        if page < lastPage { links += [link(page + 1, "next"), link(lastPage, "last")] }
        if page > 1 { links.append(link(1, "first")) }
        var headers: [(name: String, value: String)] = [("X-RateLimit-Limit", "5000"), ("X-RateLimit-Remaining", "4999")]
        if !links.isEmpty { headers.append(("Link", links.joined(separator: ", "))) }
        return TestHTTPResponse(headers: headers, json: "[" + slice.map(gitHubJSON).joined(separator: ",") + "]")
    }

    func gitLabPage(_ request: TestHTTPRequest, mergeRequests: Bool, baseURL: String) -> TestHTTPResponse {
        let selection = selected(request, gitLabKind: mergeRequests)
        let page = Int(request.query["page"] ?? "1") ?? 1
        let lastPage = max(1, (selection.count + pageSize - 1) / pageSize)
        let slice = selection.dropFirst((page - 1) * pageSize).prefix(pageSize)
        var query = request.query
        func link(_ page: Int, _ rel: String) -> String {
            query["page"] = "\(page)"
            let items = query.keys.sorted().map { "\($0)=\(query[$0]!)" }.joined(separator: "&")
            return "<\(baseURL)\(request.path)?\(items)>; rel=\"\(rel)\""
        }
        var links = [link(1, "first"), link(lastPage, "last")]
        if page < lastPage { links.insert(link(page + 1, "next"), at: 0) }
        let headers: [(name: String, value: String)] = [
            ("Link", links.joined(separator: ", ")), ("X-Next-Page", page < lastPage ? "\(page + 1)" : ""), ("X-Page", "\(page)"),
            ("X-Per-Page", "\(pageSize)"), ("X-Total", "\(selection.count)"), ("X-Total-Pages", "\(lastPage)"),
            ("RateLimit-Limit", "2000"), ("RateLimit-Remaining", "1999"),
        ]
        return TestHTTPResponse(headers: headers, json: "[" + slice.map(gitLabJSON).joined(separator: ",") + "]")
    }

    /// The issue as the GitHub REST API sends it.
    public func gitHubJSON(_ item: Item) -> String {
        let kind = item.isPullRequest ? "pull" : "issues"
        let pull = item.isPullRequest ? #","pull_request":{"url":"https://api.github.com/repos/\#(owner)/\#(name)/pulls/\#(item.number)"},"draft":false"# : ""
        return #"{"id":\#(1000 + item.number),"number":\#(item.number),"title":\#(titleJSON(item)),"body":\#(bodyJSON(item)),"#
            + #""state":"\#(item.closed ? "closed" : "open")","user":{"login":"\#(item.author)","type":"User"},"#
            + #""labels":[\#(item.labels.map { #"{"name":"\#($0)","color":"d73a4a"}"# }.joined(separator: ","))],"assignees":[\#(item.assignees.map { #"{"login":"\#($0)"}"# }.joined(separator: ","))],"#
            + #""milestone":\#(gitHubMilestoneJSON(item)),"comments":\#(item.comments + item.posted.count),"locked":\#(item.locked),"author_association":"NONE","#
            + #""created_at":"\#(item.created)","updated_at":"\#(item.updated)","closed_at":\#(item.closed ? "\"\(item.updated)\"" : "null"),"#
            + #""html_url":"https://github.com/\#(owner)/\#(name)/\#(kind)/\#(item.number)","repository_url":"https://api.github.com/repos/\#(owner)/\#(name)""#
            + pull + "}"
    }

    /// The issue (or merge request) as the GitLab REST API v4 sends it.
    public func gitLabJSON(_ item: Item) -> String {
        let kind = item.isPullRequest ? "merge_requests" : "issues"
        let mr = item.isPullRequest ? #","merge_status":"can_be_merged","source_branch":"b\#(item.number)","target_branch":"main","draft":false"# : ""
        return #"{"id":\#(1000 + item.number),"iid":\#(item.number),"title":\#(titleJSON(item)),"description":\#(bodyJSON(item)),"#
            + #""state":"\#(item.closed ? "closed" : "opened")","author":{"username":"\#(item.author)"},"#
            + #""labels":[\#(item.labels.map { "\"\($0)\"" }.joined(separator: ","))],"assignees":[\#(item.assignees.map { #"{"id":\#(Self.userID($0)),"username":"\#($0)"}"# }.joined(separator: ","))],"#
            + #""milestone":\#(gitLabMilestoneJSON(item)),"user_notes_count":\#(item.comments + item.posted.count),"upvotes":0,"downvotes":0,"discussion_locked":\#(item.locked),"#
            + #""created_at":"\#(item.created)","updated_at":"\#(item.updated)","closed_at":\#(item.closed ? "\"\(item.updated)\"" : "null"),"#
            + #""web_url":"https://gitlab.com/\#(owner)/\#(name)/-/\#(kind)/\#(item.number)","references":{"full":"\#(owner)/\#(name)\#(item.isPullRequest ? "!" : "#")\#(item.number)"}"#
            + mr + "}"
    }

    /// Comment `k` of an item is by `commenterK`, except the last of `n % 8 == 3`, by a bot.
    func commentAuthors(_ item: Item) -> [String] {
        (0..<item.comments).map { k in k == item.comments - 1 && item.number % 8 == 3 ? "dependabot[bot]" : "commenter\(k)" }
    }

    func gitHubComments(_ item: Item) -> [String] {
        commentAuthors(item).enumerated().map { k, author in
            #"{"id":\#(k),"user":{"login":"\#(author)","type":"\#(author.hasSuffix("[bot]") ? "Bot" : "User")"},"#
                + #""body":"comment \#(k)","created_at":"\#(item.created.settingMinutes(k + 1))","author_association":"NONE"}"#
        } + item.posted.enumerated().map { k, comment in
            #"{"id":\#(100 + k),"user":{"login":"\#(comment.author)","type":"User"},"body":\#(Self.jsonString(comment.body)),"#
                + #""created_at":"\#(Self.postedAt)","author_association":"MEMBER"}"#
        }
    }

    func gitLabNotes(_ item: Item) -> [String] {
        let system = #"{"id":999,"system":true,"author":{"username":"ghost"},"body":"added label","created_at":"\#(item.created)"}"#
        return [system] + commentAuthors(item).enumerated().map { k, author in
            #"{"id":\#(k),"system":false,"author":{"username":"\#(author)","bot":\#(author.hasSuffix("[bot]"))},"#
                + #""body":"comment \#(k)","created_at":"\#(item.created.settingMinutes(k + 1))"}"#
        } + item.posted.enumerated().map { k, comment in
            #"{"id":\#(100 + k),"system":false,"author":{"username":"\#(comment.author)","bot":false},"#
                + #""body":\#(Self.jsonString(comment.body)),"created_at":"\#(Self.postedAt)"}"#
        }
    }

    func gitHubEvents(_ item: Item) -> [String] {
        item.labels.map { #"{"event":"labeled","label":{"name":"\#($0)"},"created_at":"\#(item.created.settingMinutes(1))"}"# }
            + [#"{"event":"referenced","created_at":"\#(item.created)"}"#]
    }

    func gitLabLabelEvents(_ item: Item) -> [String] {
        item.labels.map { #"{"action":"add","label":{"name":"\#($0)"},"created_at":"\#(item.created.settingMinutes(1))"}"# }
    }

    /// The issues as a JSON array in GitHub shape, for a file source holding the same issues.
    public var gitHubFile: String { "[" + items.map(gitHubJSON).joined(separator: ",\n") + "]" }

    static func rfc3339(_ seconds: Int) -> String {
        let days = seconds / 86_400, rest = seconds % 86_400
        // Civil from days (Howard Hinnant's algorithm).
        let z = days + 719_468, era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097, yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9, year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(year)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }
}

extension String {
    /// The same RFC 3339 time with its minutes set to `k` (comments and events after creation).
    func settingMinutes(_ k: Int) -> String {
        var characters = Array(self)
        let minutes = k < 10 ? "0\(k)" : "\(min(k, 59))"
        characters[14] = Array(minutes)[0]
        characters[15] = Array(minutes)[1]
        return String(characters)
    }

    var removingPercentEncoding: String {
        var bytes: [UInt8] = []
        var utf8 = Array(self.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2, let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring {
    var removingPercentEncoding: String { String(self).removingPercentEncoding }
}

extension FakeIssueTracker {
    /// The same issues as JSON Lines in normalized shape with their comments and label events
    /// embedded, for a file source that must give the same matches as the APIs.
    public var normalizedFile: String {
        items.map { item in
            let comments = commentAuthors(item).enumerated().map { k, author in
                #"{"author":"\#(author)","body":"comment \#(k)","created":"\#(item.created.settingMinutes(k + 1))","bot":\#(author.hasSuffix("[bot]"))}"#
            }
            let events = item.labels.map { #"{"label":"\#($0)","action":"added","created":"\#(item.created.settingMinutes(1))"}"# }
            let kind = item.isPullRequest ? "pull" : "issues"
            return #"{"number":\#(item.number),"title":"Issue \#(item.number)","body":"Body of \#(item.number)","#
                + #""state":"\#(item.closed ? "closed" : "open")","kind":"\#(item.isPullRequest ? "pull_request" : "issue")","#
                + #""author":"\#(item.author)","labels":[\#(item.labels.map { "\"\($0)\"" }.joined(separator: ","))],"#
                + #""comments":\#(item.comments),"created":"\#(item.created)","updated":"\#(item.updated)","#
                + #""closed":\#(item.closed ? "\"\(item.updated)\"" : "null"),"url":"https://github.com/\#(owner)/\#(name)/\#(kind)/\#(item.number)","#
                + #""repo":"\#(owner)/\#(name)","comments_data":[\#(comments.joined(separator: ","))],"label_events":[\#(events.joined(separator: ","))]}"#
        }.joined(separator: "\n") + "\n"
    }
}
