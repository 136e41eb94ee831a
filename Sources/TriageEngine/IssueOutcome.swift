public import TriageLanguage

/// What the output needs of an issue: kept instead of the issue so memory stays flat while
/// issues stream (the body is never held past its evaluation).
public struct IssueReference: Hashable, Sendable, Codable {
    public var number: Int
    public var title: String
    public var url: String
    /// `owner/name`: multi-repository sources print it and route writes by it.
    public var repo: String

    public init(number: Int, title: String, url: String, repo: String = "") {
        self.number = number
        self.title = title
        self.url = url
        self.repo = repo
    }

    public init(_ issue: Issue) {
        self.init(number: issue.number, title: issue.title, url: issue.url, repo: issue.repo)
    }

    /// `#N`, or `owner/name#N` when the source spans repositories.
    public func label(spanningRepositories: Bool) -> String {
        Self.label(repo: repo, number: number, spanningRepositories: spanningRepositories)
    }

    /// The one spelling of an issue in output: `#N`, or `owner/name#N` for a source that spans
    /// repositories (SPEC §7).
    public static func label(repo: String, number: Int, spanningRepositories: Bool) -> String {
        spanningRepositories ? "\(repo)#\(number)" : "#\(number)"
    }
}

/// The result of evaluating every selected rule on one issue.
public struct IssueOutcome: Sendable {
    public var issue: IssueReference
    /// Indexes (into the engine's rules) of the rules that matched, in rule order.
    public var matchedRules: [Int]
    /// Rules that could not be evaluated on this issue (lazy data unavailable, a fetch failed).
    public var errors: [RuleEvaluationError]
    /// The whole issue, when it matched and the engine was asked to keep matched issues.
    public var matchedIssue: Issue?
    /// Comments evaluation already loaded for this issue (kept with `matchedIssue`), so `apply`
    /// never fetches them a second time; with `commentsForMatches`, the comments it asked for.
    public var loadedComments: [IssueComment]?
    /// The comments `commentsForMatches` asked for could not be had: the source has none.
    public var commentsUnavailable = false
    /// Rules (indexes) not evaluated because the read budget was spent before their lazy data was read.
    public var notEvaluatedRules: [Int] = []
    /// The comments `commentsForMatches` asked for were not read: the read budget was spent.
    public var commentsNotRead = false
    /// For a matched issue, the values of the engine's `reportedFields` as evaluation left them (the
    /// HTML report's columns); a lazy field whose data no rule loaded is absent, never fetched for this.
    public var fieldValues: [IssueField: Value] = [:]

    /// Every rule was evaluated and everything planning needs was read (`apply` plans only these).
    public var isFullyEvaluated: Bool { notEvaluatedRules.isEmpty && !commentsNotRead }

    public init(issue: IssueReference, matchedRules: [Int], errors: [RuleEvaluationError], matchedIssue: Issue? = nil) {
        self.issue = issue
        self.matchedRules = matchedRules
        self.errors = errors
        self.matchedIssue = matchedIssue
    }
}

/// A rule that could not be evaluated on one issue: never a silent false.
public struct RuleEvaluationError: Hashable, Sendable, Codable, CustomStringConvertible {
    public var rule: String
    public var number: Int
    public var message: String
    /// The issue's `owner/name`, shown for multi-repository sources.
    public var repo: String = ""

    public init(rule: String, number: Int, message: String, repo: String = "") {
        self.rule = rule
        self.number = number
        self.message = message
        self.repo = repo
    }

    /// `rule NAME on #N: MESSAGE`, as streamed on stderr next to `--format jsonl`.
    public var description: String { description(spanningRepositories: false) }

    /// As `description`, naming the repository (`owner/name#N`) when the source spans repositories.
    public func description(spanningRepositories: Bool) -> String {
        "rule \(rule) on \(label(spanningRepositories: spanningRepositories)): \(message)"
    }

    /// The issue the error is about, as `IssueReference.label` spells it.
    public func label(spanningRepositories: Bool) -> String {
        IssueReference.label(repo: repo, number: number, spanningRepositories: spanningRepositories)
    }
}
