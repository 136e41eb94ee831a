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
}
