import Foundation
import Synchronization
import Testing
import TriageCache
import TriageEngine
import TriageLanguage
@testable import TriageProviders
import TriageTestSupport

/// SPEC §7 for SPEC §8's data: on a second run over an unchanged repository, comments are reused
/// without a request, while every timeline, review, pull, status and check-run request (GitHub) or
/// related, approvals, reviewers and merge-request request (GitLab) is made again with
/// `If-None-Match` and answered 304 — and the answers stay the same.
struct CachedPullDataTests {
    final class Answers: Sendable {
        private let log = Mutex<[(path: String, status: Int, conditional: Bool)]>([])
        func record(_ request: TestHTTPRequest, _ response: TestHTTPResponse) {
            log.withLock { $0.append((request.path, response.status, request.header("if-none-match") != nil)) }
        }
        var all: [(path: String, status: Int, conditional: Bool)] { log.withLock { $0 } }
    }

    @Test(arguments: [false, true])
    func pullDataIsRevalidatedAndCommentsAreReused(gitLab: Bool) async throws {
        let answers = Answers()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100) { request, normal in
            answers.record(request, normal)
            return nil
        }
        let directory = NSTemporaryDirectory() + "triage-pull-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = try #require(try IssueCache.open(in: CacheDirectory(path: directory), note: { Issue.record("note: \($0)") }))
        try await harness.server.serving {
            func run() async throws -> [String] {
                let provider: any IssueProvider = gitLab
                    ? CachedIssueProvider(base: try harness.gitlab(), cache: cache, maxAgeSeconds: 3600)
                    : CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600)
                let found = try await matches(of: PullDataRequestTests.rules, in: provider).sorted()
                await provider.shutdown()
                return found
            }
            let first = try await run()
            let firstCount = answers.all.count
            let second = try await run()
            #expect(second == first)
            #expect(first.contains("ready-to-merge:10") && first.contains("bug-without-open-pr:25"))

            let isList = { (path: String) in path.hasSuffix("/issues") || path.hasSuffix("/merge_requests") }
            let lazyFirst = answers.all.prefix(firstCount).filter { !isList($0.path) }
            let lazySecond = answers.all.dropFirst(firstCount).filter { !isList($0.path) }
            let comments = { (path: String) in path.hasSuffix("/comments") || path.hasSuffix("/notes") }
            #expect(lazyFirst.contains { comments($0.path) })
            #expect(!lazySecond.contains { comments($0.path) }, "comments of unchanged issues are reused")
            #expect(lazySecond.map(\.path).sorted() == lazyFirst.filter { !comments($0.path) }.map(\.path).sorted())
            #expect(lazySecond.allSatisfy { $0.conditional && $0.status == 304 }, "\(lazySecond.filter { !$0.conditional || $0.status != 304 })")
        }
    }

    /// A push moves a pull request's head: the new commit's answers take the place of the old
    /// one's in the cache (rows do not pile up commit after commit), the new commit is asked
    /// without the old commit's `ETag`, and on the next run it is revalidated like any other.
    @Test func aMovedHeadReplacesTheOldCommitsAnswers() async throws {
        let moved = Mutex(false)
        let answers = Answers()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 100) { request, normal in
            var response = normal
            // Pull request 10's head moves to the commit `sha40` (whose checks pass too).
            if moved.withLock({ $0 }), request.path == "/repos/acme/app/pulls/10" {
                response = TestHTTPResponse(json: #"{"number":10,"state":"open","draft":false,"head":{"ref":"b10","sha":"sha40"},"base":{"ref":"main"}}"#)
            }
            answers.record(request, response)
            return response
        }
        let directory = NSTemporaryDirectory() + "triage-pull-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = try #require(try IssueCache.open(in: CacheDirectory(path: directory), note: { Issue.record("note: \($0)") }))
        let database = try SQLiteConnection(path: CacheDirectory(path: directory).databasePath)
        func rows(of item: String) throws -> Int64 {
            let statement = try database.prepare("SELECT COUNT(*) FROM lazy WHERE key = ?")
            try statement.bind(1, item)
            _ = try statement.step()
            return statement.int(0)
        }
        try await harness.server.serving {
            func run() async throws -> [String] {
                let provider = CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600)
                let found = try await matches(of: PullDataRequestTests.rules, in: provider).sorted()
                await provider.shutdown()
                return found
            }
            let before = try await run()
            let rowsBefore = try rows(of: "pull_request:10")
            moved.withLock { $0 = true }
            let start = answers.all.count
            #expect(try await run() == before)
            let afterMove = answers.all.dropFirst(start).filter { $0.path.contains("/commits/sha40/") }
            #expect(afterMove.count == 4 && afterMove.filter { !$0.conditional }.count == 2, "\(afterMove)")
            #expect(try rows(of: "pull_request:10") == rowsBefore)
            let again = answers.all.count
            #expect(try await run() == before)
            let revalidated = answers.all.dropFirst(again).filter { $0.path.contains("/commits/sha40/") }
            #expect(revalidated.count == 4 && revalidated.allSatisfy { $0.conditional && $0.status == 304 }, "\(revalidated)")
        }
    }
}
