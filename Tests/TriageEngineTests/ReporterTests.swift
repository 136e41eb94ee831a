import Testing
import TriageTestSupport
import TriageEngine
import TriageLanguage
import TriageRules

/// The four `check` formats on one small fixed run, compared byte for byte.
struct ReporterTests {
    static let rules = validRuleSet("""
        rules:
          - name: needs-triage
            description: Open issues nobody has *labelled* yet
            when: state == "open" and len(labels) == 0
          - name: crashers
            severity: error
            when: title ~ "(?i)crash"
          - name: author-replied
            severity: info
            when: state == "open" and last_comment.author == author
        """).rules

    static let issues = [
        TriageLanguage.Issue(number: 7, title: "App crashes | on [start] `main`", state: "open", comments: 2,
                             created: testNow, updated: testNow, url: "https://example.test/o/r/issues/7"),
        TriageLanguage.Issue(number: 9, title: "Docs typo", state: "open", labels: ["docs"],
                             created: testNow, updated: testNow, url: "https://example.test/o/r/issues/9"),
        TriageLanguage.Issue(number: 12, title: "Crash in *parser* <b>bold</b> #3 \\o/\nsecond line", state: "closed",
                             created: testNow, updated: testNow, url: ""),
    ]

    /// Runs the fixed rules over the fixed issues (issue 7 has comments the source cannot supply, so
    /// the run has one evaluation error) and returns what `format` writes.
    static func render(_ format: CheckFormat) async throws -> String {
        let engine = RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 2, batchSize: 1))
        var reporter = format.makeReporter(context: CheckContext(source: "memory:plain", now: testNow, rules: rules))
        var output = ""
        let statistics = try await engine.run(provider: NoLazyDataProvider(issues: issues), query: IssueQuery.everything) { outcome in
            if let text = reporter.record(outcome) { output += text }
        }
        output += reporter.finish(CheckSummary(statistics: statistics, elapsedSeconds: 0.0123))
        return output
    }

    @Test func text() async throws {
        #expect(try await Self.render(.text) == """
            needs-triage [warning]: 1 match — Open issues nobody has *labelled* yet
              #7 App crashes | on [start] `main`
                  https://example.test/o/r/issues/7
            crashers [error]: 2 matches
              #7 App crashes | on [start] `main`
                  https://example.test/o/r/issues/7
              #12 Crash in *parser* <b>bold</b> #3 \\o/ second line
            author-replied [info]: 0 matches
            errors: 1
              author-replied on #7: memory:plain has no comments for this issue
            3 issues read from memory:plain, 3 matches of 3 rules, 1 errors, 0 API calls, 12 ms

            """)
    }

    @Test func json() async throws {
        #expect(try await Self.render(.json) == """
            {
              "source": "memory:plain",
              "now": "2024-06-01T00:00:00Z",
              "issues": 3,
              "rules": [
                {
                  "name": "needs-triage",
                  "severity": "warning",
                  "matches": [
                    {
                      "number": 7,
                      "title": "App crashes | on [start] `main`",
                      "url": "https://example.test/o/r/issues/7"
                    }
                  ]
                },
                {
                  "name": "crashers",
                  "severity": "error",
                  "matches": [
                    {
                      "number": 7,
                      "title": "App crashes | on [start] `main`",
                      "url": "https://example.test/o/r/issues/7"
                    },
                    {
                      "number": 12,
                      "title": "Crash in *parser* <b>bold</b> #3 \\\\o/\\nsecond line",
                      "url": ""
                    }
                  ]
                },
                {
                  "name": "author-replied",
                  "severity": "info",
                  "matches": []
                }
              ],
              "errors": [
                {
                  "rule": "author-replied",
                  "number": 7,
                  "message": "memory:plain has no comments for this issue"
                }
              ]
            }

            """)
    }

    @Test func jsonLines() async throws {
        #expect(try await Self.render(.jsonl) == """
            {"rule":"needs-triage","severity":"warning","number":7,"title":"App crashes | on [start] `main`","url":"https://example.test/o/r/issues/7"}
            {"rule":"crashers","severity":"error","number":7,"title":"App crashes | on [start] `main`","url":"https://example.test/o/r/issues/7"}
            {"rule":"crashers","severity":"error","number":12,"title":"Crash in *parser* <b>bold</b> #3 \\\\o/\\nsecond line","url":""}

            """)
    }

    @Test func markdown() async throws {
        #expect(try await Self.render(.markdown) == """
            # Triage report

            Source `memory:plain` at 2024-06-01T00:00:00Z: 3 issues, 3 matches.

            | Rule | Severity | Matches |
            |---|---|---:|
            | [`needs-triage`](#needs-triage) | warning | 1 |
            | [`crashers`](#crashers) | error | 2 |
            | [`author-replied`](#author-replied) | info | 0 |

            ## needs-triage

            Open issues nobody has \\*labelled\\* yet

            - [ ] [#7](https://example.test/o/r/issues/7) App crashes \\| on \\[start\\] \\`main\\`

            ## crashers

            - [ ] [#7](https://example.test/o/r/issues/7) App crashes \\| on \\[start\\] \\`main\\`
            - [ ] #12 Crash in \\*parser\\* \\<b\\>bold\\</b\\> \\#3 \\\\o/ second line

            ## Errors

            - `author-replied` on #7: memory:plain has no comments for this issue

            """)
    }

    @Test func jsonLinesStreamPerIssueInSourceOrder() async throws {
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 4, batchSize: 1))
        var reporter = CheckFormat.jsonl.makeReporter(context: CheckContext(source: "memory:plain", now: testNow, rules: Self.rules))
        var chunks: [String?] = []
        let statistics = try await engine.run(provider: NoLazyDataProvider(issues: Self.issues), query: IssueQuery.everything) { outcome in
            chunks.append(reporter.record(outcome))
        }
        // One chunk per issue with matches (nil for issue 9), written as soon as the issue is done.
        #expect(chunks.map { $0?.split(separator: "\n").count } == [2, nil, 1])
        #expect(reporter.finish(CheckSummary(statistics: statistics, elapsedSeconds: 1)) == "")
    }

    @Test func textSummaryOfLongRunsInSeconds() async throws {
        let rules = validRuleSet("rules: [{name: all, when: 'true'}]").rules
        let engine = RuleEngine(rules: rules, options: .init(now: testNow, concurrency: 1))
        var reporter = CheckFormat.text.makeReporter(context: CheckContext(source: "memory:plain", now: testNow, rules: rules))
        let statistics = try await engine.run(provider: NoLazyDataProvider(issues: [Self.issues[1]]), query: IssueQuery.everything) { outcome in
            _ = reporter.record(outcome)
        }
        #expect(reporter.finish(CheckSummary(statistics: statistics, elapsedSeconds: 12.345, apiCalls: 4))
            == """
            all [warning]: 1 match
              #9 Docs typo
                  https://example.test/o/r/issues/9
            1 issues read from memory:plain, 1 match of 1 rule, 4 API calls, 12.3 s

            """)
    }
}
