public import TriageLanguage

/// The outcome of one test written in a rule file.
public struct RuleTestResult: Sendable {
    public var rule: Rule
    public var test: RuleTest
    public var passed: Bool
    /// Whether the rule matched; nil when evaluation failed.
    public var matched: Bool?
    public var error: String?
    /// The evaluated condition tree, for failures.
    public var explanation: [ExplainedNode]
    /// The test's issue is a report (its body carries a report marker): it never matches, as in
    /// `check` (SPEC §8), whatever the condition says.
    public var isReport: Bool { ReportMarker.isCarried(by: test.issue.body) }

    /// `rule-name › test name` (or the test's position when it has no name).
    public var title: String {
        "\(rule.name) › \(test.name ?? "test at line \(test.location.line)")"
    }
}

/// Runs the `tests:` of rules (SPEC §3) through the same compiled conditions and the same
/// lazy-data interface the engine uses with real providers; the test's `comments:` and
/// `label_events:` play the provider.
public enum RuleTestRunner {
    public static func run(_ rules: [Rule]) async -> [RuleTestResult] {
        var results: [RuleTestResult] = []
        for rule in rules {
            for test in rule.tests {
                results.append(await run(test, of: rule))
            }
        }
        return results
    }

    public static func run(_ test: RuleTest, of rule: Rule) async -> RuleTestResult {
        let now = test.now ?? RuleFileDecoder.defaultTestNow
        let loader = TestDataLoader(comments: test.comments, labelEvents: test.labelEvents, issue: test.issue)
        var result = RuleTestResult(rule: rule, test: test, passed: false, matched: nil, error: nil, explanation: [])
        do {
            let matched = try await rule.condition.evaluate(in: EvaluationFrame(issue: test.issue, now: now), loader: loader)
            // A report issue never matches, as in `check` (one decision: `ReportMarker`).
            let matches = matched && !result.isReport
            result.matched = matches
            result.passed = matches == test.expectMatch
        } catch {
            result.error = "\(error)"
        }
        if !result.passed {
            for part in rule.conditionParts {
                result.explanation.append(await ConditionExplainer.explain(part.checked, in: EvaluationFrame(issue: test.issue, now: now), loader: loader))
            }
        }
        return result
    }
}

/// Lazy data from a test's `comments:`, `label_events:`, `reviews:`, `linked_prs:` and `checks:`
/// (the test's issue carries them embedded, so evaluation rarely asks; a test that gives none has none).
struct TestDataLoader: IssueDataLoader {
    var comments: [IssueComment]
    var labelEvents: [LabelEvent]
    var issue: Issue

    func comments(of issue: Issue) async throws -> [IssueComment] { comments }
    func labelEvents(of issue: Issue) async throws -> [LabelEvent] { labelEvents }
    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        switch kind {
        case .comments: .comments(comments)
        case .labelEvents: .labelEvents(labelEvents)
        case .reviews: .reviews(self.issue.embeddedReviews ?? [])
        case .linkedPulls: .linkedPulls(self.issue.embeddedLinkedPulls ?? [])
        case .checks: .checks(self.issue.embeddedChecks ?? PullChecks(nil))
        }
    }
}
