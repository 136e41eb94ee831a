public import TriageJSON
public import TriageLanguage

/// GitLab's REST answers mapped onto SPEC §8's pull-request data, apart from the requests so that each
/// mapping is tested on its own.
public enum GitLabPullDataMapping {
    /// The merge requests of `project` (its full path, compared case-insensitively) among an
    /// issue's `related_merge_requests`, each once; those of other projects are left out.
    public static func linkedPulls(fromRelated objects: [JSONValue], project: String) -> [LinkedPull] {
        var pulls: [LinkedPull] = []
        var seen = Set<Int>()
        for object in objects {
            guard let number = object["iid"]?.intValue, let path = projectPath(of: object), path.lowercased() == project.lowercased(),
                  seen.insert(number).inserted else { continue }
            let state: String = switch object["state"]?.stringValue {
            case "opened": "open"
            case "merged": "merged"
            default: "closed"
            }
            let draft = object["draft"]?.boolValue ?? object["work_in_progress"]?.boolValue ?? false
            pulls.append(LinkedPull(number: number, state: state, draft: draft, author: object["author"]?["username"]?.stringValue ?? ""))
        }
        return pulls
    }

    /// A merge request's project path from its `web_url`, else its `references.full`.
    static func projectPath(of object: JSONValue) -> String? {
        if var url = object["web_url"]?.stringValue, let path = url.withUTF8({ RepositoryPath.fromGitLabWebURL(UnsafeRawBufferPointer($0)) }) {
            return path
        }
        guard var reference = object["references"]?["full"]?.stringValue else { return nil }
        return reference.withUTF8 { RepositoryPath.fromGitLabReference(UnsafeRawBufferPointer($0)) }
    }

    /// Reviews from `/approvals` (`approved_by`: approved) and `/reviewers` (state
    /// `requested_changes`: changes requested; other states decide nothing). Neither carries a time
    /// in every GitLab version, so these reviews decide `review_state` but not `human_idle` (GitLab
    /// records approvals as system notes, which are a bot's by SPEC §8 anyway).
    public static func reviews(approvals: JSONValue, reviewers: [JSONValue]) -> [PullReview] {
        var reviews: [PullReview] = []
        for approval in approvals["approved_by"]?.arrayValue ?? [] {
            guard let user = approval["user"], let name = user["username"]?.stringValue else { continue }
            reviews.append(PullReview(author: name, state: .approved, submitted: nil, bot: GitLabBots.isBot(user)))
        }
        for reviewer in reviewers where reviewer["state"]?.stringValue == "requested_changes" {
            guard let user = reviewer["user"], let name = user["username"]?.stringValue else { continue }
            reviews.append(PullReview(author: name, state: .changesRequested, submitted: nil, bot: GitLabBots.isBot(user)))
        }
        return reviews
    }

    /// `checks` from the merge request's `head_pipeline.status`: `success`; `failed`/`canceled` →
    /// failure; `created`, `pending`, `running`, `manual`, `scheduled`, `waiting_for_resource`,
    /// `preparing` → pending; `skipped` or no pipeline → null (nothing ran).
    public static func checkStatus(ofMergeRequest mergeRequest: JSONValue) -> CheckStatus? {
        switch mergeRequest["head_pipeline"]?["status"]?.stringValue {
        case "success": .success
        case "failed", "canceled": .failure
        case "created", "pending", "running", "manual", "scheduled", "waiting_for_resource", "preparing": .pending
        default: nil
        }
    }
}
