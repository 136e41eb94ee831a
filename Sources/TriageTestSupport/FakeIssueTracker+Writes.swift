import Foundation
import Synchronization

/// The issues behind a `FakeIssueTracker` and the writes made to them, shared by its copies.
final class FakeTrackerStorage: Sendable {
    struct State {
        var items: [FakeIssueTracker.Item]
        var writes: [FakeIssueTracker.RecordedWrite] = []
        var failing: Set<String> = []
        var milestones: [FakeIssueTracker.Milestone] = []
    }

    let state: Mutex<State>

    init(items: [FakeIssueTracker.Item]) {
        state = Mutex(State(items: items))
    }
}

/// Writes the way GitHub and GitLab take them, so `triage apply` can run against the fake and a
/// second run sees the first one's changes: labels, comments (by the token's user,
/// `triage-bot`), state and assignees change; every applied write is recorded.
///
/// Also the reads writers need: `GET /user` (401 without a token), GitLab's `GET /users?username=`
/// (users `alice`, `bob`, `carol`, `triage-bot`, `user0`…`user12`); a single item is a read any
/// provider makes (`FakeIssueTracker.respond`).
extension FakeIssueTracker {
    /// One applied write: method, path (percent-encoding kept) and the JSON body with sorted keys
    /// ("" when there was none).
    public struct RecordedWrite: Hashable, Sendable, CustomStringConvertible {
        public var method: String
        public var path: String
        public var body: String

        public init(_ method: String, _ path: String, _ body: String = "") {
            self.method = method
            self.path = path
            self.body = body
        }

        public var description: String { "\(method) \(path)" + (body.isEmpty ? "" : " \(body)") }
    }

    /// The account a token writes as.
    public static let login = "triage-bot"
    /// When every posted comment was written (after all generated issues).
    static let postedAt = "2024-06-01T00:00:00Z"
    static let knownUsers = ["alice", "bob", "carol", login] + (0..<13).map { "user\($0)" }

    /// GitLab's id of a user.
    public static func userID(_ username: String) -> Int { 100 + (knownUsers.firstIndex(of: username) ?? 900) }

    /// Every write applied so far, in order.
    public var writes: [RecordedWrite] { storage.state.withLock { $0.writes } }

    /// From now on, answer `METHOD path` with 500 without applying it.
    public func failWrites(_ method: String, _ path: String) {
        _ = storage.state.withLock { $0.failing.insert("\(method) \(path)") }
    }

    /// Changes issue `number` directly (set up a state before a run).
    public func update(_ number: Int, _ change: (inout Item) -> Void) {
        storage.state.withLock { change(&$0.items[number - 1]) }
    }

    /// The answer to a write or a writer's read; nil for everything else.
    func respondToWrite(_ request: TestHTTPRequest) -> TestHTTPResponse? {
        let path = request.path.split(separator: "/").map(String.init)
        let authorized = request.header("authorization") != nil || request.header("private-token") != nil
        if request.method == "GET" {
            if path == ["user"] || path == ["api", "v4", "user"] {
                guard authorized else { return TestHTTPResponse(status: 401, json: #"{"message":"Requires authentication"}"#) }
                return TestHTTPResponse(json: #"{"id":\#(Self.userID(Self.login)),"login":"\#(Self.login)","username":"\#(Self.login)"}"#)
            }
            if path == ["api", "v4", "users"] {
                let username = (request.query["username"] ?? "").removingPercentEncoding
                let found = Self.knownUsers.contains(username) ? #"{"id":\#(Self.userID(username)),"username":"\#(username)"}"# : ""
                return TestHTTPResponse(json: "[\(found)]")
            }
            return milestoneList(path)
        }
        let body = (try? JSONSerialization.jsonObject(with: Data(request.body))) as? [String: Any] ?? [:]
        let canonical = request.body.isEmpty ? "" : String(decoding: (try? JSONSerialization.data(
            withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data(), as: UTF8.self)
        let record = RecordedWrite(request.method, request.path, canonical)
        return storage.state.withLock { state -> TestHTTPResponse in
            if state.failing.contains("\(request.method) \(request.path)") {
                return TestHTTPResponse(status: 500, json: #"{"message":"Internal Server Error"}"#)
            }
            let answer: TestHTTPResponse?
            if let created = createIssue(request.method, path, body, in: &state) {
                answer = created
            } else if path.count >= 5, path[0] == "repos", path[1] == owner, path[2] == name, path[3] == "issues",
               let n = Int(path[4]), n >= 1, n <= state.items.count {
                let named = (body["milestone"] as? Int).map { self.milestone(number: $0, in: state, gitHub: true) }
                answer = gitHubWrite(request.method, Array(path.dropFirst(5)), body, named, &state.items[n - 1])
            } else if path.count >= 6, path[0] == "api", path[3] == "\(owner)%2F\(name)", let n = Int(path[5]), n >= 1, n <= state.items.count,
                      state.items[n - 1].isPullRequest == (path[4] == "merge_requests") {
                let named = (body["milestone_id"] as? Int).map { self.milestone(number: $0, in: state, gitHub: false) }
                answer = gitLabWrite(request.method, Array(path.dropFirst(6)), body, named, &state.items[n - 1])
            } else {
                answer = nil
            }
            guard let answer else { return notFound }
            if answer.status < 300 { state.writes.append(record) }
            return answer
        }
    }

    /// A write on `/repos/acme/app/issues/{n}` followed by `rest`; `milestone` is the milestone a
    /// `PATCH` names by number (nil when none is named, `.some(nil)` when unknown).
    private func gitHubWrite(_ method: String, _ rest: [String], _ body: [String: Any], _ milestone: Milestone??,
                             _ item: inout Item) -> TestHTTPResponse? {
        switch (method, rest.first, rest.count) {
        case ("PATCH", nil, 0):
            switch body["state"] as? String {
            case "closed": item.closed = true
            case "open": item.closed = false
            default: break
            }
            if let text = body["body"] as? String { item.body = text }
            if let milestone {
                guard let found = milestone else { return TestHTTPResponse(status: 422, json: #"{"message":"Validation Failed"}"#) }
                item.milestone = found
            }
        case ("PUT", "lock", 1):
            item.locked = true
            return TestHTTPResponse(status: 204, json: "")
        case ("DELETE", "lock", 1):
            item.locked = false
            return TestHTTPResponse(status: 204, json: "")
        case ("POST", "labels", 1):
            for label in body["labels"] as? [String] ?? [] where !item.labels.contains(label) { item.labels.append(label) }
        case ("DELETE", "labels", 2):
            let label = rest[1].removingPercentEncoding
            guard item.labels.contains(label) else { return TestHTTPResponse(status: 404, json: #"{"message":"Label does not exist"}"#) }
            item.labels.removeAll { $0 == label }
        case ("POST", "comments", 1):
            item.posted.append((Self.login, body["body"] as? String ?? ""))
            return TestHTTPResponse(status: 201, json: "{}")
        case ("POST", "assignees", 1):
            for login in body["assignees"] as? [String] ?? [] where !item.assignees.contains(login) { item.assignees.append(login) }
            return TestHTTPResponse(status: 201, json: gitHubJSON(item))
        case ("DELETE", "assignees", 1):
            let logins = body["assignees"] as? [String] ?? []
            item.assignees.removeAll { logins.contains($0) }
        default:
            return nil
        }
        return TestHTTPResponse(json: gitHubJSON(item))
    }

    /// A write on `/api/v4/projects/acme%2Fapp/{issues|merge_requests}/{iid}` followed by `rest`.
    private func gitLabWrite(_ method: String, _ rest: [String], _ body: [String: Any], _ milestone: Milestone??,
                             _ item: inout Item) -> TestHTTPResponse? {
        switch (method, rest) {
        case ("PUT", []):
            if let text = body["description"] as? String { item.body = text }
            if let locked = body["discussion_locked"] as? Bool { item.locked = locked }
            if let milestone {
                guard let found = milestone else { return TestHTTPResponse(status: 404, json: #"{"message":"404 Milestone Not Found"}"#) }
                item.milestone = found
            }
            for label in (body["add_labels"] as? String ?? "").split(separator: ",").map(String.init) where !item.labels.contains(label) {
                item.labels.append(label)
            }
            let removed = (body["remove_labels"] as? String ?? "").split(separator: ",").map(String.init)
            item.labels.removeAll { removed.contains($0) }
            switch body["state_event"] as? String {
            case "close": item.closed = true
            case "reopen": item.closed = false
            default: break
            }
            if let ids = body["assignee_ids"] as? [Int] {
                item.assignees = ids.compactMap { id in Self.knownUsers.first { Self.userID($0) == id } }
            }
            return TestHTTPResponse(json: gitLabJSON(item))
        case ("POST", ["notes"]):
            item.posted.append((Self.login, body["body"] as? String ?? ""))
            return TestHTTPResponse(status: 201, json: "{}")
        default:
            return nil
        }
    }

    /// `text` as a JSON string literal.
    static func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
