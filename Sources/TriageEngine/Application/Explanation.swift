public import TriageLanguage
public import TriageRules

/// `explain` as a library call: for one issue, each rule's verdict and its condition trees with
/// the value of every part. The issue is fetched with `issue(number:)` (one request for an API),
/// lazy data straight from the provider. `ExplanationReport` renders it.
public struct Explanation: Sendable {
    /// One rule's verdict on the issue.
    public struct RuleVerdict: Sendable {
        public var rule: Rule
        /// nil when the rule could not be evaluated (`failure` says why).
        public var matched: Bool?
        public var failure: String?
        /// One tree per condition part, in the rule's order.
        public var trees: [ExplainedNode]
    }

    public var issue: Issue
    public var now: Timestamp
    public var verdicts: [RuleVerdict]
    /// The source spans repositories: the report names the issue `owner/name#N` (SPEC §7).
    public var spansRepositories = false
    /// The issue is a report (its body carries a report marker): no rule matches it, as in `check`
    /// and `apply` (SPEC §8); the conditions are still explained.
    public var isReport: Bool { ReportMarker.isCarried(by: issue.body) }

    /// Rules that could not be evaluated on the issue (a source failure, as with `check`).
    public var failures: Int { verdicts.count { $0.failure != nil } }

    /// Explains issue `number` of `provider`. Throws `IssueNotFound` when there is none, and what
    /// the provider throws.
    public static func explain(number: Int, repository: String? = nil, rules: [Rule], now: Timestamp,
                               provider: any IssueProvider) async throws -> Explanation {
        let issue = if let repository { try await provider.issue(repository: repository, number: number) } else { try await provider.issue(number: number) }
        let loader = DirectLoader(provider: provider)
        let frame = EvaluationFrame(issue: issue, now: now, reviewsCarryTime: provider.capabilities.reviewsCarryTime)
        let isReport = ReportMarker.isCarried(by: issue.body)
        var verdicts: [RuleVerdict] = []
        for rule in rules {
            var verdict = RuleVerdict(rule: rule, trees: [])
            do {
                let matched = try await rule.condition.evaluate(in: frame, loader: loader)
                verdict.matched = matched && !isReport
            } catch {
                verdict.failure = "\(error)"
            }
            for part in rule.conditionParts {
                verdict.trees.append(await ConditionExplainer.explain(part.checked, in: frame, loader: loader))
            }
            verdicts.append(verdict)
        }
        return Explanation(issue: issue, now: now, verdicts: verdicts, spansRepositories: provider.spansRepositories)
    }
}

/// Lazy data straight from the provider: one issue needs no limiter.
private struct DirectLoader: IssueDataLoader {
    let provider: any IssueProvider
    func comments(of issue: Issue) async throws -> [IssueComment] { try await provider.loadComments(of: issue) }
    func labelEvents(of issue: Issue) async throws -> [LabelEvent] { try await provider.loadLabelEvents(of: issue) }
    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData { try await provider.loadLazyData(kind, of: issue) }
}
