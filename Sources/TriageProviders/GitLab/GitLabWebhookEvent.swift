public import TriageEngine
public import TriageJSON

/// Reads a GitLab webhook payload (a pipeline trigger's `TRIGGER_PAYLOAD`) for `--event`: the event
/// is the payload's `object_kind`; the project is `project.path_with_namespace` (API base: the
/// origin of `project.web_url` + `/api/v4`); Issue and Merge Request Hooks name their item in
/// `object_attributes.iid`, Note Hooks in `issue.iid` or `merge_request.iid`. Nothing else is used.
public enum GitLabWebhookEvent {
    /// nil when the payload has no `object_kind` (not GitLab's).
    public static func read(_ payload: JSONValue, environment: [String: String]) throws(WebhookPayloadError) -> WebhookEvent? {
        guard let name = payload["object_kind"]?.stringValue else { return nil }
        let repository = self.repository(payload)
        let number: Int?, kind: ItemKind, field: String
        switch name {
        case "issue":
            (number, kind, field) = (payload["object_attributes"]?["iid"]?.intValue, .issue, "object_attributes.iid")
        case "merge_request":
            (number, kind, field) = (payload["object_attributes"]?["iid"]?.intValue, .pullRequest, "object_attributes.iid")
        case "note":
            let noteable = payload["object_attributes"]?["noteable_type"]?.stringValue
            if noteable == "Issue" || noteable == nil && payload["issue"] != nil {
                (number, kind, field) = (payload["issue"]?["iid"]?.intValue, .issue, "issue.iid")
            } else if noteable == "MergeRequest" || noteable == nil && payload["merge_request"] != nil {
                (number, kind, field) = (payload["merge_request"]?["iid"]?.intValue, .pullRequest, "merge_request.iid")
            } else {
                // A comment on a commit or a snippet: no issue.
                return WebhookEvent(name: name, repository: repository, target: .nothing)
            }
        default:
            return WebhookEvent(name: name, repository: repository, target: .nothing)
        }
        guard let number, number > 0 else { throw WebhookPayloadError("a hook `\(name)` without `\(field)`") }
        guard let repository else { throw WebhookPayloadError("a hook `\(name)` without `project.path_with_namespace`") }
        return WebhookEvent(name: name, repository: repository, target: .item(number: number, kind: kind))
    }

    /// `project.path_with_namespace`, with the API of the server `project.web_url` is on when that is
    /// not gitlab.com.
    static func repository(_ payload: JSONValue) -> WebSource? {
        guard let path = payload["project"]?["path_with_namespace"]?.stringValue, !path.isEmpty else { return nil }
        var apiURL: String?
        if let web = payload["project"]?["web_url"]?.stringValue.flatMap(WebURL.init), web.host != "gitlab.com" {
            apiURL = "\(web.origin)/api/v4"
        }
        return WebSource(location: path, apiURL: apiURL)
    }
}
