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
        guard var scanner = scanner(at: .commentsData), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.openBracket else { throw typeError(.commentsData, "an array") }
        var comments: [IssueComment] = []
        guard try scanner.beginArray() else { return comments }
        repeat {
            scanner.skipWhitespace()
            let entryStart = scanner.position
            var author: String?, body: String?, created: Timestamp?, association: String?, bot: Bool?
            guard !scanner.isAtEnd, scanner.current == ASCII.openBrace else { throw scanner.error("expected an object in \"comments_data\"") }
            if try scanner.beginObject() {
                repeat {
                    let key = try scanner.readKey(CommentKey.init)
                    switch key {
                    case .author: author = try scanner.readNullableString("comments_data[].author")
                    case .body: body = try scanner.readNullableString("comments_data[].body")
                    case .created: created = try scanner.readNullableTimestamp("comments_data[].created")
                    case .association: association = try scanner.readNullableString("comments_data[].association")
                    case .bot: bot = try scanner.readBool("comments_data[].bot")
                    case nil: try scanner.skipValue()
                    }
                } while try scanner.nextMember()
            }
            guard let created else {
                throw IssueJSONError(message: "an entry of \"comments_data\" has no \"created\"", byteOffset: entryStart)
            }
            comments.append(IssueComment(author: author ?? "", body: body ?? "", created: created, association: association, bot: bot ?? false))
        } while try scanner.nextElement()
        // The language reads them oldest first (`last_comment` is the last); exports may be in any order.
        return comments.stableSorted { $0.created < $1.created }
    }

    func embeddedLabelEvents() throws(IssueJSONError) -> [LabelEvent]? {
        guard var scanner = scanner(at: .labelEvents), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.openBracket else { throw typeError(.labelEvents, "an array") }
        var events: [LabelEvent] = []
        guard try scanner.beginArray() else { return events }
        repeat {
            scanner.skipWhitespace()
            let entryStart = scanner.position
            var label: String?, action: LabelEvent.Action?, created: Timestamp?
            guard !scanner.isAtEnd, scanner.current == ASCII.openBrace else { throw scanner.error("expected an object in \"label_events\"") }
            if try scanner.beginObject() {
                repeat {
                    let key = try scanner.readKey(LabelEventKey.init)
                    switch key {
                    case .label: label = try scanner.readNullableString("label_events[].label")
                    case .action:
                        scanner.skipWhitespace()
                        let actionStart = scanner.position
                        let text = try scanner.readNullableString("label_events[].action")
                        guard let text, let parsed = LabelEvent.Action(rawValue: text) else {
                            throw IssueJSONError(message: "expected \"added\" or \"removed\" for \"label_events[].action\"", byteOffset: actionStart)
                        }
                        action = parsed
                    case .created: created = try scanner.readNullableTimestamp("label_events[].created")
                    case nil: try scanner.skipValue()
                    }
                } while try scanner.nextMember()
            }
            guard let label, let action, let created else {
                throw IssueJSONError(message: "an entry of \"label_events\" needs \"label\", \"action\" and \"created\"", byteOffset: entryStart)
            }
            events.append(LabelEvent(label: label, action: action, created: created))
        } while try scanner.nextElement()
        return events.stableSorted { $0.created < $1.created }
    }
}

private enum CommentKey {
    case author, body, created, association, bot

    init?(_ key: UnsafeRawBufferPointer) {
        if key.equals("author") { self = .author }
        else if key.equals("body") { self = .body }
        else if key.equals("created") { self = .created }
        else if key.equals("association") { self = .association }
        else if key.equals("bot") { self = .bot }
        else { return nil }
    }
}

private enum LabelEventKey {
    case label, action, created

    init?(_ key: UnsafeRawBufferPointer) {
        if key.equals("label") { self = .label }
        else if key.equals("action") { self = .action }
        else if key.equals("created") { self = .created }
        else { return nil }
    }
}
