import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules
import TriageTestSupport

/// SPEC §8's lazy data against the loopback fake (`FakeIssueTracker+Conversations`): the exact requests
/// each provider makes — none for an issue whose cheaper conjuncts failed, each at most once per
/// issue per run — and the values they give.
struct PullDataRequestTests {
    static let rules = validRuleSet("""
        rules:
          - name: ready-to-merge
            when: kind == "pull_request" and state == "open" and checks == "success" and review_state == "approved" and not draft
          - name: changes-requested
            when: kind == "pull_request" and review_state == "changes_requested"
          - name: bug-without-open-pr
            when: kind == "issue" and state == "open" and "bug" in labels and not any(linked_prs, p => p.state == "open")
          - name: quiet-question
            when: kind == "issue" and state == "open" and "question" in labels and human_idle > 1d
        """, allowingWarnings: true)

    /// Lazy requests only (not the list pages), in path order.
    static func lazyPaths(_ harness: RemoteHarness) -> [String] {
        harness.server.requests.map(\.path).filter { !$0.hasSuffix("/issues") && !$0.hasSuffix("/merge_requests") }.sorted()
    }

    @Test func gitHubRequestsOnlyWhatEvaluationReachesOnce() async throws {
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await harness.server.serving {
            let found = try await matches(of: Self.rules, in: try harness.github())
            // PRs 10, 20, 40, 50 are open: approved all, checks success for 10 and 40 (20, 50 pending);
            // 30 and 60 (closed) have changes requested. Open bugs 5, 25, 35, 55: 5 is linked to
            // the open PR 10, 25 to the closed 30. Open questions 7, 14, 28, 35, 49, 56 all quiet.
            #expect(found == [
                "quiet-question:7", "ready-to-merge:10", "quiet-question:14", "bug-without-open-pr:25", "quiet-question:28",
                "changes-requested:30", "bug-without-open-pr:35", "quiet-question:35", "ready-to-merge:40", "quiet-question:49",
                "bug-without-open-pr:55", "quiet-question:56", "changes-requested:60",
            ])
            var expected: [String] = []
            // Reviews of every pull request (the second rule), once each though two rules read them.
            expected += [10, 20, 30, 40, 50, 60].map { "/repos/acme/app/pulls/\($0)/reviews" }
            // Checks (three requests) only for the open pull requests, the first rule's cheaper
            // conjuncts having failed for the closed ones; review_state goes first, being cheaper,
            // and all four are approved.
            for n in [10, 20, 40, 50] {
                expected += ["/repos/acme/app/pulls/\(n)", "/repos/acme/app/commits/sha\(n)/status", "/repos/acme/app/commits/sha\(n)/check-runs"]
            }
            // Timelines of open bugs only; comments of open questions that have any (28 and 56 have none).
            expected += [5, 25, 35, 55].map { "/repos/acme/app/issues/\($0)/timeline" }
            expected += [7, 14, 35, 49].map { "/repos/acme/app/issues/\($0)/comments" }
            #expect(Self.lazyPaths(harness) == expected.sorted())
        }
    }

    @Test func gitLabRequestsOnlyWhatEvaluationReachesOnce() async throws {
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await harness.server.serving {
            let found = try await matches(of: Self.rules, in: try harness.gitlab())
            // The same answers as GitHub's (the fake gives both APIs the same data); GitLab lists
            // issues before merge requests.
            #expect(found.sorted() == [
                "quiet-question:7", "ready-to-merge:10", "quiet-question:14", "bug-without-open-pr:25", "quiet-question:28",
                "changes-requested:30", "bug-without-open-pr:35", "quiet-question:35", "ready-to-merge:40", "quiet-question:49",
                "bug-without-open-pr:55", "quiet-question:56", "changes-requested:60",
            ].sorted())
            let project = "/api/v4/projects/acme%2Fapp"
            var expected: [String] = []
            for n in [10, 20, 30, 40, 50, 60] { expected += ["\(project)/merge_requests/\(n)/approvals", "\(project)/merge_requests/\(n)/reviewers"] }
            expected += [10, 20, 40, 50].map { "\(project)/merge_requests/\($0)" }
            expected += [5, 25, 35, 55].map { "\(project)/issues/\($0)/related_merge_requests" }
            expected += [7, 14, 35, 49].map { "\(project)/issues/\($0)/notes" }
            #expect(Self.lazyPaths(harness) == expected.sorted())
        }
    }

    /// GitLab's approvals and reviewers carry no time, so they never count for `human_idle`: on a
    /// merge request it needs only the notes (none for 20, 40, 60, which have no notes), while
    /// GitHub's reviews, which have a time, are requested for every pull request.
    @Test func humanIdleOnMergeRequestsNeedsOnlyNotes() async throws {
        let rules = validRuleSet("""
            rules:
              - name: quiet-pull
                when: kind == "pull_request" and human_idle > 1d
            """, allowingWarnings: true)
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await harness.server.serving {
            let found = try await matches(of: rules, in: try harness.gitlab())
            #expect(found.sorted() == [10, 20, 30, 40, 50, 60].map { "quiet-pull:\($0)" }.sorted())
            let project = "/api/v4/projects/acme%2Fapp"
            #expect(Self.lazyPaths(harness) == [10, 30, 50].map { "\(project)/merge_requests/\($0)/notes" })
        }
        let gitHub = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await gitHub.server.serving {
            _ = try await matches(of: rules, in: try gitHub.github())
            let expected = [10, 20, 30, 40, 50, 60].map { "/repos/acme/app/pulls/\($0)/reviews" }
                + [10, 30, 50].map { "/repos/acme/app/issues/\($0)/comments" }
            #expect(Self.lazyPaths(gitHub) == expected.sorted())
        }
    }

    /// The conjunct order follows what each source requests: on GitLab `human_idle` costs a merge
    /// request's notes alone (its reviews carry no time), no more than `label_age`, so it keeps its
    /// written place and, failing, spares every label-event request; on GitHub it costs the reviews
    /// too, so `label_age` goes first there, as before.
    @Test func humanIdleOnMergeRequestsIsOrderedByTheNotesAlone() async throws {
        let rules = validRuleSet("""
            rules:
              - name: never-quiet-bug
                when: kind == "pull_request" and human_idle > 100000d and label_age("bug") > 1d
            """, allowingWarnings: true)
        let gitLab = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await gitLab.server.serving {
            let found = try await matches(of: rules, in: try gitLab.gitlab())
            #expect(found.isEmpty)
            let project = "/api/v4/projects/acme%2Fapp"
            // The notes of the merge requests that have any; no label events, no approvals.
            #expect(Self.lazyPaths(gitLab) == [10, 30, 50].map { "\(project)/merge_requests/\($0)/notes" })
        }
        let gitHub = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await gitHub.server.serving {
            let found = try await matches(of: rules, in: try gitHub.github())
            #expect(found.isEmpty)
            // Every pull request carries `bug`: its label events, then its reviews and comments.
            let expected = [10, 20, 30, 40, 50, 60].flatMap { ["/repos/acme/app/issues/\($0)/events", "/repos/acme/app/pulls/\($0)/reviews"] }
                + [10, 30, 50].map { "/repos/acme/app/issues/\($0)/comments" }
            #expect(Self.lazyPaths(gitHub) == expected.sorted())
        }
    }

    /// Pull-request data is no request on issues, so `human_idle` there costs only the comments
    /// (none when `comments` is 0) and goes before `linked_prs` as written, as in
    /// `Rules/human-activity-stale.yaml`: an issue whose `human_idle` fails needs no timeline. On
    /// pull requests it costs the reviews too, so the timeline goes first there.
    @Test func humanIdleOnIssuesCostsOnlyTheComments() async throws {
        let rules = validRuleSet("""
            macros:
              has_open_pr: any(linked_prs, p => p.state == "open")
            rules:
              - name: never-quiet
                when: state == "open" and human_idle > 100000d and not has_open_pr
            """, allowingWarnings: true)
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100)
        try await harness.server.serving {
            let found = try await matches(of: rules, in: try harness.github())
            #expect(found.isEmpty)
            // Open issues (n % 3 != 0) with comments (n % 4 != 0): their comments only.
            let issues = (1...60).filter { $0 % 10 != 0 && $0 % 3 != 0 && $0 % 4 != 0 }
            var expected = issues.map { "/repos/acme/app/issues/\($0)/comments" }
            // Open pull requests: the timeline, then the reviews, and the comments of those with any.
            expected += [10, 20, 40, 50].map { "/repos/acme/app/issues/\($0)/timeline" }
            expected += [10, 20, 40, 50].map { "/repos/acme/app/pulls/\($0)/reviews" }
            expected += [10, 50].map { "/repos/acme/app/issues/\($0)/comments" }
            #expect(Self.lazyPaths(harness) == expected.sorted())
        }
    }

    /// A failed request for a pull request's data names the pull request (GitHub `pull request #N`,
    /// GitLab `merge request !N`, as the rest of each provider does), not an issue.
    @Test func errorsNameThePullRequest() async throws {
        let harness = try await RemoteHarness.start(count: 10, pageSize: 100) { request, _ in
            guard request.path.hasSuffix("/10/reviews") || request.path.hasSuffix("/10/approvals") else { return nil }
            return TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#)
        }
        try await harness.server.serving {
            let github = try harness.github()
            let pull = try await github.issue(number: 10)
            let gitHubText = await Self.failure { _ = try await github.loadLazyData(.reviews, of: pull) }
            #expect(gitHubText.contains("pull request #10 of") && !gitHubText.contains("issue #10"), "\(gitHubText)")
            await github.shutdown()
            let gitlab = try harness.gitlab()
            let mergeRequest = try await gitlab.issue(number: 10)
            let gitLabText = await Self.failure { _ = try await gitlab.loadLazyData(.reviews, of: mergeRequest) }
            #expect(gitLabText.contains("merge request !10 of") && !gitLabText.contains("issue #10"), "\(gitLabText)")
            await gitlab.shutdown()
        }
    }

    /// The comments and label events of a pull request come from `/issues/{n}/…` on GitHub, but
    /// a failure still names the pull request, as its reviews' failures do (and a write's); an issue's names the issue.
    @Test func commentAndLabelEventErrorsNameThePullRequest() async throws {
        let harness = try await RemoteHarness.start(count: 10, pageSize: 100) { request, _ in
            switch request.path {
            case "/repos/acme/app/issues/10/comments", "/repos/acme/app/issues/7/comments":
                TestHTTPResponse(status: 403, json: #"{"message":"Resource not accessible by integration"}"#)
            case "/repos/acme/app/issues/10/events", "/repos/acme/app/issues/10/labels": TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#)
            default: nil
            }
        }
        try await harness.server.serving {
            let github = try harness.github()
            let pull = try await github.issue(number: 10)
            #expect(pull.kind == "pull_request")
            let comments = await Self.failure { _ = try await github.loadComments(of: pull) }
            #expect(comments.contains("pull request #10 of repository acme/app") && !comments.contains("issue #10"), "\(comments)")
            let events = await Self.failure { _ = try await github.loadLabelEvents(of: pull) }
            #expect(events.contains("pull request #10 of repository acme/app") && !events.contains("issue #10"), "\(events)")
            let issue = try await github.issue(number: 7)
            let issueComments = await Self.failure { _ = try await github.loadComments(of: issue) }
            #expect(issueComments.contains("issue #7 of repository acme/app"), "\(issueComments)")
            // A write to the pull request (through `/issues/{n}` too) names it the same way.
            let write = await Self.failure { try await github.perform(.addLabels(["triaged"]), onIssue: 10, pullRequest: true) }
            #expect(write.contains("pull request #10 of repository acme/app") && !write.contains("issue #10"), "\(write)")
            await github.shutdown()
        }
    }

    /// What `load` throws, as a person reads it; a failed expectation when it does not throw.
    static func failure(_ load: () async throws -> Void) async -> String {
        do {
            try await load()
            Testing.Issue.record("the request did not fail")
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// The check-runs answer is an object, so its pages are asked by number while `total_count`
    /// says more runs exist: the failure on the second page decides.
    @Test func gitHubReadsEveryPageOfCheckRuns() async throws {
        let harness = try await RemoteHarness.start(count: 10, pageSize: 100) { request, _ in
            guard request.path == "/repos/acme/app/commits/sha10/check-runs" else { return nil }
            let run = { (conclusion: String) in #"{"id":1,"status":"completed","conclusion":"\#(conclusion)"}"# }
            return request.query["page"] == "2"
                ? TestHTTPResponse(json: #"{"total_count":3,"check_runs":[\#(run("failure"))]}"#)
                : TestHTTPResponse(json: #"{"total_count":3,"check_runs":[\#(run("success")),\#(run("skipped"))]}"#)
        }
        try await harness.server.serving {
            let rules = validRuleSet("""
                rules:
                  - name: red
                    when: kind == "pull_request" and checks == "failure"
                """, allowingWarnings: true)
            let found = try await matches(of: rules, in: try harness.github())
            #expect(found == ["red:10"])
            #expect(harness.requests(containing: "/check-runs").map(\.uri) == [
                "/repos/acme/app/commits/sha10/check-runs?per_page=100", "/repos/acme/app/commits/sha10/check-runs?per_page=100&page=2",
            ])
        }
    }
}
