import Testing
import TriageTestSupport
import TriageEngine
import TriageLanguage
import TriageRules

/// Lazy fields (SPEC §1): fetched only when evaluation reaches them, at most once per issue per run,
/// never for issues without comments; a fetch that fails is an error for that issue and rule.
struct EngineLazyDataTests {
    /// Three rules read `last_comment`, each behind a cheap guard; the fourth reads nothing lazy.
    static let rules = validRuleSet("""
        rules:
          - name: author-replied
            when: state == "open" and last_comment.author == author
          - name: maintainer-replied
            when: state == "open" and last_comment.author == "maintainer"
          - name: bot-replied
            when:
              - kind == "issue"
              - last_comment != null and last_comment.bot
          - name: bugs
            when: '"bug" in labels'
        """).rules

    static let issues = makeIssues(600)

    /// Issues on which some rule's cheap guard passes, so evaluation reaches `last_comment`.
    static func reachesLastComment(_ issue: TriageLanguage.Issue) -> Bool {
        issue.state == "open" || issue.kind == "issue"
    }

    @Test(arguments: [(1, 1), (3, 7), (8, 64)])
    func commentsLoadOnlyWhereEvaluationReachesThemAndOnlyOnce(concurrency: Int, batchSize: Int) async throws {
        let provider = CountingProvider(issues: Self.issues)
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: concurrency, batchSize: batchSize))
        let run = try await collect(engine, provider)
        let loads = provider.commentLoads.counts
        let expected = Set(Self.issues.filter { Self.reachesLastComment($0) && $0.comments > 0 }.map(\.number))
        #expect(Set(loads.keys) == expected)
        #expect(loads.values.allSatisfy { $0 == 1 }, "loaded more than once: \(loads.filter { $0.value > 1 })")
        #expect(!Self.issues.contains { $0.comments == 0 && loads[$0.number] != nil }, "loaded comments of an issue with none")
        #expect(provider.labelEventLoads.total == 0)
        #expect(run.statistics.lazyLoads == expected.count)
        #expect(run.outcomes.map(\.number) == Self.issues.map(\.number))
        #expect(run.outcomes.allSatisfy { $0.errors.isEmpty })
    }

    @Test func issuesWithoutCommentsSeeNullWithoutAnyLoad() async throws {
        let rules = validRuleSet("""
            rules:
              - name: silent
                when: last_comment == null and len(commenters) == 0
            """).rules
        let issues = (1...50).map { TriageLanguage.Issue(number: $0, comments: 0, created: testNow, updated: testNow) }
        let provider = CountingProvider(issues: issues)
        let run = try await collect(RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 2, batchSize: 4)), provider)
        #expect(run.outcomes.map(\.matched) == Array(repeating: [0], count: issues.count))
        #expect(provider.commentLoads.total == 0)
        #expect(run.statistics.lazyLoads == 0)
    }

    @Test func labelEventsLoadOnlyForIssuesCarryingTheLabel() async throws {
        let rules = validRuleSet("""
            rules:
              - name: long-bug
                when: state == "open" and label_age("bug") > 7d
            """).rules
        let provider = CountingProvider(issues: Self.issues)
        let run = try await collect(RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 4, batchSize: 5)), provider)
        let expected = Set(Self.issues.filter { $0.state == "open" && $0.labels.contains("bug") }.map(\.number))
        try #require(!expected.isEmpty, "the fixture has open bugs")
        #expect(Set(provider.labelEventLoads.counts.keys) == expected)
        #expect(provider.labelEventLoads.counts.values.allSatisfy { $0 == 1 })
        #expect(provider.commentLoads.total == 0)
        // The label was added when the issue was created, at least a day before `now`.
        let matched = run.outcomes.filter { $0.matched == [0] }.map(\.number)
        #expect(matched == Self.issues.filter { expected.contains($0.number) && testNow - $0.created > .days(7) }.map(\.number))
    }

    @Test func embeddedLazyDataNeedsNoLoad() async throws {
        let issues = Self.issues.map { issue in
            var issue = issue
            issue.embeddedComments = commentsFor(issue)
            return issue
        }
        let provider = CountingProvider(issues: issues)
        let run = try await collect(RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 2, batchSize: 8)), provider)
        #expect(provider.commentLoads.total == 0)
        #expect(run.statistics.lazyLoads == 0)
        let loaded = try await collect(RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 2, batchSize: 8)),
                                       CountingProvider(issues: Self.issues))
        #expect(run.outcomes == loaded.outcomes, "embedded and loaded comments give different matches")
        #expect(loaded.outcomes.count == Self.issues.count)
        #expect(loaded.outcomes.contains { $0.matched.contains(0) }, "no issue matched a comment rule: the comparison proves nothing")
    }

    @Test func failedLoadsBecomePerIssueErrorsNotAThrownRun() async throws {
        let failing: Set<Int> = [1, 2, 5, 7, 10, 13]
        let provider = CountingProvider(issues: Self.issues, failingComments: failing)
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 3, batchSize: 4))
        let run = try await collect(engine, provider)
        #expect(run.outcomes.map(\.number) == Self.issues.map(\.number))
        for outcome in run.outcomes {
            let issue = Self.issues[outcome.number - 1]
            guard failing.contains(issue.number), Self.reachesLastComment(issue), issue.comments > 0 else {
                #expect(outcome.errors.isEmpty, "#\(issue.number): \(outcome.errors)")
                continue
            }
            // Every lazy rule whose guard passed reports the failure; no rule silently says false.
            var expectedRules: [String] = []
            if issue.state == "open" { expectedRules += ["author-replied", "maintainer-replied"] }
            if issue.kind == "issue" { expectedRules.append("bot-replied") }
            let message = "comments of #\(issue.number) could not be fetched (HTTP 502)"
            #expect(outcome.errors == expectedRules.map { "\($0): \(message)" }, "#\(issue.number)")
            // The failed rules are not among the matches; the cheap rule still ran.
            #expect(outcome.matched.allSatisfy { $0 == 3 })
            #expect(outcome.matched == (issue.labels.contains("bug") ? [3] : []))
        }
        let failedIssues = Self.issues.filter { failing.contains($0.number) && Self.reachesLastComment($0) && $0.comments > 0 }
        try #require(!failedIssues.isEmpty, "some failing issue needs its comments")
        #expect(run.statistics.errors == run.outcomes.reduce(0) { $0 + $1.errors.count })
        #expect(run.statistics.errors >= failedIssues.count)
        // "At most once per issue per run" holds for failures too: a failed fetch is not retried by
        // each rule that reaches it.
        for issue in failedIssues {
            #expect(provider.commentLoads.counts[issue.number] == 1, "#\(issue.number) loaded \(provider.commentLoads.counts[issue.number] ?? 0) times")
        }
    }

    @Test func aProviderWithoutCommentDataReportsLazyDataUnavailable() async throws {
        let rules = validRuleSet("""
            rules:
              - name: author-replied
                when: state == "open" and last_comment.author == author
            """).rules
        let issues = [
            TriageLanguage.Issue(number: 1, state: "open", comments: 3, created: testNow, updated: testNow),
            TriageLanguage.Issue(number: 2, state: "open", comments: 0, created: testNow, updated: testNow),
            TriageLanguage.Issue(number: 3, state: "closed", comments: 3, created: testNow, updated: testNow),
        ]
        let provider = NoLazyDataProvider(issues: issues)
        let run = try await collect(RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 1, batchSize: 2)), provider)
        #expect(run.outcomes.map(\.errors) == [["author-replied: memory:plain has no comments for this issue"], [], []])
        #expect(run.outcomes.map(\.matched) == [[], [], []])
        #expect(run.statistics.errors == 1)
    }

    @Test func statisticsCountIssuesMatchesErrorsAndLoads() async throws {
        let rules = validRuleSet("""
            rules:
              - name: open
                when: state == "open"
              - name: bugs
                when: '"bug" in labels'
              - name: replied
                when: state == "open" and last_comment.author == author
            """).rules
        let issues = makeIssues(100)
        let provider = CountingProvider(issues: issues, failingComments: [1, 2])
        let run = try await collect(RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 4, batchSize: 3)), provider)
        let open = issues.filter { $0.state == "open" }
        let bugs = issues.filter { $0.labels.contains("bug") }
        let loaded = open.filter { $0.comments > 0 }
        let failed = loaded.filter { [1, 2].contains($0.number) }
        let replied = loaded.filter { ![1, 2].contains($0.number) && commentsFor($0).last?.author == $0.author }
        #expect(run.statistics.issuesRead == 100)
        #expect(run.statistics.matches == open.count + bugs.count + replied.count)
        #expect(run.statistics.errors == failed.count)
        #expect(run.statistics.lazyLoads == loaded.count)
        #expect(run.statistics.matches == run.outcomes.reduce(0) { $0 + $1.matched.count })
    }
}
