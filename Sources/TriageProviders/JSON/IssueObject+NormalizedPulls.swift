import TriageLanguage

/// The pull-request data a normalized issue may carry (SPEC §8), so that exports and tests can feed
/// `linked_prs`, `review_state`, `human_idle` and `checks`:
///
/// - `"reviews": [{"author", "state": "approved"|"changes_requested"|"dismissed"|"commented"|"pending", "submitted"?, "bot"?}]`,
///   in any order (put in time order, `PullReview.inTimeOrder`)
/// - `"linked_prs": [{"number", "state"?: "open"|"closed"|"merged" (default open), "draft"?, "author"?}]`
/// - `"checks": "success"|"failure"|"pending"|null` — null says nothing ran.
///
/// Present they become the issue's embedded data; absent (or, for the two lists, null) they stay
/// `nil`, and a rule reaching them is an error for that issue, as for comments. GitHub- and
/// GitLab-shaped objects may carry them too, like `comments_data`.
extension IssueObject {
    /// Puts whatever pull-request data the object carries on `issue` (any shape: for GitHub and
    /// GitLab objects this is the same export extension as `comments_data`).
    func embedPullData(into issue: inout Issue) throws(IssueJSONError) {
        issue.embeddedReviews = try embeddedReviews()
        issue.embeddedLinkedPulls = try embeddedLinkedPulls()
        issue.embeddedChecks = try embeddedChecks()
    }

    func embeddedReviews() throws(IssueJSONError) -> [PullReview]? {
        // A file need not list them in time order; `review_state` takes each reviewer's latest.
        try embeddedRecords(.reviews, ReviewReader.self).map(PullReview.inTimeOrder)
    }

    func embeddedLinkedPulls() throws(IssueJSONError) -> [LinkedPull]? {
        try embeddedRecords(.linkedPrs, LinkedPullReader.self)
    }

    func embeddedChecks() throws(IssueJSONError) -> PullChecks? {
        guard has(.checks) else { return nil }
        guard let text = try string(.checks) else { return PullChecks(nil) }
        guard let status = CheckStatus(rawValue: text) else { throw typeError(.checks, "\"success\", \"failure\", \"pending\" or null") }
        return PullChecks(status)
    }
}

/// An entry of `reviews`: `{"author", "state", "submitted"?, "bot"?}`.
private struct ReviewReader: EmbeddedRecordReader {
    enum Key { case author, state, submitted, bot }

    var author: String?, state: PullReview.State?, submitted: Timestamp?, bot: Bool?

    static func key(_ key: UnsafeRawBufferPointer) -> Key? {
        if key.equals("author") { .author }
        else if key.equals("state") { .state }
        else if key.equals("submitted") { .submitted }
        else if key.equals("bot") { .bot }
        else { nil }
    }

    mutating func read(_ key: Key, from scanner: inout JSONScanner) throws(IssueJSONError) {
        switch key {
        case .author: author = try scanner.readNullableString("reviews[].author")
        case .state:
            scanner.skipWhitespace()
            let stateStart = scanner.position
            guard let text = try scanner.readNullableString("reviews[].state"), let parsed = PullReview.State(rawValue: text) else {
                throw IssueJSONError(message: "expected \"approved\", \"changes_requested\", \"dismissed\", \"commented\" or \"pending\" for \"reviews[].state\"",
                                     byteOffset: stateStart)
            }
            state = parsed
        case .submitted: submitted = try scanner.readNullableTimestamp("reviews[].submitted")
        case .bot: bot = try scanner.readBool("reviews[].bot")
        }
    }

    func record(at entryStart: Int) throws(IssueJSONError) -> PullReview {
        guard let state else { throw IssueJSONError(message: "an entry of \"reviews\" has no \"state\"", byteOffset: entryStart) }
        return PullReview(author: author ?? "", state: state, submitted: submitted, bot: bot ?? false)
    }
}

/// An entry of `linked_prs`: `{"number", "state"?, "draft"?, "author"?}`.
private struct LinkedPullReader: EmbeddedRecordReader {
    enum Key { case number, state, draft, author }

    var number: Int?, state: String?, draft: Bool?, author: String?

    static func key(_ key: UnsafeRawBufferPointer) -> Key? {
        if key.equals("number") { .number }
        else if key.equals("state") { .state }
        else if key.equals("draft") { .draft }
        else if key.equals("author") { .author }
        else { nil }
    }

    mutating func read(_ key: Key, from scanner: inout JSONScanner) throws(IssueJSONError) {
        switch key {
        case .number: number = try scanner.readInt("linked_prs[].number")
        case .state:
            scanner.skipWhitespace()
            let stateStart = scanner.position
            state = try scanner.readNullableString("linked_prs[].state")
            if let state, !LinkedPull.states.contains(state) {
                throw IssueJSONError(message: "expected \"open\", \"closed\" or \"merged\" for \"linked_prs[].state\"", byteOffset: stateStart)
            }
        case .draft: draft = try scanner.readBool("linked_prs[].draft")
        case .author: author = try scanner.readNullableString("linked_prs[].author")
        }
    }

    func record(at entryStart: Int) throws(IssueJSONError) -> LinkedPull {
        guard let number else { throw IssueJSONError(message: "an entry of \"linked_prs\" has no \"number\"", byteOffset: entryStart) }
        return LinkedPull(number: number, state: state ?? "open", draft: draft ?? false, author: author ?? "")
    }
}
