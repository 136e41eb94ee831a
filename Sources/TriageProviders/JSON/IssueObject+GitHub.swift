import TriageLanguage

extension IssueObject {
    /// Maps a GitHub REST issue or pull request (SPEC §4) as the REST API documents it:
    /// `body` null → `""`; `kind` is `pull_request` when a non-null `pull_request` member is present;
    /// `draft` absent → false; `author` is `user.login`; labels are objects with `name` (or plain
    /// strings, in old payloads); assignees are `assignees[].login`, falling back to `assignee.login`
    /// when `assignees` is absent or null; `milestone` is `milestone.title`; `reactions` and `upvotes`
    /// are `reactions.total_count` and `reactions["+1"]` (absent → 0); `url` is `html_url`; `repo`
    /// comes from `repository_url`, else `url`, else `html_url`. `number` and `created_at` are
    /// required; `updated_at` absent → `created_at`; `state` absent → `open`.
    func githubIssue() throws(IssueJSONError) -> Issue {
        guard let number = try int(.number) else { throw missing(.number) }
        let created = try requiredTimestamp(.createdAt)
        var issue = Issue(number: number, created: created, updated: try timestamp(.updatedAt) ?? created)
        issue.title = try string(.title) ?? ""
        issue.state = try string(.state) ?? "open"
        issue.kind = hasValue(.pullRequest) ? "pull_request" : "issue"
        issue.draft = try bool(.draft) ?? false
        issue.comments = try int(.comments) ?? 0
        issue.locked = try bool(.locked) ?? false
        issue.closed = try timestamp(.closedAt)
        issue.url = try string(.htmlURL) ?? ""
        issue.repo = try githubRepo()

        if fields.body { issue.body = try string(.body) ?? "" }
        if fields.author { issue.author = try string(.userLogin) ?? "" }
        if fields.authorAssociation { issue.authorAssociation = try string(.authorAssociation) }
        if fields.labels { issue.labels = try names(.labels, nameKey: "name") ?? [] }
        if fields.assignees {
            if let assignees = try names(.assignees, nameKey: "login") {
                issue.assignees = assignees
            } else if let login = try string(.assigneeLogin) {
                issue.assignees = [login]
            }
        }
        if fields.milestone { issue.milestone = try milestoneTitle() }
        if fields.reactions || fields.upvotes {
            guard !hasValue(.reactions) || firstByte(.reactions) == ASCII.openBrace else { throw typeError(.reactions, "an object") }
            issue.reactions = try int(.reactionsTotal) ?? 0
            issue.upvotes = try int(.reactionsPlusOne) ?? 0
        }
        // Not part of GitHub's API: an export may add the lazy data in normalized form (SPEC §4 extension).
        issue.embeddedComments = try embeddedComments()
        issue.embeddedLabelEvents = try embeddedLabelEvents()
        try embedPullData(into: &issue)
        return issue
    }

    private func githubRepo() throws(IssueJSONError) -> String {
        if let repo = try withString(.repositoryURL, RepositoryPath.fromGitHubAPIURL) { return repo }
        if let repo = try withString(.url, RepositoryPath.fromGitHubAPIURL) { return repo }
        if let repo = try withString(.htmlURL, RepositoryPath.fromGitHubWebURL) { return repo }
        return ""
    }

    /// `milestone.title` of a milestone object; a plain string is taken as the title.
    func milestoneTitle() throws(IssueJSONError) -> String? {
        switch firstByte(.milestone) {
        case nil, ASCII.n: return nil
        case ASCII.openBrace: return try string(.milestoneTitle)
        case ASCII.quote: return try string(.milestone)
        default: throw typeError(.milestone, "an object or a string")
        }
    }
}
