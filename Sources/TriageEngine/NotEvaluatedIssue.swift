/// An issue some rules could not be evaluated on because `--max-requests` was spent before its lazy
/// data was read (SPEC §7): listed as such — never a no-match, never an evaluation error — and
/// left out of `apply`'s plan.
public struct NotEvaluatedIssue: Hashable, Sendable, CustomStringConvertible {
    public var issue: IssueReference
    /// The rules left unevaluated; empty when every rule was evaluated but the comments `apply`
    /// needs to plan could not be read.
    public var rules: [String]

    public init(issue: IssueReference, rules: [String]) {
        self.issue = issue
        self.rules = rules
    }

    /// `owner/name#N (rules a, b)`, or `#N …` for a one-repository source.
    public func description(spanningRepositories: Bool) -> String {
        issue.label(spanningRepositories: spanningRepositories) + (rules.isEmpty ? " (comments for planning)" : " (\(rules.joined(separator: ", ")))")
    }

    public var description: String { description(spanningRepositories: false) }

    /// Why an issue is not evaluated, as reports write it (`"reason"` in JSON): the one cause there is.
    public static let budgetReason = "read budget (--max-requests) spent"
}
