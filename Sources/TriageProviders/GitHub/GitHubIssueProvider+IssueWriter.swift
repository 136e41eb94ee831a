public import TriageEngine
import TriageJSON

/// Writes through the REST API, one request per operation, on `/issues/{n}` (pull requests too:
/// on GitHub every pull request is an issue):
/// labels `POST …/labels` and `DELETE …/labels/{name}`, comments `POST …/comments`, close and
/// reopen `PATCH …/issues/{n}` with `state` (and `state_reason` when the rule gives one),
/// assignees `POST`/`DELETE …/assignees`, lock `PUT …/lock` (with `lock_reason`) and unlock
/// `DELETE …/lock`, milestone `PATCH …/issues/{n}` with the number of the milestone titled so
/// (`GET …/milestones?state=all`, once per run). Reports: `POST …/issues` creates one with its
/// labels, `PATCH` edits its body or closes it; a report is found by its marker among the open
/// issues with its labels (one list request); the created issue's `number` and `html_url` come from
/// the `POST`'s answer.
///
/// The login comes from `GET /user`. A GitHub Actions `GITHUB_TOKEN` may not read it (403): the
/// login then stays unknown and a rule's marker counts whoever posted it.
extension GitHubIssueProvider: IssueWriter {
    public func prepareForWrites() async throws { _ = try await account.login() }

    public var authenticatedLogin: String? { account.knownLogin }
    public var writeIntervalSeconds: Double { client.writeIntervalSeconds }

    @discardableResult
    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
        let issueURL = "\(repoURL)/issues/\(number)"
        let what = itemResource(number, pullRequest: pullRequest)
        @discardableResult
        func send(_ method: String, _ url: String, _ body: [(String, JSONValue)]?) async throws -> HTTPResponse {
            try await client.send(method, url, json: body.map(JSONBody.encode), resource: what)
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
        case let .lock(reason): try await send("PUT", "\(issueURL)/lock", reason.map { [("lock_reason", .string($0.rawValue))] })
        case .unlock: try await send("DELETE", "\(issueURL)/lock", nil)
        case let .setMilestone(title): try await send("PATCH", issueURL, [("milestone", .int(try await milestoneNumber(title)))])
        case let .createReport(title, body, labels, _):
            let answer = try await send("POST", "\(repoURL)/issues", [("title", .string(title)), ("body", .string(body)), ("labels", strings(labels))])
            return ReportSearch.created(from: answer, fields: ReportSearch.gitHub)
        case let .editReport(body, _): try await send("PATCH", issueURL, [("body", .string(body))])
        case .closeReport, .closeDuplicateReport: try await send("PATCH", issueURL, [("state", "closed")])
        }
        return nil
    }

    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {
        if case let .setMilestone(title) = operation { _ = try await milestoneNumber(title) }
    }

    /// The number of the milestone titled `title`, open or closed (GitHub titles are unique within
    /// a repository).
    private func milestoneNumber(_ title: String) async throws -> Int {
        try await milestones.id(of: title, scope: resource) {
            try await client.getAllObjects("\(repoURL)/milestones?state=all&per_page=100", resource: "milestones of \(resource)")
                .compactMap { MilestoneTitles.Listed($0, idField: "number") }
        }
    }

    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? {
        let url = "\(repoURL)/issues?state=open&per_page=100" + ReportSearch.labelsQuery(labels)
        let issues = try await client.getAllObjects(url, resource: "report issues of \(resource)")
            .filter { $0["pull_request"] == nil || $0["pull_request"] == .null }
        return ReportSearch.oldest(in: issues, marker: marker, fields: ReportSearch.gitHub)
    }
}
