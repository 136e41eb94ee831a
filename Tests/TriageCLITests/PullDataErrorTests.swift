import Testing
import TriageTestSupport

/// A lazy request the API refuses (a deleted pull request's timeline answering 404, reviews the
/// token may not read answering 403) is an error for that issue and rule, named and explained;
/// the run goes on with the other issues and exits 3.
struct PullDataErrorTests {
    static let rules = """
        rules:
          - name: bug-with-open-pr
            severity: error
            when: >-
              kind == "issue" and state == "open" and "bug" in labels and any(linked_prs, p => p.state == "open")
          - name: approved
            severity: error
            when: >-
              kind == "pull_request" and state == "open" and review_state == "approved"
        """

    @Test func refusedLazyRequestsAreErrorsNamingTheItem() async throws {
        let tracker = FakeIssueTracker(count: 30, pageSize: 100)
        let server = try await TestHTTPServer.start { request in
            switch request.path {
            case "/repos/acme/app/issues/5/timeline": TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#)
            case "/repos/acme/app/pulls/20/reviews": TestHTTPResponse(status: 403, json: #"{"message":"Resource not accessible by integration"}"#)
            default: tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
            }
        }
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl"], rules: Self.rules)
            #expect(output.status == 3, "\(output)")
            // Pull request 10 is approved; the bug 25 is linked to the closed pull request 30.
            #expect(output.stdoutLines == [#"{"rule":"approved","severity":"error","number":10,"title":"Issue 10","url":"https://github.com/acme/app/pull/10"}"#])
            let errors = output.stderrLines.filter { $0.hasPrefix("error: rule ") }
            #expect(errors.count == 2, "\(output)")
            #expect(errors.contains { $0.hasPrefix("error: rule bug-with-open-pr on #5: ") && $0.contains("issue #5 of repository acme/app") && $0.contains("not found") },
                    "\(output)")
            #expect(errors.contains { $0.hasPrefix("error: rule approved on #20: ") && $0.contains("pull request #20 of repository acme/app")
                    && $0.contains("Resource not accessible by integration") }, "\(output)")
            // Each refused request was made once.
            #expect(server.requests.filter { $0.path.hasSuffix("/timeline") || $0.path.hasSuffix("/reviews") }.map(\.path).sorted() == [
                "/repos/acme/app/issues/25/timeline", "/repos/acme/app/issues/5/timeline",
                "/repos/acme/app/pulls/10/reviews", "/repos/acme/app/pulls/20/reviews",
            ])
        }
    }

    /// A pull request's comments are read from `/issues/{n}/comments` on GitHub; the token refusing
    /// them is an error that names the pull request, not an issue, and the run exits 3.
    @Test func refusedCommentsOfAPullRequestNameThePullRequest() async throws {
        let rules = """
            rules:
              - name: quiet-pull
                severity: error
                when: kind == "pull_request" and human_idle > 1d
            """
        let tracker = FakeIssueTracker(count: 30, pageSize: 100)
        let server = try await TestHTTPServer.start { request in
            switch request.path {
            case "/repos/acme/app/issues/10/comments": TestHTTPResponse(status: 403, json: #"{"message":"Resource not accessible by integration"}"#)
            default: tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
            }
        }
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl"], rules: rules)
            #expect(output.status == 3, "\(output)")
            let errors = output.stderrLines.filter { $0.hasPrefix("error: rule ") }
            #expect(errors.count == 1, "\(output)")
            #expect(errors.contains { $0.hasPrefix("error: rule quiet-pull on #10: ") && $0.contains("pull request #10 of repository acme/app")
                    && $0.contains("Resource not accessible by integration") && !$0.contains("issue #10") }, "\(output)")
        }
    }
}
