public import TriageLanguage

/// What a rule does to the issues it matches (SPEC §3); performed by `triage apply`.
public enum RuleAction: Hashable, Sendable {
    case label([String])
    case unlabel([String])
    case comment(CommentTemplate)
    case close(reason: CloseReason?)
    case reopen
    case assign([String])
    case unassign([String])
    /// Locks the conversation (`lock: true` or `{reason: …}`; GitLab: `discussion_locked`).
    case lock(reason: LockReason?)
    case unlock
    /// Sets the milestone with this title, looked up among the repository's milestones.
    case milestone(String)
    /// Collects the rule's matches of a run into one summary issue per repository (SPEC §8).
    case report(ReportSpecification)

    public enum CloseReason: String, Hashable, Sendable, CaseIterable {
        case completed
        case notPlanned = "not_planned"
    }

    /// GitHub's `lock_reason` values.
    public enum LockReason: String, Hashable, Sendable, CaseIterable {
        case offTopic = "off-topic"
        case tooHeated = "too heated"
        case resolved
        case spam
    }

    /// The action's key in a rule file.
    public var keyword: String {
        switch self {
        case .label: "label"
        case .unlabel: "unlabel"
        case .comment: "comment"
        case .close: "close"
        case .reopen: "reopen"
        case .assign: "assign"
        case .unassign: "unassign"
        case .lock: "lock"
        case .unlock: "unlock"
        case .milestone: "milestone"
        case .report: "report"
        }
    }

    public static let keywords = ["label", "unlabel", "comment", "close", "reopen", "assign", "unassign", "lock", "unlock", "milestone", "report"]
}

/// What a `report` action writes: the summary issue's title and the labels it is created with (and
/// found by on later runs).
public struct ReportSpecification: Hashable, Sendable {
    public var title: String
    public var labels: [String]

    public init(title: String, labels: [String] = []) {
        self.title = title
        self.labels = labels
    }
}

/// A comment with `{{ field }}` placeholders, rendered per issue.
public struct CommentTemplate: Hashable, Sendable {
    public enum Part: Hashable, Sendable {
        case text(String)
        case field(String)
    }

    public var source: String
    public var parts: [Part]

    public init(source: String, parts: [Part]) {
        self.source = source
        self.parts = parts
    }

    /// The fields a template may name: the catalog's templatable fields, and `now`.
    public static let fieldNames: [String] = FieldCatalog.descriptors.filter(\.isTemplatable).map(\.name) + ["now"]

    /// Renders the template for an issue: strings verbatim, lists comma-separated, times in
    /// RFC 3339, durations in days.
    public func render(for issue: Issue, now: Timestamp) -> String {
        var output = ""
        for part in parts {
            switch part {
            case let .text(text): output += text
            case let .field(name): output += CommentTemplate.neutralized(CommentTemplate.value(of: name, issue: issue, now: now))
            }
        }
        return output
    }

    /// Field values come from issue authors: HTML comment delimiters are escaped so a title cannot
    /// smuggle a rule marker (or hide text) into a comment the bot posts.
    static func neutralized(_ value: String) -> String {
        value.replacing("<!--", with: "&lt;!--").replacing("-->", with: "--&gt;")
    }

    static func value(of name: String, issue: Issue, now: Timestamp) -> String {
        if name == "now" { return now.rfc3339 }
        return IssueField(rawValue: name)?.descriptor.templateText(for: issue, now: now) ?? ""
    }
}
