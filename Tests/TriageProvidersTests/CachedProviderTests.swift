import Foundation
import Testing
import TriageCache
import TriageEngine
import TriageLanguage
@testable import TriageProviders
import TriageTestSupport

/// `CachedIssueProvider` over the fake: what it stores reads back as the API's issues, and the sync
/// time comes from the server and moves only after a complete read.
struct CachedProviderTests {
    /// A fresh cache; its directory is removed when the test's `cleanup` runs.
    func cache(_ cleanup: inout [String]) throws -> IssueCache {
        let path = NSTemporaryDirectory() + "triage-provider-cache-" + UUID().uuidString
        cleanup.append(path)
        return try #require(try IssueCache.open(in: CacheDirectory(path: path), note: { Issue.record("note: \($0)") }))
    }

    func remove(_ paths: [String]) {
        for path in paths { try? FileManager.default.removeItem(atPath: path) }
    }

    func read(_ provider: some IssueProvider, _ query: IssueQuery = .everything) async throws -> [TriageLanguage.Issue] {
        var issues: [TriageLanguage.Issue] = []
        for try await issue in provider.issues(matching: query) { issues.append(issue) }
        return issues
    }

    @Test(arguments: [false, true])
    func cachedIssuesEqualListedIssuesFieldForField(gitLab: Bool) async throws {
        let harness = try await RemoteHarness.start(count: 90, pageSize: 20)
        try await harness.server.serving {
            harness.tracker.update(4) { $0.assignees = ["alice"] }
            let plain: any IssueProvider = gitLab ? try harness.gitlab() : try harness.github()
            var created: [String] = []
            defer { remove(created) }
            let cache = try cache(&created)
            let listed = try await read(plain)
            for query in [IssueQuery.everything, IssueQuery(state: "open", labels: ["bug"]), IssueQuery(kind: "pull_request")] {
                let cached = gitLab ? try await read(CachedIssueProvider(base: try harness.gitlab(), cache: cache, maxAgeSeconds: 3600), query)
                                    : try await read(CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600), query)
                #expect(cached == listed.filter { CachedIssueProvider<GitHubIssueProvider>.admits($0, query) })
            }
        }
    }

    @Test func theNextSyncAsksSinceTheServersDateMinusAMinute() async throws {
        let harness = try await RemoteHarness.start(count: 50, pageSize: 20) { _, normal in
            var response = normal
            response.headers = response.headers.filter { $0.name != "Date" } + [("Date", "Tue, 01 Jan 2030 00:00:00 GMT")]
            return response
        }
        try await harness.server.serving {
            var created: [String] = []
            defer { remove(created) }
            let cache = try cache(&created)
            _ = try await read(CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600))
            let before = harness.server.requests.count
            _ = try await read(CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600))
            let second = harness.server.requests.dropFirst(before)
            #expect(second.count == 1)
            #expect(second.first?.query["since"] == "2029-12-31T23%3A59%3A00Z" || second.first?.query["since"] == "2029-12-31T23:59:00Z",
                    "\(second.map(\.uri))")
            #expect(second.first?.query["state"] == "all" && second.first?.query["labels"] == nil)
        }
    }

    @Test func aSyncThatFailsMidwayCommitsNothing() async throws {
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20) { request, _ in
            request.query["page"] == "3" ? TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#) : nil
        }
        try await harness.server.serving {
            var created: [String] = []
            defer { remove(created) }
            let cache = try cache(&created)
            let provider = CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600)
            await #expect(throws: APIError.self) { _ = try await read(provider) }
            let key = CacheSourceKey(apiBase: harness.server.baseURL, repository: "acme/app", description: "github:acme/app")
            #expect(try cache.syncState(of: key) == nil && cache.items(of: key).isEmpty)
        }
    }

    @Test func httpDatesReadAndWriteIMFFixdate() throws {
        let date = try #require(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT"))
        #expect(date.rfc3339 == "1994-11-06T08:49:37Z")
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
    }
}
