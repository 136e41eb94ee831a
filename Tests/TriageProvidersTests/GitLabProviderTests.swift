import Foundation
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// The GitLab provider against a loopback server (SPEC §1, §4).
struct GitLabProviderTests {
    @Test func readsIssuesThenMergeRequestsAcrossPages() async throws {
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20)
        try await harness.server.serving {
            let provider = try harness.gitlab()
            let issues = try await readAll(provider)
            let issueNumbers = (1...100).filter { $0 % 10 != 0 }, mergeRequests = (1...100).filter { $0 % 10 == 0 }
            #expect(issues.map(\.number) == issueNumbers + mergeRequests)
            #expect(provider.apiCalls == 5 + 1)
            #expect(issues.filter { $0.kind == "pull_request" }.map(\.number) == mergeRequests)
            let first = harness.server.requests[0]
            #expect(first.path == "/api/v4/projects/acme%2Fapp/issues")
            #expect(first.query["per_page"] == "100" && first.query["order_by"] == "created_at" && first.query["sort"] == "asc")
            let sample = try #require(issues.first { $0.number == 35 })
            #expect(sample.labels == ["bug", "question"] && sample.comments == 3 && sample.author == "user9")
            #expect(sample.url == "https://gitlab.com/acme/app/-/issues/35" && sample.repo == "acme/app" && sample.state == "open")
            #expect(issues.first { $0.number == 3 }?.state == "closed")
        }
    }

    @Test func mapsStateAndSkipsMergeRequestsWhenNoRuleCanMatchThem() async throws {
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20)
        try await harness.server.serving {
            let issues = try await readAll(try harness.gitlab(), query: IssueQuery(state: "open", kind: "issue", labels: ["bug"]))
            #expect(issues.map(\.number) == (1...60).filter { $0 % 5 == 0 && $0 % 3 != 0 && $0 % 10 != 0 })
            #expect(harness.server.requests.allSatisfy { $0.path.hasSuffix("/issues") })
            #expect(harness.server.requests[0].query["state"] == "opened" && harness.server.requests[0].query["labels"] == "bug")

            let closed = try await RemoteHarness.start(count: 60, pageSize: 20)
            try await closed.server.serving {
                _ = try await readAll(try closed.gitlab(), query: IssueQuery(state: "closed"))
                let byPath = Dictionary(grouping: closed.server.requests, by: \.path)
                #expect(byPath["/api/v4/projects/acme%2Fapp/issues"]?.first?.query["state"] == "closed")
                // Closed merge requests are `closed` or `merged` in GitLab: ask for all of them.
                #expect(byPath["/api/v4/projects/acme%2Fapp/merge_requests"]?.first?.query["state"] == "all")
            }
        }
    }

    @Test func followsXNextPageWithoutALinkHeader() async throws {
        let harness = try await RemoteHarness.start(count: 90, pageSize: 20) { _, normal in
            var stripped = normal
            stripped.headers.removeAll { ["link", "x-total-pages", "x-total"].contains($0.name.lowercased()) }
            return stripped
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.gitlab(), query: IssueQuery(kind: "issue"))
            #expect(issues.map(\.number) == (1...90).filter { $0 % 10 != 0 })
            #expect(harness.server.requests.map { $0.query["page"] ?? "1" } == ["1", "2", "3", "4", "5"])
        }
    }

    @Test func waitsOut429RetryAfterAndRateLimitReset() async throws {
        let hits = Hits()
        let reset = Int(remoteTestNow) + 20
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { request, _ in
            switch (request.query["page"], request.path.hasSuffix("issues")) {
            case ("2", true) where hits.hit("p2") == 1:
                return TestHTTPResponse(status: 429, headers: [("Retry-After", "7"), ("RateLimit-Remaining", "0")], json: #"{"message":"Retry later"}"#)
            case ("3", true) where hits.hit("p3") == 1:
                return TestHTTPResponse(status: 429, headers: [("RateLimit-Remaining", "0"), ("RateLimit-Reset", "\(reset)")], json: "{}")
            default:
                return nil
            }
        }
        try await harness.server.serving {
            // One page at a time, so the second limit is met after the first wait (7 s) has passed.
            let issues = try await readAll(try harness.gitlab(pageConcurrency: 1), query: IssueQuery(kind: "issue"))
            #expect(issues.count == 54)
            #expect(harness.recorder.sleeps == [7, 20 - 7 + 1])
        }
    }

    @Test func notFoundNamesTheProject() async throws {
        let harness = try await RemoteHarness.start()
        try await harness.server.serving {
            let error = await readingError(try harness.gitlab("acme/sub/nope", token: "glpat-0123456789"))
            #expect("\(error.map { "\($0)" } ?? "")" == "project acme/sub/nope not found or not visible with this token")
            #expect(harness.server.requests.first?.path == "/api/v4/projects/acme%2Fsub%2Fnope/issues")
        }
    }

    @Test func sendsPrivateTokenAndNeverShowsIt() async throws {
        let token = "glpat-SECRET-abcdefghijkl"
        let harness = try await RemoteHarness.start(count: 30, pageSize: 20)
        try await harness.server.serving {
            _ = try await readAll(try harness.gitlab(token: token))
            #expect(harness.server.requests.allSatisfy { $0.header("private-token") == token && $0.header("authorization") == nil })
            #expect(harness.recorder.trace.contains { $0.contains("PRIVATE-TOKEN: [redacted]") })
            #expect((harness.recorder.log + harness.recorder.trace).allSatisfy { !$0.contains(token) })
        }
    }

    @Test func commentsComeFromNotesWithoutSystemNotes() async throws {
        let harness = try await RemoteHarness.start(count: 40, pageSize: 20)
        try await harness.server.serving {
            let provider = try harness.gitlab()
            let issue = TriageLanguage.Issue(number: 35, kind: "issue", comments: 3, created: Timestamp(year: 2024, month: 1, day: 1)!,
                                             updated: Timestamp(year: 2024, month: 1, day: 1)!)
            let comments = try await provider.loadComments(of: issue)
            #expect(comments.map(\.author) == ["commenter0", "commenter1", "dependabot[bot]"])
            #expect(comments.map(\.bot) == [false, false, true])
            let events = try await provider.loadLabelEvents(of: issue)
            #expect(events.map(\.label) == ["bug", "question"] && events.allSatisfy { $0.action == .added })
            var request = harness.server.requests[0]
            #expect(request.path == "/api/v4/projects/acme%2Fapp/issues/35/notes" && request.query["sort"] == "asc")
            request = harness.server.requests[1]
            #expect(request.path == "/api/v4/projects/acme%2Fapp/issues/35/resource_label_events")
            var mergeRequest = issue
            mergeRequest.number = 30
            mergeRequest.kind = "pull_request"
            mergeRequest.comments = 2
            #expect(try await provider.loadComments(of: mergeRequest).count == 2)
            #expect(harness.server.requests[2].path == "/api/v4/projects/acme%2Fapp/merge_requests/30/notes")
            await provider.shutdown()
        }
    }
}
