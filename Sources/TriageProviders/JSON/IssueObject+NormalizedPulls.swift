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
        guard var scanner = scanner(at: .reviews), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.openBracket else { throw typeError(.reviews, "an array") }
        var reviews: [PullReview] = []
        guard try scanner.beginArray() else { return reviews }
        repeat {
            scanner.skipWhitespace()
            let entryStart = scanner.position
            var author: String?, state: PullReview.State?, submitted: Timestamp?, bot: Bool?
            guard !scanner.isAtEnd, scanner.current == ASCII.openBrace else { throw scanner.error("expected an object in \"reviews\"") }
            if try scanner.beginObject() {
                repeat {
                    let key = try scanner.readKey(ReviewKey.init)
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
                    case nil: try scanner.skipValue()
                    }
                } while try scanner.nextMember()
            }
            guard let state else {
                throw IssueJSONError(message: "an entry of \"reviews\" has no \"state\"", byteOffset: entryStart)
            }
            reviews.append(PullReview(author: author ?? "", state: state, submitted: submitted, bot: bot ?? false))
        } while try scanner.nextElement()
        // A file need not list them in time order; `review_state` takes each reviewer's latest.
        return PullReview.inTimeOrder(reviews)
    }

    func embeddedLinkedPulls() throws(IssueJSONError) -> [LinkedPull]? {
        guard var scanner = scanner(at: .linkedPrs), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.openBracket else { throw typeError(.linkedPrs, "an array") }
        var pulls: [LinkedPull] = []
        guard try scanner.beginArray() else { return pulls }
        repeat {
            scanner.skipWhitespace()
            let entryStart = scanner.position
            var number: Int?, state: String?, draft: Bool?, author: String?
            guard !scanner.isAtEnd, scanner.current == ASCII.openBrace else { throw scanner.error("expected an object in \"linked_prs\"") }
            if try scanner.beginObject() {
                repeat {
                    let key = try scanner.readKey(PullKey.init)
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
                    case nil: try scanner.skipValue()
                    }
                } while try scanner.nextMember()
            }
            guard let number else {
                throw IssueJSONError(message: "an entry of \"linked_prs\" has no \"number\"", byteOffset: entryStart)
            }
            pulls.append(LinkedPull(number: number, state: state ?? "open", draft: draft ?? false, author: author ?? ""))
        } while try scanner.nextElement()
        return pulls
    }

    func embeddedChecks() throws(IssueJSONError) -> PullChecks? {
        guard has(.checks) else { return nil }
        guard let text = try string(.checks) else { return PullChecks(nil) }
        guard let status = CheckStatus(rawValue: text) else { throw typeError(.checks, "\"success\", \"failure\", \"pending\" or null") }
        return PullChecks(status)
    }
}

private enum ReviewKey {
    case author, state, submitted, bot

    init?(_ key: UnsafeRawBufferPointer) {
        if key.equals("author") { self = .author }
        else if key.equals("state") { self = .state }
        else if key.equals("submitted") { self = .submitted }
        else if key.equals("bot") { self = .bot }
        else { return nil }
    }
}

private enum PullKey {
    case number, state, draft, author

    init?(_ key: UnsafeRawBufferPointer) {
        if key.equals("number") { self = .number }
        else if key.equals("state") { self = .state }
        else if key.equals("draft") { self = .draft }
        else if key.equals("author") { self = .author }
        else { return nil }
    }
}
