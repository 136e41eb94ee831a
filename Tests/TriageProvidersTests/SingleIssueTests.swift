import Foundation
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// `issue(number:)`: remote providers fetch the one issue (no list request), a missing one is a
/// clear `IssueNotFound`, and a file scans.
struct SingleIssueTests {
    @Test func gitHubFetchesOneIssueOrPullRequestWithOneRequest() async throws {
        let harness = try await RemoteHarness.start(count: 40)
        let provider = try harness.github()
        let issue = try await provider.issue(number: 35)
        let pull = try await provider.issue(number: 30)
        await provider.shutdown()
        await harness.server.stop()
        #expect(issue.number == 35 && issue.title == "Issue 35" && issue.labels == ["bug", "question"] && issue.kind == "issue")
        #expect(issue.body == "Body of 35" && issue.url == "https://github.com/acme/app/issues/35")
        #expect(pull.number == 30 && pull.kind == "pull_request")
        #expect(harness.server.requests.map(\.path) == ["/repos/acme/app/issues/35", "/repos/acme/app/issues/30"])
        #expect(provider.runNotes.apiCalls == 2)
    }

    @Test func gitHubAnswers404WithNoSuchIssue() async throws {
        let harness = try await RemoteHarness.start(count: 40)
        let provider = try harness.github()
        let error = await #expect(throws: IssueNotFound.self) { try await provider.issue(number: 41) }
        await provider.shutdown()
        await harness.server.stop()
        #expect(error?.description == "github:acme/app has no issue #41")
        #expect(harness.server.requests.map(\.path) == ["/repos/acme/app/issues/41"])
    }

    /// With the kind known (a webhook payload), a GitLab merge request is one request too.
    @Test func gitLabReadsAnItemOfAKnownKindWithOneRequest() async throws {
        let harness = try await RemoteHarness.start(count: 40)
        let provider = try harness.gitlab()
        let mergeRequest = try await provider.issue(number: 30, kind: .pullRequest)
        let issue = try await provider.issue(number: 35, kind: .issue)
        let error = await #expect(throws: IssueNotFound.self) { try await provider.issue(number: 35, kind: .pullRequest) }
        await provider.shutdown()
        await harness.server.stop()
        #expect(mergeRequest.number == 30 && mergeRequest.kind == "pull_request" && issue.number == 35 && issue.kind == "issue")
        #expect(error?.description == "gitlab:acme/app has no issue #35")
        #expect(harness.server.requests.map(\.path) == [
            "/api/v4/projects/acme%2Fapp/merge_requests/30", "/api/v4/projects/acme%2Fapp/issues/35", "/api/v4/projects/acme%2Fapp/merge_requests/35",
        ])
    }

    @Test func gitLabTriesTheIssueThenTheMergeRequest() async throws {
        let harness = try await RemoteHarness.start(count: 40)
        let provider = try harness.gitlab()
        let issue = try await provider.issue(number: 35)
        #expect(harness.server.requests.map(\.path) == ["/api/v4/projects/acme%2Fapp/issues/35"])
        let mergeRequest = try await provider.issue(number: 30)
        let error = await #expect(throws: IssueNotFound.self) { try await provider.issue(number: 99) }
        await provider.shutdown()
        await harness.server.stop()
        #expect(issue.number == 35 && issue.kind == "issue" && issue.url == "https://gitlab.com/acme/app/-/issues/35")
        #expect(mergeRequest.number == 30 && mergeRequest.kind == "pull_request")
        #expect(error?.description == "gitlab:acme/app has no issue #99")
        #expect(harness.server.requests.map(\.path) == [
            "/api/v4/projects/acme%2Fapp/issues/35",
            "/api/v4/projects/acme%2Fapp/issues/30", "/api/v4/projects/acme%2Fapp/merge_requests/30",
            "/api/v4/projects/acme%2Fapp/issues/99", "/api/v4/projects/acme%2Fapp/merge_requests/99",
        ])
    }

    @Test func aServerFailureIsNotANotFound() async throws {
        let harness = try await RemoteHarness.start(count: 10) { request, _ in
            TestHTTPResponse(status: 401, json: #"{"message":"Bad credentials"}"#)
        }
        let provider = try harness.github(token: "ghp_0123456789")
        let error = await #expect(throws: APIError.self) { try await provider.issue(number: 3) }
        await provider.shutdown()
        await harness.server.stop()
        #expect(error?.message == "GitHub rejected the token (401 Unauthorized); check GITHUB_TOKEN or GH_TOKEN: Bad credentials")
    }

    @Test func aFileScansForTheNumber() async throws {
        let tracker = FakeIssueTracker(count: 30)
        let path = try temporaryFile(Array(tracker.gitHubFile.utf8), name: "single-issue.json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = FileIssueProvider(path: path)
        let issue = try await provider.issue(number: 21)
        #expect(issue.number == 21 && issue.body == "Body of 21" && issue.labels == ["question"])
        let error = await #expect(throws: IssueNotFound.self) { try await provider.issue(number: 31) }
        #expect(error?.description == "file:\(path) has no issue #31")
        #expect(provider.runNotes == ProviderRunNotes())
    }
}
