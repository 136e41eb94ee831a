import TriageLanguage
import TriageYAML

extension RuleFileDecoder {
    static let testKeys = ["name", "now", "issue", "comments", "label_events", "reviews", "linked_prs", "checks", "expect"]
    static let commentKeys = ["author", "body", "created", "bot", "association"]
    static let labelEventKeys = ["label", "action", "created"]
    static let reviewKeys = ["author", "state", "submitted", "bot"]
    static let pullKeys = ["number", "state", "draft", "author"]
    /// `now` of tests that give none (only allowed when the rule does not depend on time).
    static let defaultTestNow = Timestamp(year: 2000, month: 1, day: 1)!

    mutating func decodeTests(_ node: YAMLNode, rule: String) -> [RuleTest] {
        guard let sequence = expectSequence(node, "`tests`", rule: rule) else { return [] }
        return sequence.items.compactMap { decodeTest($0, rule: rule) }
    }

    private mutating func decodeTest(_ node: YAMLNode, rule: String) -> RuleTest? {
        guard let mapping = expectMapping(node, "each test", rule: rule) else { return nil }
        let entries = entries(of: mapping, allowed: Self.testKeys, context: "a test", rule: rule)
        var valid = true
        let name = entries["name"].flatMap { expectText($0.value, "a test's `name`", rule: rule)?.text }
        var now: Timestamp?
        if let nowNode = entries["now"]?.value {
            now = timestamp(nowNode, "`now`", rule: rule)
            if now == nil { valid = false }
        }
        let effectiveNow = now ?? Self.defaultTestNow

        var expectMatch = false
        if let expectNode = entries["expect"]?.value, let text = expectText(expectNode, "`expect`", rule: rule) {
            switch text.text {
            case "match": expectMatch = true
            case "no-match": expectMatch = false
            default:
                report(.invalidTest, "`expect` is `match` or `no-match`, not `\(text.text)`", at: expectNode,
                       suggestion: Suggestions.closest(to: text.text, in: ["match", "no-match"]) ?? (text.text.hasPrefix("no") ? "no-match" : "match"),
                       rule: rule)
                valid = false
            }
        } else {
            report(.missingKey, "a test needs `expect: match` or `expect: no-match`", at: node, rule: rule)
            valid = false
        }

        var comments: [IssueComment] = []
        if let commentsNode = entries["comments"]?.value {
            guard let decoded = decodeTestComments(commentsNode, now: effectiveNow, rule: rule) else { return nil }
            comments = decoded
        }
        var events: [LabelEvent] = []
        if let eventsNode = entries["label_events"]?.value {
            guard let decoded = decodeLabelEvents(eventsNode, now: effectiveNow, rule: rule) else { return nil }
            events = decoded
        }
        var reviews: [PullReview]?
        if let reviewsNode = entries["reviews"]?.value {
            guard let decoded = decodeReviews(reviewsNode, now: effectiveNow, rule: rule) else { return nil }
            reviews = decoded
        }
        var pulls: [LinkedPull]?
        if let pullsNode = entries["linked_prs"]?.value {
            guard let decoded = decodeLinkedPulls(pullsNode, rule: rule) else { return nil }
            pulls = decoded
        }
        var checks: CheckStatus?
        if let checksNode = entries["checks"]?.value, checksNode.scalar?.isNull != true {
            guard let text = oneOf(checksNode, "`checks`", CheckStatus.allCases.map(\.rawValue), rule: rule) else { return nil }
            checks = CheckStatus(rawValue: text)
        }
        var issue = Issue(number: 1, created: effectiveNow, updated: effectiveNow)
        var given = IssueFieldSet()
        if let issueNode = entries["issue"]?.value {
            guard let mapping = expectMapping(issueNode, "a test's `issue`", rule: rule) else { return nil }
            guard let decoded = decodeTestIssue(mapping, into: &issue, rule: rule) else { return nil }
            given = decoded
        }
        // The comment count defaults to the comments the test gives.
        if !given.contains(.comments) { issue.comments = comments.count }
        issue.embeddedComments = comments
        issue.embeddedLabelEvents = events
        // Like comments, what a test does not give it does not have: no request is ever made.
        issue.embeddedReviews = reviews ?? []
        issue.embeddedLinkedPulls = pulls ?? []
        issue.embeddedChecks = PullChecks(checks)
        guard valid else { return nil }
        return RuleTest(name: name, now: now, issue: issue, comments: comments, labelEvents: events, expectMatch: expectMatch,
                        location: SourceLocation(file: file.path, line: node.start.line, column: node.start.column))
    }

    mutating func timestamp(_ node: YAMLNode, _ what: String, rule: String) -> Timestamp? {
        guard let text = expectText(node, what, rule: rule) else { return nil }
        guard let value = Timestamp.parseLiteral(text.text) else {
            report(.invalidTimestamp, "\(what) must be a date (2024-01-31) or an RFC 3339 time (2024-01-31T12:00:00Z), not `\(text.text)`",
                   at: node, rule: rule)
            return nil
        }
        return value
    }

    private mutating func integer(_ node: YAMLNode, _ what: String, rule: String) -> Int? {
        if case let .int(value)? = node.scalar?.resolved { return value }
        report(.wrongType, "\(what) must be an integer, found \(node.kindDescription)", at: node, rule: rule)
        return nil
    }

    private mutating func boolean(_ node: YAMLNode, _ what: String, rule: String) -> Bool? {
        if case let .bool(value)? = node.scalar?.resolved { return value }
        report(.wrongType, "\(what) must be true or false, found \(node.kindDescription)", at: node, rule: rule)
        return nil
    }

    private mutating func optionalText(_ node: YAMLNode, _ what: String, rule: String) -> String?? {
        if node.scalar?.isNull == true { return .some(nil) }
        guard let text = expectText(node, what, rule: rule) else { return nil }
        return .some(text.text)
    }

    private mutating func textList(_ node: YAMLNode, _ what: String, rule: String) -> [String]? {
        guard let sequence = expectSequence(node, what, rule: rule) else { return nil }
        var values: [String] = []
        for item in sequence.items {
            guard let text = expectText(item, "each of \(what)", rule: rule) else { return nil }
            values.append(text.text)
        }
        return values
    }

    private mutating func oneOf(_ node: YAMLNode, _ what: String, _ options: [String], rule: String) -> String? {
        guard let text = expectText(node, what, rule: rule) else { return nil }
        guard options.contains(text.text) else {
            report(.invalidTest, "\(what) must be \(options.map { "`\($0)`" }.joined(separator: " or ")), not `\(text.text)`", at: node,
                   suggestion: Suggestions.closest(to: text.text, in: options), rule: rule)
            return nil
        }
        return text.text
    }

    /// The fields a test's `issue:` may set, as `FieldCatalog` describes them (all but computed and
    /// lazy ones). Returns nil on any error, else the fields given.
    private mutating func decodeTestIssue(_ mapping: YAMLMapping, into issue: inout Issue, rule: String) -> IssueFieldSet? {
        var given = IssueFieldSet()
        var valid = true
        for entry in mapping.entries {
            guard let key = entry.key.scalar?.text else { valid = false; continue }
            let value = entry.value
            let what = "`\(key)`"
            let input = IssueField(rawValue: key)?.descriptor.testInput ?? .notInIssue
            var decoded = true
            switch input {
            case let .int(set):
                if let v = integer(value, what, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .text(set, options?):
                if let v = oneOf(value, what, options, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .text(set, nil):
                if let v = expectText(value, what, rule: rule) { set(&issue, v.text) } else { decoded = false }
            case let .optionalText(set):
                if let v = optionalText(value, what, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .texts(set):
                if let v = textList(value, what, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .bool(set):
                if let v = boolean(value, what, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .time(set):
                if let v = timestamp(value, what, rule: rule) { set(&issue, v) } else { decoded = false }
            case let .optionalTime(set):
                if value.scalar?.isNull == true {
                    set(&issue, nil)
                } else if let v = timestamp(value, what, rule: rule) {
                    set(&issue, v)
                } else {
                    decoded = false
                }
            case let .computed(origin):
                report(.unknownKey, "`\(key)` is computed from `now` and `\(origin.rawValue)`; set those instead",
                       at: entry.key, suggestion: origin.rawValue, rule: rule)
                decoded = false
            case .notInIssue:
                let suggestion = Suggestions.closest(to: key, in: Self.testIssueKeys)
                report(.unknownKey, "unknown issue field `\(key)`" + Suggestions.didYouMean(suggestion), at: entry.key,
                       suggestion: suggestion, rule: rule)
                decoded = false
            }
            if decoded, let field = IssueField(rawValue: key) { given.insert(field) } else { valid = false }
        }
        return valid ? given : nil
    }

    /// The keys a test's `issue:` takes, in catalog order.
    static let testIssueKeys: [String] = FieldCatalog.descriptors.compactMap { descriptor in
        switch descriptor.testInput {
        case .computed, .notInIssue: nil
        default: descriptor.name
        }
    }

    private mutating func decodeTestComments(_ node: YAMLNode, now: Timestamp, rule: String) -> [IssueComment]? {
        guard let sequence = expectSequence(node, "a test's `comments`", rule: rule) else { return nil }
        var comments: [IssueComment] = []
        for item in sequence.items {
            guard let mapping = expectMapping(item, "each comment", rule: rule) else { return nil }
            let entries = entries(of: mapping, allowed: Self.commentKeys, context: "a comment", rule: rule)
            var comment = IssueComment(author: "", body: "", created: now)
            if let v = entries["author"]?.value { guard let t = expectText(v, "`author`", rule: rule) else { return nil }; comment.author = t.text }
            if let v = entries["body"]?.value { guard let t = expectText(v, "`body`", rule: rule) else { return nil }; comment.body = t.text }
            if let v = entries["created"]?.value { guard let t = timestamp(v, "`created`", rule: rule) else { return nil }; comment.created = t }
            if let v = entries["bot"]?.value { guard let b = boolean(v, "`bot`", rule: rule) else { return nil }; comment.bot = b }
            if let v = entries["association"]?.value { guard let t = optionalText(v, "`association`", rule: rule) else { return nil }; comment.association = t }
            comments.append(comment)
        }
        return comments.stableSorted { $0.created < $1.created }
    }

    private mutating func decodeLabelEvents(_ node: YAMLNode, now: Timestamp, rule: String) -> [LabelEvent]? {
        guard let sequence = expectSequence(node, "a test's `label_events`", rule: rule) else { return nil }
        var events: [LabelEvent] = []
        for item in sequence.items {
            guard let mapping = expectMapping(item, "each label event", rule: rule) else { return nil }
            let entries = entries(of: mapping, allowed: Self.labelEventKeys, context: "a label event", rule: rule)
            guard let labelNode = entries["label"]?.value, let label = expectText(labelNode, "`label`", rule: rule) else {
                if entries["label"] == nil { report(.missingKey, "a label event needs `label`", at: item, rule: rule) }
                return nil
            }
            var action = LabelEvent.Action.added
            if let v = entries["action"]?.value {
                guard let text = oneOf(v, "`action`", ["added", "removed"], rule: rule) else { return nil }
                action = text == "added" ? .added : .removed
            }
            var created = now
            if let v = entries["created"]?.value { guard let t = timestamp(v, "`created`", rule: rule) else { return nil }; created = t }
            events.append(LabelEvent(label: label.text, action: action, created: created))
        }
        return events.stableSorted { $0.created < $1.created }
    }

    private mutating func decodeReviews(_ node: YAMLNode, now: Timestamp, rule: String) -> [PullReview]? {
        guard let sequence = expectSequence(node, "a test's `reviews`", rule: rule) else { return nil }
        var reviews: [PullReview] = []
        for item in sequence.items {
            guard let mapping = expectMapping(item, "each review", rule: rule) else { return nil }
            let entries = entries(of: mapping, allowed: Self.reviewKeys, context: "a review", rule: rule)
            var review = PullReview(author: "", state: .commented, submitted: now)
            if let v = entries["author"]?.value { guard let t = expectText(v, "`author`", rule: rule) else { return nil }; review.author = t.text }
            guard let stateNode = entries["state"]?.value else {
                report(.missingKey, "a review needs `state`", at: item, rule: rule)
                return nil
            }
            guard let state = oneOf(stateNode, "`state`", PullReview.State.allCases.map(\.rawValue), rule: rule) else { return nil }
            review.state = PullReview.State(rawValue: state) ?? .commented
            if let v = entries["submitted"]?.value { guard let t = timestamp(v, "`submitted`", rule: rule) else { return nil }; review.submitted = t }
            if let v = entries["bot"]?.value { guard let b = boolean(v, "`bot`", rule: rule) else { return nil }; review.bot = b }
            reviews.append(review)
        }
        return PullReview.inTimeOrder(reviews)
    }

    private mutating func decodeLinkedPulls(_ node: YAMLNode, rule: String) -> [LinkedPull]? {
        guard let sequence = expectSequence(node, "a test's `linked_prs`", rule: rule) else { return nil }
        var pulls: [LinkedPull] = []
        for item in sequence.items {
            guard let mapping = expectMapping(item, "each linked pull request", rule: rule) else { return nil }
            let entries = entries(of: mapping, allowed: Self.pullKeys, context: "a linked pull request", rule: rule)
            guard let numberNode = entries["number"]?.value else {
                report(.missingKey, "a linked pull request needs `number`", at: item, rule: rule)
                return nil
            }
            guard let number = integer(numberNode, "`number`", rule: rule) else { return nil }
            var pull = LinkedPull(number: number, state: "open")
            if let v = entries["state"]?.value { guard let t = oneOf(v, "`state`", LinkedPull.states, rule: rule) else { return nil }; pull.state = t }
            if let v = entries["draft"]?.value { guard let b = boolean(v, "`draft`", rule: rule) else { return nil }; pull.draft = b }
            if let v = entries["author"]?.value { guard let t = expectText(v, "`author`", rule: rule) else { return nil }; pull.author = t.text }
            pulls.append(pull)
        }
        return pulls
    }
}
