import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// `triage test` (SPEC §3): a rule file's own tests, through the engine's compiled conditions, with
/// the test's `comments:` and `label_events:` feeding the lazy fields.
struct RuleTestRunnerTests {
    static func run(_ yaml: String) async -> [RuleTestResult] {
        let loaded = loadRuleFile(yaml)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        return await RuleTestRunner.run(loaded.ruleSet.rules)
    }

    @Test func passingAndFailingTests() async {
        let results = await Self.run("""
            rules:
              - name: open-bugs
                when: state == "open" and "bug" in labels
                tests:
                  - name: an open bug
                    issue: {labels: [bug]}
                    expect: match
                  - name: a closed bug
                    issue: {state: closed, labels: [bug]}
                    expect: no-match
                  - name: wrong on purpose
                    issue: {labels: [docs]}
                    expect: match
                  - issue: {labels: [bug, ui]}
                    expect: no-match
            """)
        #expect(results.map(\.passed) == [true, true, false, false])
        #expect(results.map(\.matched) == [true, false, false, true])
        #expect(results.map(\.title) == [
            "open-bugs › an open bug", "open-bugs › a closed bug", "open-bugs › wrong on purpose", "open-bugs › test at line 14",
        ])
        #expect(results.allSatisfy { $0.error == nil })
        // Only failures carry an explanation.
        #expect(results.map { $0.explanation.isEmpty } == [true, true, false, false])
    }

    /// An issue whose body carries a report marker is a rule's report (SPEC §8): `check`, `apply`
    /// and `explain` never match it, so a rule file's own test does not either, whatever the
    /// condition says; the same body without the marker matches.
    @Test func aReportIssueNeverMatchesInATestAsInCheck() async {
        let results = await Self.run("""
            rules:
              - name: open-issues
                when: state == "open"
                tests:
                  - name: a report
                    issue: {body: "## Open bugs\\n\\n<!-- triage:report=open-bugs -->\\n"}
                    expect: no-match
                  - name: a report expected to match
                    issue: {body: "<!-- triage:report=open-bugs -->"}
                    expect: match
                  - name: an issue quoting no marker
                    issue: {body: "## Open bugs\\n\\n<!-- triage:rule=open-bugs -->\\n"}
                    expect: match
            """)
        #expect(results.map(\.matched) == [false, false, true])
        #expect(results.map(\.passed) == [true, false, true])
        #expect(results.map(\.isReport) == [true, true, false])
        #expect(results.allSatisfy { $0.error == nil })
    }

    @Test func aFailureExplainsEveryNodeOfTheCondition() async throws {
        let results = await Self.run("""
            macros:
              untriaged: not any(labels, l => l ~ "^triage/")
            rules:
              - name: needs-reply
                when:
                  - state == "open" and untriaged
                  - last_comment.author == author or len(commenters) > 2
                tests:
                  - now: 2024-02-01T00:00:00Z
                    issue: {author: alice, labels: [triage/accepted]}
                    comments:
                      - {author: bob, created: 2024-01-02T00:00:00Z}
                      - {author: alice, created: 2024-01-01T00:00:00Z}
                    expect: match
            """)
        let result = try #require(results.first)
        #expect(!result.passed)
        #expect(result.matched == false)
        #expect(result.explanation.map { $0.render() }.joined(separator: "\n") == """
            ✗ state == "open" and untriaged
              ✓ state == "open"
                "open" state
              ✗ untriaged
                ✗ not any(labels, l => l ~ "^triage/")
                  ✓ any(labels, l => l ~ "^triage/")
                    ["triage/accepted"] labels
            ✗ last_comment.author == author or len(commenters) > 2
              ✗ last_comment.author == author
                "bob" last_comment.author
                  comment(author: "bob", created: 2024-01-02T00:00:00Z) last_comment
                "alice" author
              ✗ len(commenters) > 2
                2 len(commenters)
                  ["alice", "bob"] commenters
            """)
    }

    @Test func commentsFeedLastCommentAndCommenters() async {
        let results = await Self.run("""
            rules:
              - name: author-replied-last
                when: state == "open" and last_comment.author == author and not last_comment.bot
                tests:
                  - name: newest comment is the author's, whatever the listed order
                    issue: {author: alice}
                    comments:
                      - {author: alice, body: ping, created: 2024-01-03T00:00:00Z}
                      - {author: bob, created: 2024-01-01T00:00:00Z}
                      - {author: carol, created: 2024-01-02T00:00:00Z}
                    expect: match
                  - name: a bot spoke last
                    issue: {author: alice}
                    comments:
                      - {author: alice, created: 2024-01-01T00:00:00Z, bot: true}
                    expect: no-match
                  - name: no comments at all
                    issue: {author: alice}
                    expect: no-match
              - name: three-people
                when: state == "open" and commenters == ["bob", "alice", "carol"]
                tests:
                  - name: distinct, oldest first
                    comments:
                      - {author: carol, created: 2024-01-05T00:00:00Z}
                      - {author: bob, created: 2024-01-01T00:00:00Z}
                      - {author: alice, created: 2024-01-02T00:00:00Z}
                      - {author: bob, created: 2024-01-03T00:00:00Z}
                    expect: match
            """)
        #expect(results.map(\.passed) == [true, true, true, true], "\(results.filter { !$0.passed }.map { $0.explanation.map { $0.render() } })")
    }

    @Test func labelEventsFeedLabelAge() async {
        let results = await Self.run("""
            rules:
              - name: stale-for-a-week
                when: state == "open" and label_age("stale") > 7d
                tests:
                  - name: added ten days ago
                    now: 2024-03-11T00:00:00Z
                    issue: {labels: [stale], created: 2024-01-01}
                    label_events:
                      - {label: stale, action: added, created: 2024-03-01T00:00:00Z}
                    expect: match
                  - name: removed and added again three days ago
                    now: 2024-03-11T00:00:00Z
                    issue: {labels: [stale], created: 2024-01-01}
                    label_events:
                      - {label: stale, created: 2024-03-08T00:00:00Z}
                      - {label: stale, action: removed, created: 2024-03-05T00:00:00Z}
                      - {label: stale, action: added, created: 2024-03-01T00:00:00Z}
                    expect: no-match
                  - name: not labelled at all
                    now: 2024-03-11T00:00:00Z
                    issue: {labels: [], created: 2024-01-01}
                    label_events:
                      - {label: stale, action: added, created: 2024-03-01T00:00:00Z}
                    expect: no-match
                  - name: labelled without events counts from creation
                    now: 2024-03-11T00:00:00Z
                    issue: {labels: [stale], created: 2024-03-01}
                    expect: match
            """)
        #expect(results.map(\.passed) == [true, true, true, true], "\(results.filter { !$0.passed }.map { "\($0.title): \($0.explanation.map { $0.render() })" })")
    }

    @Test func omittedIssueFieldsGetNeutralDefaults() async {
        let results = await Self.run("""
            rules:
              - name: defaults
                when: >-
                  state == "open" and kind == "issue" and not draft and len(labels) == 0 and comments == 0
                  and milestone == null and author_association == null and created == updated and idle == 0s
                tests:
                  - now: 2024-05-05T05:05:05Z
                    expect: match
            """)
        #expect(results.map(\.passed) == [true], "\(results.first?.explanation.map { $0.render() } ?? [])")
    }

    @Test func testsWithoutNowRunAtAFixedInstant() async {
        // A rule that does not depend on time needs no `now:`; the run is still reproducible.
        let results = await Self.run("""
            rules:
              - name: old-issues
                when: created < 2001-01-01
                tests:
                  - expect: match
            """)
        #expect(results.map(\.passed) == [true])
    }

    @Test func commentCountFollowsTheCommentsGiven() async {
        let results = await Self.run("""
            rules:
              - name: discussed
                when: comments >= 2
                tests:
                  - comments: [{author: a}, {author: b}]
                    expect: match
                  - issue: {comments: 5}
                    expect: match
                  - comments: [{author: a}]
                    expect: no-match
            """)
        #expect(results.map(\.passed) == [true, true, true])
    }
}

/// A test's `reviews:`, `linked_prs:` and `checks:` feed SPEC §8's fields; what a test does not give,
/// the issue does not have.
struct PullRequestRuleTestTests {
    @Test func pullRequestDataFeedsTheNewFields() async {
        let results = await RuleTestRunnerTests.run("""
            rules:
              - name: ready
                when: kind == "pull_request" and review_state == "approved" and checks == "success" and not draft
                tests:
                  - issue: {kind: pull_request}
                    reviews: [{author: a, state: changes_requested, submitted: 2024-01-01}, {author: a, state: approved, submitted: 2024-01-02}]
                    checks: success
                    expect: match
                  - issue: {kind: pull_request}
                    reviews: [{author: a, state: approved}]
                    expect: no-match
                  - issue: {kind: pull_request}
                    checks: success
                    expect: no-match
              - name: has-open-pr
                when: state == "open" and any(linked_prs, p => p.state == "open")
                tests:
                  - linked_prs: [{number: 3, state: merged}, {number: 4, author: dev}]
                    expect: match
                  - linked_prs: [{number: 3, state: closed}]
                    expect: no-match
                  - expect: no-match
            """)
        #expect(results.map(\.passed) == [true, true, true, true, true, true], "\(results.map { $0.error ?? "" })")
    }

    @Test func malformedPullRequestDataIsReported() {
        let loaded = loadRuleFile("""
            rules:
              - name: ready
                when: state == "open" and review_state == "approved"
                tests:
                  - reviews: [{author: a, state: lgtm}]
                    expect: match
                  - linked_prs: [{state: open}]
                    expect: match
                  - checks: green
                    expect: match
            """)
        #expect(loaded.diagnostics.map(\.message) == [
            "`state` must be `approved` or `changes_requested` or `dismissed` or `commented` or `pending`, not `lgtm`",
            "a linked pull request needs `number`",
            "`checks` must be `success` or `failure` or `pending`, not `green`",
        ])
    }

    /// Wrong types and unknown keys in pull-request data are diagnostics pointing at the value or
    /// key at fault, never a crash or a test that silently has no data.
    @Test func wrongTypesAndUnknownKeysArePositioned() {
        let loaded = loadRuleFile("""
            rules:
              - name: ready
                when: state == "open" and review_state == "approved"
                tests:
                  - checks: [success]
                    expect: match
                  - linked_prs: 3
                    expect: match
                  - linked_prs: [{number: x}]
                    expect: match
                  - linked_prs: [{number: 3, draft: maybe}]
                    expect: match
                  - reviews: [{state: approved, bott: true}]
                    expect: match
                  - reviews: [{state: approved, submitted: yesterday}]
                    expect: match
            """)
        #expect(positions(loaded.diagnostics) == [
            "5:17 wrong-type", "7:21 wrong-type", "9:31 wrong-type", "11:41 wrong-type", "13:37 unknown-key", "15:48 invalid-timestamp",
        ], "\(loaded.diagnostics.map(\.message))")
        #expect(loaded.diagnostics[4].message.contains("did you mean `bot`?"))
    }
}

