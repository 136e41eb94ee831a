public import TriageJSON
public import TriageLanguage

/// GitHub's REST answers mapped onto SPEC §8's pull-request data, apart from the requests so that each
/// mapping is tested on its own.
public enum GitHubPullDataMapping {
    /// Pull requests of `repository` (`owner/name`, compared case-insensitively) named by the
    /// timeline's `cross-referenced` events, first mention first, each once. `connected` events do
    /// not name the pull request in REST and are not used; references from issues and from other
    /// repositories are not linked pull requests.
    public static func linkedPulls(fromTimeline events: [JSONValue], repository: String) -> [LinkedPull] {
        var pulls: [LinkedPull] = []
        var seen = Set<Int>()
        for event in events where event["event"]?.stringValue == "cross-referenced" {
            guard let source = event["source"]?["issue"], let pullRequest = source["pull_request"], !pullRequest.isNull,
                  let number = source["number"]?.intValue else { continue }
            guard let sourceRepository = repositoryName(of: source), sourceRepository.lowercased() == repository.lowercased() else { continue }
            guard seen.insert(number).inserted else { continue }
            let merged = pullRequest["merged_at"].map { !$0.isNull } ?? false
            let state = merged ? "merged" : (source["state"]?.stringValue == "closed" ? "closed" : "open")
            pulls.append(LinkedPull(number: number, state: state, draft: source["draft"]?.boolValue ?? false,
                                    author: source["user"]?["login"]?.stringValue ?? ""))
        }
        return pulls
    }

    /// `owner/name` of an issue object: its `repository.full_name`, else the tail of `repository_url`.
    static func repositoryName(of issue: JSONValue) -> String? {
        if let name = issue["repository"]?["full_name"]?.stringValue { return name }
        guard let url = issue["repository_url"]?.stringValue else { return nil }
        let parts = url.split(separator: "/")
        guard parts.count >= 3, parts[parts.count - 3] == "repos" else { return nil }
        return parts.suffix(2).joined(separator: "/")
    }

    /// The reviews of `GET /pulls/{n}/reviews`, in the order given (submission order).
    public static func reviews(from objects: [JSONValue]) -> [PullReview] {
        objects.compactMap { object in
            let state: PullReview.State
            switch object["state"]?.stringValue {
            case "APPROVED": state = .approved
            case "CHANGES_REQUESTED": state = .changesRequested
            case "DISMISSED": state = .dismissed
            case "COMMENTED": state = .commented
            case "PENDING": state = .pending
            default: return nil
            }
            let user = object["user"]
            let login = user?["login"]?.stringValue ?? ""
            return PullReview(author: login, state: state, submitted: object["submitted_at"]?.timestampValue,
                              bot: GitHubBots.isBot(user))
        }
    }

    /// The head commit's SHA from `GET /pulls/{n}`.
    public static func headSHA(ofPull pull: JSONValue) -> String? { pull["head"]?["sha"]?.stringValue }

    /// `checks` from the combined status (`GET /commits/{sha}/status`, ignored when its
    /// `total_count` is 0: GitHub then says `pending` with nothing behind it) and the check runs
    /// (the `check_runs` of `GET /commits/{sha}/check-runs`, every page): a run `queued`/`in_progress`
    /// (any status but `completed`) is pending; conclusion `success`, `neutral`, `skipped` is success,
    /// any other failure.
    public static func checkStatus(combined: JSONValue, checkRuns: [JSONValue]) -> CheckStatus? {
        var statuses: [CheckStatus] = []
        if (combined["total_count"]?.intValue ?? 0) > 0 {
            switch combined["state"]?.stringValue {
            case "success": statuses.append(.success)
            case "pending": statuses.append(.pending)
            default: statuses.append(.failure)
            }
        }
        for run in checkRuns {
            guard run["status"]?.stringValue == "completed" else { statuses.append(.pending); continue }
            switch run["conclusion"]?.stringValue {
            case "success", "neutral", "skipped": statuses.append(.success)
            default: statuses.append(.failure)
            }
        }
        return CheckStatus.combined(statuses)
    }
}
