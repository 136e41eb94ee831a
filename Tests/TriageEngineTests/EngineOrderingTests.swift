import Testing
import TriageTestSupport
import TriageEngine
import TriageLanguage
import TriageRules

/// Outcomes come out in the source's order whatever the concurrency and batch size, and are the
/// same on every run (SPEC §5: "the same on every run whatever the concurrency").
struct EngineOrderingTests {
    /// Rules of very different cost: a cheap comparison, a regex over every label and the body, a
    /// lazy field (an awaited, sometimes slow load), and a time comparison.
    static let rules = validRuleSet("""
        rules:
          - name: open-bugs
            when: state == "open" and "bug" in labels
          - name: regex-heavy
            when: any(labels, l => l ~ "^triage/") or body ~ "(?i)PANIC"
          - name: author-replied
            when: state == "open" and last_comment != null and last_comment.author == author
          - name: stale-pr
            when: kind == "pull_request" and idle > 20d
        """).rules

    static let issues = makeIssues(1_200)

    /// What each rule should match, computed directly from the issue (not through the engine).
    static func expectedMatches(_ issue: TriageLanguage.Issue) -> [Int] {
        var matched: [Int] = []
        if issue.state == "open" && issue.labels.contains("bug") { matched.append(0) }
        if issue.labels.contains(where: { $0.hasPrefix("triage/") }) || issue.body.lowercased().contains("panic") { matched.append(1) }
        if issue.state == "open" && commentsFor(issue).last.map({ $0.author == issue.author }) == true { matched.append(2) }
        if issue.kind == "pull_request" && testNow - issue.updated > .days(20) { matched.append(3) }
        return matched
    }

    /// Late comment loads for every 7th issue (they yield the thread a few hundred times first), so
    /// later batches regularly finish first.
    static func provider() -> CountingProvider {
        CountingProvider(issues: issues, commentLoad: { issue in issue.number % 7 == 0 ? .yielding(count: (issue.number % 5 + 1) * 100) : .immediate })
    }

    @Test(arguments: [1, 2, 8], [1, 3, 64])
    func outcomesComeOutInSourceOrder(concurrency: Int, batchSize: Int) async throws {
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: concurrency, batchSize: batchSize))
        let first = try await collect(engine, Self.provider())
        #expect(first.outcomes.map(\.number) == Array(1...Self.issues.count))
        for (outcome, issue) in zip(first.outcomes, Self.issues) where outcome.matched != Self.expectedMatches(issue) {
            Testing.Issue.record("#\(issue.number): engine matched \(outcome.matched), expected \(Self.expectedMatches(issue))")
        }
        #expect(first.outcomes.allSatisfy { $0.errors.isEmpty })

        let second = try await collect(engine, Self.provider())
        #expect(second.outcomes == first.outcomes, "a second run differs")
        #expect(second.statistics == first.statistics)
    }

    @Test func everyConfigurationAgrees() async throws {
        var reference: [OutcomeSummary]?
        for concurrency in [1, 2, 8] {
            for batchSize in [1, 3, 64] {
                let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: concurrency, batchSize: batchSize))
                let run = try await collect(engine, Self.provider())
                if let reference {
                    #expect(run.outcomes == reference, "concurrency \(concurrency), batch \(batchSize) differs")
                } else {
                    reference = run.outcomes
                }
            }
        }
    }

    @Test func anEmptySourceGivesNoOutcomes() async throws {
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 4, batchSize: 3))
        let run = try await collect(engine, CountingProvider(issues: []))
        #expect(run.outcomes.isEmpty)
        #expect([run.statistics.issuesRead, run.statistics.matches, run.statistics.errors, run.statistics.lazyLoads] == [0, 0, 0, 0])
    }

    @Test func aSourceShorterThanOneBatchIsEvaluated() async throws {
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 8, batchSize: 64))
        let run = try await collect(engine, CountingProvider(issues: Array(Self.issues.prefix(5))))
        #expect(run.outcomes.map(\.number) == [1, 2, 3, 4, 5])
        #expect(run.outcomes.map(\.matched) == Self.issues.prefix(5).map(Self.expectedMatches))
    }

    @Test func optionsClampNonsenseToOne() {
        let options = RuleEngine.Options(now: testNow, concurrency: 0, batchSize: -3, lazyConcurrency: 0)
        #expect(options.concurrency == 1)
        #expect(options.batchSize == 1)
        #expect(options.lazyConcurrency == 1)
    }
}
