public import TriageLanguage
public import TriageRules
import Foundation

/// `check` as a library call: rules over a provider's issues, read-only. It derives the fields and
/// the query, runs the engine and times the run; the caller streams each outcome to a reporter
/// (`CheckFormat.makeReporter`) and decides the exit from the returned `CheckRun.Result`.
public struct CheckRun: Sendable {
    /// What a finished run hands back.
    public struct Result: Sendable {
        /// What reporters' `finish` takes: counts, time, API calls.
        public var summary: CheckSummary
        /// The severities of the rules that matched at least once.
        public var matchedSeverities: Set<Severity>
        /// What the provider says about the run (warnings to print).
        public var notes: ProviderRunNotes
        /// Issues some rules could not be evaluated on: the read budget was spent (exit 1).
        public var notEvaluated: [NotEvaluatedIssue]

        /// Whether a rule at `threshold` or above matched (`--fail-on`); never for a nil threshold.
        public func hasMatches(atOrAbove threshold: Severity?) -> Bool {
            guard let threshold else { return false }
            return matchedSeverities.contains { $0 >= threshold }
        }
    }

    public let ruleSet: RuleSet
    public let now: Timestamp
    /// Issue batches evaluated at once.
    public let concurrency: Int
    /// Fields the report shows beyond number, title and URL (`CheckFormat.reportedFields`): decoded
    /// even when no rule reads them, and handed out with each match (`IssueOutcome.fieldValues`).
    public let reportedFields: [IssueField]

    public init(ruleSet: RuleSet, now: Timestamp, concurrency: Int, reportedFields: [IssueField] = []) {
        self.ruleSet = ruleSet
        self.now = now
        self.concurrency = concurrency
        self.reportedFields = reportedFields
    }

    /// What every reporter needs to know before the first outcome.
    public func context(source: String, spansRepositories: Bool = false) -> CheckContext {
        CheckContext(source: source, now: now, rules: ruleSet.rules, spansRepositories: spansRepositories)
    }

    /// Evaluates every rule on every issue of `provider`, calling `handle` with each outcome in
    /// source order. Throws what the provider throws, and `CancellationError` when cancelled.
    public func run(provider: any IssueProvider, handle: (IssueOutcome) async throws -> Void) async throws -> Result {
        let rules = ruleSet.rules
        // Reports always show number, title and URL, whatever the rules read.
        var fields = ruleSet.fieldsRead.union(IssueFieldSet([.number, .title, .url]))
        for field in reportedFields { fields.formUnion(field.descriptor.fieldsRead) }
        let query = QueryDerivation.query(for: rules, now: now, fields: fields)
        let engine = RuleEngine(rules: rules, options: .init(now: now, concurrency: concurrency, reportedFields: reportedFields))
        let started = Date()
        var matchedSeverities = Set<Severity>()
        var notEvaluated: [NotEvaluatedIssue] = []
        let statistics = try await engine.run(provider: provider, query: query) { outcome in
            for index in outcome.matchedRules { matchedSeverities.insert(rules[index].severity) }
            if !outcome.isFullyEvaluated {
                notEvaluated.append(NotEvaluatedIssue(issue: outcome.issue, rules: outcome.notEvaluatedRules.map { rules[$0].name }))
            }
            try await handle(outcome)
        }
        let notes = provider.runNotes
        let summary = CheckSummary(statistics: statistics, elapsedSeconds: Date().timeIntervalSince(started), apiCalls: notes.apiCalls,
                                   notModified: notes.notModified)
        return Result(summary: summary, matchedSeverities: matchedSeverities, notes: notes, notEvaluated: notEvaluated)
    }
}
