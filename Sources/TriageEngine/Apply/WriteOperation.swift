public import TriageLanguage
public import TriageRules

/// One write request to a provider: what `--max-operations` counts.
public enum WriteOperation: Hashable, Sendable, CustomStringConvertible {
    /// Adds labels in one request (GitHub `POST …/labels`, GitLab `add_labels`).
    case addLabels([String])
    /// Removes one label (GitHub deletes labels one request at a time).
    case removeLabel(String)
    case comment(body: String)
    case close(reason: RuleAction.CloseReason?)
    case reopen
    case assign([String])
    case unassign([String])
    /// Locks the conversation (GitHub `PUT …/lock` with `lock_reason`; GitLab `discussion_locked`).
    case lock(reason: RuleAction.LockReason?)
    case unlock
    /// Sets the milestone named by its title; the writer resolves the title (`prepare(_:on:)`).
    case setMilestone(title: String)
    /// Opens a rule's report issue in the entry's repository (its issue number is 0: not yet made;
    /// the writer returns the number the API gave it, `CreatedIssue`);
    /// `matches` is how many issues the body lists, for the plan.
    case createReport(title: String, body: String, labels: [String], matches: Int)
    /// Replaces the body of the report issue.
    case editReport(body: String, matches: Int)
    /// Closes the report issue: the rule matched nothing this run.
    case closeReport
    /// Closes a newer second report of the rule (an overlapping run made it): one remains.
    case closeDuplicateReport

    /// Whether the writer must resolve something the operation names before any write of the plan
    /// (`IssueWriter.prepare(_:on:)`): a milestone's title.
    public var needsPreparation: Bool {
        if case .setMilestone = self { true } else { false }
    }

    /// The action keyword providers declare support for.
    public var action: ProviderCapabilities.WriteAction {
        switch self {
        case .addLabels: .label
        case .removeLabel: .unlabel
        case .comment: .comment
        case .close: .close
        case .reopen: .reopen
        case .assign: .assign
        case .unassign: .unassign
        case .lock: .lock
        case .unlock: .unlock
        case .setMilestone: .milestone
        case .createReport, .editReport, .closeReport, .closeDuplicateReport: .report
        }
    }

    public var description: String {
        switch self {
        case let .addLabels(labels): "add label\(labels.count == 1 ? "" : "s") \(labels.joined(separator: ", "))"
        case let .removeLabel(label): "remove label \(label)"
        case let .comment(body): "comment \"\(CommentMarker.stripped(body).prefix(60))\(CommentMarker.stripped(body).count > 60 ? "…" : "")\""
        case let .close(reason): "close" + (reason.map { " as \($0.rawValue)" } ?? "")
        case .reopen: "reopen"
        case let .assign(logins): "assign \(logins.joined(separator: ", "))"
        case let .unassign(logins): "unassign \(logins.joined(separator: ", "))"
        case let .lock(reason): "lock" + (reason.map { " as \($0.rawValue)" } ?? "")
        case .unlock: "unlock"
        case let .setMilestone(title): "set milestone \(title)"
        case let .createReport(title, _, _, matches): "create report \"\(title)\" listing \(ReportBody.issues(matches))"
        case let .editReport(_, matches): "update report listing \(ReportBody.issues(matches))"
        case .closeReport: "close report (no matches)"
        case .closeDuplicateReport: "close duplicate report (an older one stays)"
        }
    }
}

/// The hidden marker every comment `triage apply` posts carries, so a later run recognises the
/// comment and does not post it again (actions/stale posts the same comment on every run; this
/// is the fix).
public enum CommentMarker {
    public static func marker(forRule rule: String) -> String { "<!-- triage:rule=\(rule) -->" }

    /// The comment body with the rule's marker appended on its own line.
    public static func marked(_ body: String, rule: String) -> String { body + "\n\n" + marker(forRule: rule) }

    /// The body without a trailing marker, for display.
    public static func stripped(_ body: String) -> String {
        guard let range = body.range(of: "\n\n<!-- triage:rule=") else { return body }
        return String(body[..<range.lowerBound])
    }

    /// Whether any of `comments` was posted by `rule` (by `author`, when known).
    public static func alreadyPosted(by rule: String, in comments: [IssueComment], author: String? = nil) -> Bool {
        let marker = marker(forRule: rule)
        return comments.contains { comment in
            comment.body.hasSuffix(marker) && (author == nil || comment.author == author)
        }
    }
}
