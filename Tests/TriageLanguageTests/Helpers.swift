import TriageLanguage
import TriageTestSupport

func day(_ y: Int, _ m: Int, _ d: Int) -> Timestamp { Timestamp(year: y, month: m, day: d)! }

/// An issue with neutral defaults (open, created = updated = now), adjusted by `configure`.
func makeIssue(_ configure: (inout Issue) -> Void = { _ in }) -> Issue {
    var issue = Issue(number: 1, title: "A title", created: testNow, updated: testNow)
    configure(&issue)
    return issue
}

/// Lazy data from memory, counting requests.
final class CountingLoader: IssueDataLoader, @unchecked Sendable {
    let comments: [IssueComment]
    let events: [LabelEvent]
    let reviews: [PullReview]
    let pulls: [LinkedPull]
    let checks: CheckStatus?
    private(set) var commentRequests = 0
    private(set) var eventRequests = 0
    /// The other kinds requested, in order.
    private(set) var otherRequests: [LazyDataKind] = []

    init(comments: [IssueComment] = [], events: [LabelEvent] = [], reviews: [PullReview] = [], pulls: [LinkedPull] = [],
         checks: CheckStatus? = nil) {
        self.comments = comments
        self.events = events
        self.reviews = reviews
        self.pulls = pulls
        self.checks = checks
    }

    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        otherRequests.append(kind)
        switch kind {
        case .comments: return .comments(comments)
        case .labelEvents: return .labelEvents(events)
        case .reviews: return .reviews(reviews)
        case .linkedPulls: return .linkedPulls(pulls)
        case .checks: return .checks(PullChecks(checks))
        }
    }

    func comments(of issue: Issue) async throws -> [IssueComment] {
        commentRequests += 1
        return comments
    }

    func labelEvents(of issue: Issue) async throws -> [LabelEvent] {
        eventRequests += 1
        return events
    }
}

struct CompileFailure: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

func compile(_ source: String, environment: LanguageEnvironment = LanguageEnvironment()) throws -> CompiledCondition {
    var checker = TypeChecker(environment: environment)
    let (compiled, diagnostics) = ConditionCompiler.compile(source, checker: &checker)
    guard let compiled else { throw CompileFailure(diagnostics: diagnostics) }
    return compiled
}

/// Evaluates `source` on `issue` (loading lazy data from `loader`).
func evaluate(_ source: String, on issue: Issue = makeIssue(), now: Timestamp = testNow,
              environment: LanguageEnvironment = LanguageEnvironment(), loader: CountingLoader = CountingLoader()) async throws -> Bool {
    let condition = try compile(source, environment: environment)
    return try await condition.evaluate(in: EvaluationFrame(issue: issue, now: now), loader: loader)
}

/// The diagnostics of `source` (parse and check) with the environment given.
func diagnose(_ source: String, environment: LanguageEnvironment = LanguageEnvironment()) -> [Diagnostic] {
    var checker = TypeChecker(environment: environment)
    return ConditionCompiler.compile(source, checker: &checker).1
}

/// Parses macro sources into an environment.
func environment(macros: [String: String] = [:], lists: [String: Value] = [:]) -> LanguageEnvironment {
    var parsed: [String: Expression?] = [:]
    for (name, text) in macros {
        parsed[name] = try? Parser.parse(text).get()
    }
    return LanguageEnvironment(macros: parsed, lists: lists)
}
