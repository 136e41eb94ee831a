import Foundation
import Testing
import TriageEngine
import TriageProviders
import TriageTestSupport

/// The providers' writes called directly against the fake tracker: request shapes the CLI tests
/// do not reach, the retry rule for POST, the login, and GitLab's assignee ids.
struct WriteTests {
    static let token = "ghp_WRITESECRET_0123456789"

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    @Test func gitHubEncodesLabelNamesAndClosesWithOrWithoutAReason() async throws {
        let harness = try await RemoteHarness.start(count: 5)
        try await harness.server.serving {
            harness.tracker.update(2) { $0.labels = ["good first issue", "bug"]; $0.assignees = ["bob", "carol"] }
            let provider = try harness.github(token: Self.token)
            try await provider.perform(.removeLabel("good first issue"), onIssue: 2, pullRequest: false)
            try await provider.perform(.close(reason: nil), onIssue: 2, pullRequest: false)
            try await provider.perform(.reopen, onIssue: 2, pullRequest: false)
            try await provider.perform(.close(reason: .completed), onIssue: 2, pullRequest: false)
            try await provider.perform(.unassign(["bob"]), onIssue: 2, pullRequest: false)
            await provider.shutdown()
            #expect(harness.tracker.writes == [
                .init("DELETE", "/repos/acme/app/issues/2/labels/good%20first%20issue"),
                .init("PATCH", "/repos/acme/app/issues/2", #"{"state":"closed"}"#),
                .init("PATCH", "/repos/acme/app/issues/2", #"{"state":"open"}"#),
                .init("PATCH", "/repos/acme/app/issues/2", #"{"state":"closed","state_reason":"completed"}"#),
                .init("DELETE", "/repos/acme/app/issues/2/assignees", #"{"assignees":["bob"]}"#),
            ])
            let item = harness.tracker.items[1]
            #expect(item.labels == ["bug"] && item.closed && item.assignees == ["carol"])
            #expect(harness.server.requests.allSatisfy { $0.header("authorization") == "Bearer \(Self.token)" })
        }
    }

    @Test func aPostAnswered500IsNotRetriedButAPatchIs() async throws {
        let harness = try await RemoteHarness.start(count: 5)
        try await harness.server.serving {
            harness.tracker.failWrites("POST", "/repos/acme/app/issues/1/comments")
            harness.tracker.failWrites("PATCH", "/repos/acme/app/issues/1")
            let provider = try harness.github(token: Self.token, maxRetries: 3)
            await #expect(throws: APIError.self) { try await provider.perform(.comment(body: "hi"), onIssue: 1, pullRequest: false) }
            await #expect(throws: APIError.self) { try await provider.perform(.reopen, onIssue: 1, pullRequest: false) }
            await provider.shutdown()
            #expect(harness.requests(containing: "/issues/1/comments").count == 1)
            #expect(harness.server.requests.filter { $0.method == "PATCH" }.count == 4)
            #expect(harness.tracker.writes.isEmpty)
            // The log and the trace said something (retries, every exchange), just never the token.
            #expect(!harness.recorder.log.isEmpty && !harness.recorder.trace.isEmpty)
            #expect(!harness.recorder.log.joined().contains(Self.token) && !harness.recorder.trace.joined().contains(Self.token))
        }
    }

    @Test func aPostIsRetriedOnAGatewayError() async throws {
        // The 503 comes before the tracker applies anything, as from a gateway.
        let hits = Hits(), tracker = FakeIssueTracker(count: 5)
        let server = try await TestHTTPServer.start { request in
            if request.method == "POST", hits.hit(request.path) == 1 { return TestHTTPResponse(status: 503, json: "{}") }
            return tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let harness = RemoteHarness(server: server, tracker: tracker)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token)
            try await provider.perform(.comment(body: "hi"), onIssue: 1, pullRequest: false)
            await provider.shutdown()
            #expect(harness.requests(containing: "/issues/1/comments").count == 2)
            #expect(harness.tracker.items[0].posted.map(\.body) == ["hi"])
        }
    }

    @Test func aWriteWaitsOutASecondaryRateLimitLikeAReadAndIsAppliedOnce() async throws {
        // GitHub's secondary limit on content creation: 403 with Retry-After, nothing applied.
        let hits = Hits(), tracker = FakeIssueTracker(count: 5)
        let server = try await TestHTTPServer.start { request in
            if request.method == "POST", hits.hit(request.path) == 1 {
                return TestHTTPResponse(status: 403, headers: [("Retry-After", "30")], json: #"{"message":"You have exceeded a secondary rate limit"}"#)
            }
            return tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let harness = RemoteHarness(server: server, tracker: tracker)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token)
            try await provider.perform(.comment(body: "hi"), onIssue: 1, pullRequest: false)
            await provider.shutdown()
            #expect(harness.recorder.sleeps == [30])
            #expect(harness.tracker.items[0].posted.map(\.body) == ["hi"])
            #expect(harness.recorder.log == ["GitHub rate limit reached; waiting 30s until it resets"])
        }
    }

    @Test func theLoginIsReadOnceAndOnlyWithAToken() async throws {
        let harness = try await RemoteHarness.start(count: 5)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token)
            try await provider.prepareForWrites()
            try await provider.prepareForWrites()
            #expect(provider.authenticatedLogin == "triage-bot")
            let anonymous = try harness.github()
            try await anonymous.prepareForWrites()
            #expect(anonymous.authenticatedLogin == nil)
            let gitLab = try harness.gitlab(token: "glpat-WRITESECRET")
            try await gitLab.prepareForWrites()
            #expect(gitLab.authenticatedLogin == "triage-bot")
            for client in [provider, anonymous] as [GitHubIssueProvider] { await client.shutdown() }
            await gitLab.shutdown()
            #expect(harness.requests(containing: "/user").map(\.path) == ["/user", "/api/v4/user"])
        }
    }

    @Test func aGitHubActionsTokenThatCannotReadTheUserLeavesTheLoginUnknown() async throws {
        let harness = try await RemoteHarness.start(count: 5) { request, _ in
            request.path == "/user" ? TestHTTPResponse(status: 403, json: #"{"message":"Resource not accessible by integration"}"#) : nil
        }
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token)
            try await provider.prepareForWrites()
            await provider.shutdown()
            #expect(provider.authenticatedLogin == nil)
        }
    }

    @Test func gitLabAssigneesAreIdsFromTheCurrentStateAndUsersAreLookedUpOnce() async throws {
        let harness = try await RemoteHarness.start(count: 12)
        try await harness.server.serving {
            harness.tracker.update(4) { $0.assignees = ["bob"] }
            let provider = try harness.gitlab(token: "glpat-WRITESECRET")
            try await provider.perform(.assign(["alice", "carol"]), onIssue: 4, pullRequest: false)
            try await provider.perform(.assign(["user3"]), onIssue: 4, pullRequest: false)
            try await provider.perform(.unassign(["bob"]), onIssue: 4, pullRequest: false)
            try await provider.perform(.assign(["alice"]), onIssue: 10, pullRequest: true)
            try await provider.perform(.addLabels(["a", "b"]), onIssue: 10, pullRequest: true)
            try await provider.perform(.close(reason: .notPlanned), onIssue: 10, pullRequest: true)
            await provider.shutdown()
            let id = FakeIssueTracker.userID
            let issue = "/api/v4/projects/acme%2Fapp/issues/4", mergeRequest = "/api/v4/projects/acme%2Fapp/merge_requests/10"
            #expect(harness.tracker.writes == [
                .init("PUT", issue, Self.json(["assignee_ids": [id("bob"), id("alice"), id("carol")]])),
                .init("PUT", issue, Self.json(["assignee_ids": [id("bob"), id("alice"), id("carol"), id("user3")]])),
                .init("PUT", issue, Self.json(["assignee_ids": [id("alice"), id("carol"), id("user3")]])),
                .init("PUT", mergeRequest, Self.json(["assignee_ids": [id("alice")]])),
                .init("PUT", mergeRequest, #"{"add_labels":"a,b"}"#),
                // GitLab has no close reason: it is dropped.
                .init("PUT", mergeRequest, #"{"state_event":"close"}"#),
            ])
            #expect(harness.tracker.items[3].assignees == ["alice", "carol", "user3"])
            #expect(harness.requests(containing: "/api/v4/users?").map(\.query["username"]) == ["alice", "carol", "user3"])
        }
    }

    @Test func gitLabRefusesToAssignAnUnknownUser() async throws {
        let harness = try await RemoteHarness.start(count: 5)
        try await harness.server.serving {
            let provider = try harness.gitlab(token: "glpat-WRITESECRET")
            let error = await #expect(throws: APIError.self) { try await provider.perform(.assign(["nobody"]), onIssue: 1, pullRequest: false) }
            await provider.shutdown()
            #expect(error?.message == "GitLab has no user `nobody` to assign")
            #expect(harness.tracker.writes.isEmpty)
        }
    }
}
