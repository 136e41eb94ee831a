public import TriageEngine
import TriageJSON

/// Writes through the REST API, one request per operation, on `/issues/{n}` (pull requests too:
/// on GitHub every pull request is an issue):
/// labels `POST …/labels` and `DELETE …/labels/{name}`, comments `POST …/comments`, close and
/// reopen `PATCH …/issues/{n}` with `state` (and `state_reason` when the rule gives one),
/// assignees `POST`/`DELETE …/assignees`.
///
/// The login comes from `GET /user`. A GitHub Actions `GITHUB_TOKEN` may not read it (403): the
/// login then stays unknown and a rule's marker counts whoever posted it.
extension GitHubIssueProvider: IssueWriter {
    public func prepareForWrites() async throws { _ = try await account.login() }

    public var authenticatedLogin: String? { account.knownLogin }
    public var writeIntervalSeconds: Double { client.writeIntervalSeconds }

    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws {
        let issueURL = "\(repoURL)/issues/\(number)"
        let what = "issue #\(number) of \(resource)"
        func send(_ method: String, _ url: String, _ body: [(String, JSONValue)]?) async throws {
            _ = try await client.send(method, url, json: body.map(JSONBody.encode), resource: what)
        }
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        switch operation {
        case let .addLabels(labels): try await send("POST", "\(issueURL)/labels", [("labels", strings(labels))])
        case let .removeLabel(label): try await send("DELETE", "\(issueURL)/labels/\(URLEncoding.encode(label))", nil)
        case let .comment(body): try await send("POST", "\(issueURL)/comments", [("body", .string(body))])
        case let .close(reason):
            var body: [(String, JSONValue)] = [("state", "closed")]
            if let reason { body.append(("state_reason", .string(reason.rawValue))) }
            try await send("PATCH", issueURL, body)
        case .reopen: try await send("PATCH", issueURL, [("state", "open")])
        case let .assign(logins): try await send("POST", "\(issueURL)/assignees", [("assignees", strings(logins))])
        case let .unassign(logins): try await send("DELETE", "\(issueURL)/assignees", [("assignees", strings(logins))])
        }
    }
}
