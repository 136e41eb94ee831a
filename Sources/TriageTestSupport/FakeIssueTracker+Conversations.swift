/// SPEC §8's pull-request data, generated from the item numbers like the comments, in both APIs'
/// shapes:
///
/// - linked pull requests: an issue `n` with `n % 4 == 1` is cross-referenced by the pull request
///   `m`, the next multiple of 10 (when there is one), besides a reference from another
///   repository's pull request, one from an issue and a `connected` event, none of which count.
///   `m` is `merged` when closed and `m % 20 == 0`, else `closed`/`open` as the item is.
///   GitHub: `GET /repos/{o}/{r}/issues/{n}/timeline`; GitLab: `/issues/{iid}/related_merge_requests`.
/// - reviews of pull request `n`, by `n % 30`: 10 → alice approved (bob commented): `approved`;
///   20 → alice asked for changes, then that was dismissed, bob approved: `approved`; 0 → carol
///   asked for changes (a bot approved): `changes_requested`. GitHub `GET /pulls/{n}/reviews`;
///   GitLab `/merge_requests/{iid}/approvals` and `/reviewers`.
/// - checks of pull request `n`, by `n % 30`: 10 → `success` (a success and a skipped run; combined
///   status success), 20 → `pending` (a run in progress; no statuses), 0 → `failure` (a failed and a
///   neutral run; no statuses). GitHub: `GET /pulls/{n}` (head SHA `sha{n}`),
///   `/commits/{sha}/status`, `/commits/{sha}/check-runs`; GitLab: the single merge request's
///   `head_pipeline.status` (`success`, `running`, `failed`).
extension FakeIssueTracker {
    /// The pull request cross-referencing issue `number`, if any.
    public func linkingPull(of number: Int) -> Int? {
        guard let item = item(number), !item.isPullRequest, number % 4 == 1 else { return nil }
        let pull = (number / 10 + 1) * 10
        return self.item(pull) == nil ? nil : pull
    }

    /// What `linked_prs` holds for the linked pull request: state as the tracker has it.
    func linkedState(_ pull: Item) -> String {
        pull.closed ? (pull.number % 20 == 0 ? "merged" : "closed") : "open"
    }

    /// Answers the pull-request data routes; nil for any other request.
    func respondToConversation(_ request: TestHTTPRequest, path: [String]) -> TestHTTPResponse? {
        guard request.method == "GET" else { return nil }
        if path.count >= 5, path[0] == "repos", path[1] == owner, path[2] == name {
            return gitHubConversation(Array(path.dropFirst(3)))
        }
        if path.count >= 6, path[0] == "api", path[1] == "v4", path[2] == "projects", path[3] == "\(owner)%2F\(name)" {
            return gitLabConversation(Array(path.dropFirst(4)))
        }
        return nil
    }

    private func gitHubConversation(_ path: [String]) -> TestHTTPResponse? {
        switch path.count {
        case 3 where path[0] == "issues" && path[2] == "timeline":
            guard let n = Int(path[1]), let item = item(n) else { return notFound }
            return TestHTTPResponse(json: "[" + gitHubTimeline(item).joined(separator: ",") + "]")
        case 2 where path[0] == "pulls":
            guard let n = Int(path[1]), let item = item(n), item.isPullRequest else { return notFound }
            return TestHTTPResponse(json: #"{"number":\#(n),"state":"\#(item.closed ? "closed" : "open")","draft":false,"#
                                        + #""head":{"ref":"b\#(n)","sha":"sha\#(n)"},"base":{"ref":"main"}}"#)
        case 3 where path[0] == "pulls" && path[2] == "reviews":
            guard let n = Int(path[1]), let item = item(n), item.isPullRequest else { return notFound }
            return TestHTTPResponse(json: "[" + gitHubReviews(n).joined(separator: ",") + "]")
        case 3 where path[0] == "commits" && path[1].hasPrefix("sha") && (path[2] == "status" || path[2] == "check-runs"):
            guard let n = Int(path[1].dropFirst(3)), let item = item(n), item.isPullRequest else { return notFound }
            return TestHTTPResponse(json: path[2] == "status" ? gitHubCombinedStatus(n) : gitHubCheckRuns(n))
        default:
            return nil
        }
    }

    private func gitLabConversation(_ path: [String]) -> TestHTTPResponse? {
        guard path.count >= 2, let n = Int(path[1]) else { return nil }
        switch (path[0], path.count > 2 ? path[2] : nil) {
        case ("issues", "related_merge_requests"?):
            guard let item = item(n), !item.isPullRequest else { return notFound }
            let related = linkingPull(of: n).flatMap(self.item).map { pull in
                #"{"id":\#(5000 + pull.number),"iid":\#(pull.number),"state":"\#(gitLabState(pull))","draft":false,"#
                    + #""author":{"username":"\#(pull.author)"},"web_url":"https://gitlab.com/\#(owner)/\#(name)/-/merge_requests/\#(pull.number)"}"#
            }
            let elsewhere = #"{"id":9999,"iid":77,"state":"opened","draft":false,"author":{"username":"x"},"web_url":"https://gitlab.com/elsewhere/lib/-/merge_requests/77"}"#
            return TestHTTPResponse(json: "[" + (related.map { [$0] } ?? []).joined(separator: ",") + (related == nil ? "" : ",") + elsewhere + "]")
        case ("merge_requests", nil):
            guard let item = item(n), item.isPullRequest else { return notFound }
            let base = gitLabJSON(item)
            return TestHTTPResponse(json: String(base.dropLast()) + #","head_pipeline":\#(gitLabPipeline(n)),"project_id":1}"#)
        case ("merge_requests", "approvals"?):
            guard let item = item(n), item.isPullRequest else { return notFound }
            let approvers = n % 30 == 0 ? ["review-bot"] : n % 30 == 10 || n % 30 == 20 ? ["alice"] : []
            return TestHTTPResponse(json: #"{"id":\#(5000 + n),"iid":\#(n),"approved":\#(!approvers.isEmpty),"approved_by":["#
                                        + approvers.map { #"{"user":{"username":"\#($0)","bot":\#($0.hasSuffix("bot"))}}"# }.joined(separator: ",") + "]}")
        case ("merge_requests", "reviewers"?):
            guard let item = item(n), item.isPullRequest else { return notFound }
            let reviewers: [(String, String)] = n % 30 == 0 ? [("carol", "requested_changes"), ("alice", "unreviewed")]
                : n % 30 == 10 ? [("alice", "approved"), ("bob", "reviewed")] : []
            return TestHTTPResponse(json: "[" + reviewers.map { #"{"user":{"username":"\#($0.0)"},"state":"\#($0.1)","created_at":"2024-01-01T00:00:00Z"}"# }
                .joined(separator: ",") + "]")
        default:
            return nil
        }
    }

    private func gitLabState(_ pull: Item) -> String {
        switch linkedState(pull) {
        case "merged": "merged"
        case "closed": "closed"
        default: "opened"
        }
    }

    private func gitLabPipeline(_ n: Int) -> String {
        switch n % 30 {
        case 10: #"{"id":\#(n),"status":"success"}"#
        case 20: #"{"id":\#(n),"status":"running"}"#
        case 0: #"{"id":\#(n),"status":"failed"}"#
        default: "null"
        }
    }

    func gitHubTimeline(_ item: Item) -> [String] {
        var events = [#"{"event":"connected","created_at":"\#(item.created)"}"#]
        if let number = linkingPull(of: item.number), let pull = self.item(number) {
            events.append(crossReference(number: number, repository: "\(owner)/\(name)", pull: pull))
            events.append(crossReference(number: 3, repository: "elsewhere/lib", pull: pull))
            events.append(#"{"event":"cross-referenced","source":{"type":"issue","issue":{"number":\#(item.number + 1),"state":"open","#
                          + #""user":{"login":"x"},"repository":{"full_name":"\#(owner)/\#(name)"}}}}"#)
        }
        return events
    }

    private func crossReference(number: Int, repository: String, pull: Item) -> String {
        let merged = linkedState(pull) == "merged" ? "\"\(pull.updated)\"" : "null"
        return #"{"event":"cross-referenced","created_at":"\#(pull.created)","source":{"type":"issue","issue":{"number":\#(number),"#
            + #""state":"\#(pull.closed ? "closed" : "open")","draft":false,"user":{"login":"\#(pull.author)","type":"User"},"#
            + #""repository":{"full_name":"\#(repository)"},"pull_request":{"merged_at":\#(merged)}}}}"#
    }

    private func review(_ id: Int, _ login: String, _ state: String, bot: Bool = false) -> String {
        #"{"id":\#(id),"user":{"login":"\#(login)","type":"\#(bot ? "Bot" : "User")"},"state":"\#(state)","#
            + #""submitted_at":"2024-03-0\#(id)T00:00:00Z"}"#
    }

    func gitHubReviews(_ n: Int) -> [String] {
        switch n % 30 {
        case 10: [review(1, "alice", "APPROVED"), review(2, "bob", "COMMENTED")]
        case 20: [review(1, "alice", "CHANGES_REQUESTED"), review(2, "alice", "DISMISSED"), review(3, "bob", "APPROVED")]
        case 0: [review(1, "carol", "CHANGES_REQUESTED"), review(2, "review[bot]", "APPROVED", bot: true)]
        default: []
        }
    }

    func gitHubCombinedStatus(_ n: Int) -> String {
        n % 30 == 10
            ? #"{"state":"success","sha":"sha\#(n)","total_count":1,"statuses":[{"state":"success","context":"ci/legacy"}]}"#
            : #"{"state":"pending","sha":"sha\#(n)","total_count":0,"statuses":[]}"#
    }

    func gitHubCheckRuns(_ n: Int) -> String {
        let runs: [(String, String?)] = switch n % 30 {
        case 10: [("completed", "success"), ("completed", "skipped")]
        case 20: [("in_progress", nil)]
        case 0: [("completed", "failure"), ("completed", "neutral")]
        default: []
        }
        return #"{"total_count":\#(runs.count),"check_runs":["#
            + runs.enumerated().map { #"{"id":\#($0.offset),"name":"job\#($0.offset)","status":"\#($0.element.0)","conclusion":\#($0.element.1.map { "\"\($0)\"" } ?? "null")}"# }
            .joined(separator: ",") + "]}"
    }
}
