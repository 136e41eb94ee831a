public import TriageEngine
public import TriageJSON

/// Reads a GitHub webhook payload (`GITHUB_EVENT_PATH` in Actions) for `--event`: the event's name
/// (`GITHUB_EVENT_NAME`, else inferred from the payload's keys), the repository
/// (`repository.full_name`, API base from `repository.url`) and, for events about one issue or pull
/// request, its number and kind. Nothing else of the payload is used: the item is read from the API.
public enum GitHubWebhookEvent {
    /// Events whose payload carries `issue` (a pull request when `issue.pull_request` is present).
    static let issueEvents: Set<String> = ["issues", "issue_comment"]
    /// Events whose payload carries `pull_request`.
    static let pullRequestEvents: Set<String> = ["pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment"]
    /// Events with no issue that run over the whole repository.
    static let wholeSourceEvents: Set<String> = ["schedule", "workflow_dispatch", "repository_dispatch"]

    /// nil when the payload is not GitHub's: a GitLab hook (`object_kind`), or neither an event name
    /// nor a repository nor an issue to go by.
    public static func read(_ payload: JSONValue, environment: [String: String]) throws(WebhookPayloadError) -> WebhookEvent? {
        guard payload.objectEntries != nil, payload["object_kind"] == nil else { return nil }
        let name = environment["GITHUB_EVENT_NAME"].flatMap { $0.isEmpty ? nil : $0 } ?? inferredName(payload)
        let repository = self.repository(payload)
        guard name != nil || repository != nil else { return nil }
        guard let name else { return WebhookEvent(name: nil, repository: repository, target: .nothing) }
        if wholeSourceEvents.contains(name) { return WebhookEvent(name: name, repository: repository, target: .wholeSource) }
        let number: Int?, kind: ItemKind, holder: String
        if issueEvents.contains(name) {
            holder = "issue"
            number = payload["issue"]?["number"]?.intValue
            kind = payload["issue"]?["pull_request"].map { $0.isNull ? .issue : .pullRequest } ?? .issue
        } else if pullRequestEvents.contains(name) {
            holder = "pull_request"
            number = payload["pull_request"]?["number"]?.intValue ?? payload["number"]?.intValue
            kind = .pullRequest
        } else {
            return WebhookEvent(name: name, repository: repository, target: .nothing)
        }
        guard let number, number > 0 else { throw WebhookPayloadError("an event `\(name)` without `\(holder).number`") }
        guard let repository else { throw WebhookPayloadError("an event `\(name)` without `repository.full_name`") }
        return WebhookEvent(name: name, repository: repository, target: .item(number: number, kind: kind))
    }

    /// The name GitHub would give the payload, from the keys that tell the events apart.
    static func inferredName(_ payload: JSONValue) -> String? {
        if payload["issue"] != nil { return payload["comment"] != nil ? "issue_comment" : "issues" }
        if payload["pull_request"] != nil { return "pull_request" }
        return nil
    }

    /// `repository.full_name`, with the API base `repository.url` shows (`https://HOST/api/v3/repos/O/R`)
    /// when it is not the public one.
    static func repository(_ payload: JSONValue) -> WebSource? {
        guard let fullName = payload["repository"]?["full_name"]?.stringValue, !fullName.isEmpty else { return nil }
        var apiURL: String?
        if let url = payload["repository"]?["url"]?.stringValue, let reposAt = url.range(of: "/repos/") {
            let base = String(url[..<reposAt.lowerBound])
            if base != "https://api.github.com" { apiURL = base }
        }
        return WebSource(location: fullName, apiURL: apiURL)
    }
}
