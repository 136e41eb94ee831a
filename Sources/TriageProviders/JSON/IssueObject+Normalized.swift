import TriageLanguage

extension IssueObject {
    /// Maps a normalized issue: an object whose keys are the SPEC §1 field names (`number`, `title`,
    /// `body`, `state`, `kind`, `draft`, `author`, `author_association`, `labels` and `assignees` as
    /// arrays of strings, `milestone` as a string, `comments`, `reactions` and `upvotes` as integers,
    /// `locked`, `created`, `updated`, `closed`, `url`, `repo`), as rule tests and exports write them.
    ///
    /// Since `comments` is the comment count here, lazy data comes under two keys of its own:
    /// `"comments_data": [{"author", "body", "created", "association"?, "bot"?}]` (oldest first) and
    /// `"label_events": [{"label", "action": "added"|"removed", "created"}]`; present (even empty) they
    /// become `embeddedComments`/`embeddedLabelEvents`, absent or null they stay `nil`. Pull-request
    /// data (SPEC §8) likewise: `"reviews"`, `"linked_prs"` and `"checks"` (see `+NormalizedPulls`).
    ///
    /// Defaults: `number` and `created` are required; `updated` absent → `created`; `title`, `body`,
    /// `author`, `url` absent → `""`; `state` → `open`; `kind` → `issue`; booleans → false; counts → 0;
    /// `repo` absent → derived from `url` (GitLab-style when it has `/-/`, else `owner/name`).
    func normalizedIssue() throws(IssueJSONError) -> Issue {
        guard let number = try int(.number) else { throw missing(.number) }
        let created = try requiredTimestamp(.created)
        var issue = Issue(number: number, created: created, updated: try timestamp(.updated) ?? created)
        issue.title = try string(.title) ?? ""
        issue.state = try string(.state) ?? "open"
        issue.kind = try string(.kind) ?? "issue"
        issue.draft = try bool(.draft) ?? false
        issue.comments = try int(.comments) ?? 0
        issue.locked = try bool(.locked) ?? false
        issue.closed = try timestamp(.closed)
        issue.url = try string(.url) ?? ""
        if let repo = try string(.repo) {
            issue.repo = repo
        } else {
            issue.repo = try withString(.url) { url in
                url.contains("/-/") ? RepositoryPath.fromGitLabWebURL(url) : RepositoryPath.fromGitHubWebURL(url)
            } ?? ""
        }

        if fields.body { issue.body = try string(.body) ?? "" }
        if fields.author { issue.author = try string(.author) ?? "" }
        if fields.authorAssociation { issue.authorAssociation = try string(.authorAssociation) }
        if fields.labels { issue.labels = try names(.labels, nameKey: "name") ?? [] }
        if fields.assignees { issue.assignees = try names(.assignees, nameKey: "login") ?? [] }
        if fields.milestone { issue.milestone = try milestoneTitle() }
        if fields.reactions { issue.reactions = try int(.reactions) ?? 0 }
        if fields.upvotes { issue.upvotes = try int(.upvotes) ?? 0 }
        issue.embeddedComments = try embeddedComments()
        issue.embeddedLabelEvents = try embeddedLabelEvents()
        try embedPullData(into: &issue)
        return issue
    }

    func embeddedComments() throws(IssueJSONError) -> [IssueComment]? {
        // The language reads them oldest first (`last_comment` is the last); exports may be in any order.
        try embeddedRecords(.commentsData, CommentReader.self)?.stableSorted { $0.created < $1.created }
    }

    func embeddedLabelEvents() throws(IssueJSONError) -> [LabelEvent]? {
        try embeddedRecords(.labelEvents, LabelEventReader.self)?.stableSorted { $0.created < $1.created }
    }
}

/// An entry of `comments_data`: `{"author", "body", "created", "association"?, "bot"?}`.
private struct CommentReader: EmbeddedRecordReader {
    enum Key { case author, body, created, association, bot }

    var author: String?, body: String?, created: Timestamp?, association: String?, bot: Bool?

    static func key(_ key: UnsafeRawBufferPointer) -> Key? {
        if key.equals("author") { .author }
        else if key.equals("body") { .body }
        else if key.equals("created") { .created }
        else if key.equals("association") { .association }
        else if key.equals("bot") { .bot }
        else { nil }
    }

    mutating func read(_ key: Key, from scanner: inout JSONScanner) throws(IssueJSONError) {
        switch key {
        case .author: author = try scanner.readNullableString("comments_data[].author")
        case .body: body = try scanner.readNullableString("comments_data[].body")
        case .created: created = try scanner.readNullableTimestamp("comments_data[].created")
        case .association: association = try scanner.readNullableString("comments_data[].association")
        case .bot: bot = try scanner.readBool("comments_data[].bot")
        }
    }

    func record(at entryStart: Int) throws(IssueJSONError) -> IssueComment {
        guard let created else { throw IssueJSONError(message: "an entry of \"comments_data\" has no \"created\"", byteOffset: entryStart) }
        return IssueComment(author: author ?? "", body: body ?? "", created: created, association: association, bot: bot ?? false)
    }
}

/// An entry of `label_events`: `{"label", "action": "added"|"removed", "created"}`.
private struct LabelEventReader: EmbeddedRecordReader {
    enum Key { case label, action, created }

    var label: String?, action: LabelEvent.Action?, created: Timestamp?

    static func key(_ key: UnsafeRawBufferPointer) -> Key? {
        if key.equals("label") { .label }
        else if key.equals("action") { .action }
        else if key.equals("created") { .created }
        else { nil }
    }

    mutating func read(_ key: Key, from scanner: inout JSONScanner) throws(IssueJSONError) {
        switch key {
        case .label: label = try scanner.readNullableString("label_events[].label")
        case .action:
            scanner.skipWhitespace()
            let actionStart = scanner.position
            guard let text = try scanner.readNullableString("label_events[].action"), let parsed = LabelEvent.Action(rawValue: text) else {
                throw IssueJSONError(message: "expected \"added\" or \"removed\" for \"label_events[].action\"", byteOffset: actionStart)
            }
            action = parsed
        case .created: created = try scanner.readNullableTimestamp("label_events[].created")
        }
    }

    func record(at entryStart: Int) throws(IssueJSONError) -> LabelEvent {
        guard let label, let action, let created else {
            throw IssueJSONError(message: "an entry of \"label_events\" needs \"label\", \"action\" and \"created\"", byteOffset: entryStart)
        }
        return LabelEvent(label: label, action: action, created: created)
    }
}
