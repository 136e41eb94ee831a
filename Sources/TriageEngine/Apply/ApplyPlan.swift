/// What `triage apply` will do (or did): write operations in order, each with the issue, the rule
/// and the action it comes from. Rules apply in file order, a rule's actions in their order.
public struct ApplyPlan: Sendable {
    public struct Entry: Hashable, Sendable {
        public var issue: IssueReference
        public var rule: String
        public var operation: WriteOperation
        /// Whether the issue is a pull (merge) request: GitLab writes those at another endpoint.
        public var isPullRequest: Bool

        public init(issue: IssueReference, rule: String, operation: WriteOperation, isPullRequest: Bool = false) {
            self.issue = issue
            self.rule = rule
            self.operation = operation
            self.isPullRequest = isPullRequest
        }

        /// Whether the write makes a new issue (a report's first run): `issue.number` is 0 until it
        /// is made, then the new issue's (`CreatedIssue`).
        public var createsIssue: Bool {
            if case .createReport = operation { true } else { false }
        }

        /// The issue as the apply output names it: `issue.label`, or `new issue` (`new issue in
        /// owner/name`) for one not yet made.
        public func issueLabel(spanningRepositories: Bool) -> String {
            guard createsIssue else { return issue.label(spanningRepositories: spanningRepositories) }
            return spanningRepositories ? "new issue in \(issue.repo)" : "new issue"
        }
    }

    /// A rule whose writes were all left out because it matched more issues than `--max-per-rule`.
    public struct HeldBackRule: Hashable, Sendable {
        public var rule: String
        public var matchedIssues: Int

        public init(rule: String, matchedIssues: Int) {
            self.rule = rule
            self.matchedIssues = matchedIssues
        }
    }

    public var entries: [Entry] = []
    public var heldBack: [HeldBackRule] = []
    /// Actions that needed no write because the issue already is as the action wants (idempotence).
    public var alreadyDone = 0
    /// A dry run's writes that the real run would refuse before writing anything (a rule's writes
    /// where its milestone title is unknown), by entry index, with the message the real run gives
    /// (`ApplyExecutor.refusals`). Empty when writes are performed: the result says it then.
    public var refusals: [Int: String] = [:]

    public init() {}
}

/// What happened to each planned write when the plan was executed.
public struct ApplyResult: Sendable {
    public enum Status: Hashable, Sendable {
        case done
        case failed(String)
        /// Not attempted: the `--max-operations` budget ran out first.
        case notDone
    }

    /// Each planned write as carried out (a created report with its new number and address).
    public var entries: [(entry: ApplyPlan.Entry, status: Status)] = []

    public var done: Int { entries.count { $0.status == .done } }
    public var failed: Int { entries.count { if case .failed = $0.status { true } else { false } } }
    public var notDone: Int { entries.count { $0.status == .notDone } }
}
