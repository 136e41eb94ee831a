import TriageLanguage

extension IssueObject {
    /// Maps a GitLab REST issue or merge request (SPEC §1, §4): `number` is `iid`; `body` is
    /// `description` (null → `""`); `state` `opened` → `open`, and `closed`, `merged` and `locked` →
    /// `closed` (a merged merge request is finished, like a merged GitHub pull request, which GitHub
    /// reports as `closed`); `kind` is `pull_request` for merge requests (objects with `merge_status`,
    /// `source_branch` or `target_branch`); `draft` is `draft` or the older `work_in_progress`;
    /// `author` is `author.username`; `author_association` is always null; labels are strings or
    /// (`with_labels_details`) objects with `name`; assignees are `assignees[].username`, falling back
    /// to `assignee.username`; `comments` is `user_notes_count`; `reactions` is `upvotes + downvotes`;
    /// `locked` is `discussion_locked` (null → false); `closed` is `closed_at`, or `merged_at` for a
    /// merged merge request without one; `url` is `web_url`; `repo` is `references.full` without its
    /// `#iid`/`!iid`, else the path of `web_url` before `/-/`. `iid` and `created_at` are required.
    func gitlabIssue() throws(IssueJSONError) -> Issue {
        guard let number = try int(.iid) else { throw missing(.iid) }
        let created = try requiredTimestamp(.createdAt)
        var issue = Issue(number: number, created: created, updated: try timestamp(.updatedAt) ?? created)
        issue.title = try string(.title) ?? ""
        let state = try string(.state)
        switch state {
        case nil, "opened": issue.state = "open"
        case "closed", "merged", "locked": issue.state = "closed"
        case let other?: issue.state = other
        }
        issue.kind = has(.mergeStatus) || has(.sourceBranch) || has(.targetBranch) ? "pull_request" : "issue"
        let draft = try bool(.draft) ?? false
        let workInProgress = try bool(.workInProgress) ?? false
        issue.draft = draft || workInProgress
        issue.comments = try int(.userNotesCount) ?? 0
        issue.locked = try bool(.discussionLocked) ?? false
        issue.closed = try timestamp(.closedAt)
        if issue.closed == nil, state == "merged" { issue.closed = try timestamp(.mergedAt) }
        issue.url = try string(.webURL) ?? ""
        issue.repo = try gitlabRepo()

        if fields.body { issue.body = try string(.description) ?? "" }
        if fields.author { issue.author = try string(.authorUsername) ?? "" }
        if fields.labels { issue.labels = try names(.labels, nameKey: "name") ?? [] }
        if fields.assignees {
            if let assignees = try names(.assignees, nameKey: "username") {
                issue.assignees = assignees
            } else if let username = try string(.assigneeUsername) {
                issue.assignees = [username]
            }
        }
        if fields.milestone { issue.milestone = try milestoneTitle() }
        if fields.reactions || fields.upvotes {
            let upvotes = try int(.upvotes) ?? 0
            issue.upvotes = upvotes
            issue.reactions = upvotes &+ (try int(.downvotes) ?? 0)
        }
        // Not part of GitLab's API: an export may add the lazy data in normalized form (SPEC §4 extension).
        issue.embeddedComments = try embeddedComments()
        issue.embeddedLabelEvents = try embeddedLabelEvents()
        try embedPullData(into: &issue)
        return issue
    }

    private func gitlabRepo() throws(IssueJSONError) -> String {
        if let repo = try withString(.referencesFull, RepositoryPath.fromGitLabReference) { return repo }
        if let repo = try withString(.webURL, RepositoryPath.fromGitLabWebURL) { return repo }
        return ""
    }
}
