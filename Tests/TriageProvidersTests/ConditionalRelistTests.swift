import Foundation
import Synchronization
import Testing
import TriageCache
import TriageEngine
import TriageLanguage
@testable import TriageProviders
import TriageTestSupport

/// A full re-list and a long lazy-data list revalidate page by page (SPEC §7): each page stored
/// from last time goes out with its own `If-None-Match`, a 304 reuses what the cache holds for that
/// page, and the answers stay those of an uncached read. Asserted on the fake's request log and on
/// the client's count of 304s.
struct ConditionalRelistTests {
    /// One run through a fresh provider over `cache`: what it listed, the requests it sent, its 304s.
    struct Run {
        var issues: [TriageLanguage.Issue]
        var requests: [TestHTTPRequest]
        var notModified: Int

        /// The page number of each list request, in order of arrival (1 when the URL names none).
        var pages: [Int] { requests.map { Int($0.query["page"] ?? "1") ?? 0 } }
        var conditional: [TestHTTPRequest] { requests.filter { $0.header("if-none-match") != nil } }
    }

    func fresh(_ cleanup: inout [String]) throws -> IssueCache {
        let path = NSTemporaryDirectory() + "triage-relist-cache-" + UUID().uuidString
        cleanup.append(path)
        return try #require(try IssueCache.open(in: CacheDirectory(path: path), note: { Issue.record("note: \($0)") }))
    }

    /// A full re-list every time (`--cache-max-age 0`).
    func relist(_ harness: RemoteHarness, _ cache: IssueCache, gitLab: Bool = false) async throws -> Run {
        let before = harness.server.requests.count
        var issues: [TriageLanguage.Issue] = []
        let notModified: Int
        if gitLab {
            let provider = CachedIssueProvider(base: try harness.gitlab(), cache: cache, maxAgeSeconds: 0)
            for try await issue in provider.issues(matching: .everything) { issues.append(issue) }
            notModified = provider.runNotes.notModified
            await provider.shutdown()
        } else {
            let provider = CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 0)
            for try await issue in provider.issues(matching: .everything) { issues.append(issue) }
            notModified = provider.runNotes.notModified
            await provider.shutdown()
        }
        return Run(issues: issues, requests: Array(harness.server.requests.dropFirst(before)), notModified: notModified)
    }

    func uncached(_ harness: RemoteHarness, gitLab: Bool = false) async throws -> [TriageLanguage.Issue] {
        gitLab ? try await readAll(try harness.gitlab()) : try await readAll(try harness.github())
    }

    @Test func aFullRelistAsksEveryKnownPageWithItsETag() async throws {
        let harness = try await RemoteHarness.start(count: 350, pageSize: 100)
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)
            let cold = try await relist(harness, cache)
            #expect(cold.requests.count == 4 && cold.conditional.isEmpty && cold.notModified == 0)

            let unchanged = try await relist(harness, cache)
            #expect(unchanged.pages.sorted() == [1, 2, 3, 4] && unchanged.conditional.count == 4, "\(unchanged.requests.map(\.uri))")
            #expect(unchanged.notModified == 4)
            #expect(unchanged.issues == cold.issues && unchanged.issues.count == 350)

            // An edit changes its own page only.
            harness.tracker.edit(150)
            let edited = try await relist(harness, cache)
            #expect(edited.pages.sorted() == [1, 2, 3, 4] && edited.conditional.count == 4 && edited.notModified == 3)
            #expect(try await edited.issues == uncached(harness) && edited.issues != cold.issues)

            // A new issue lands on the last page.
            let new = harness.tracker.create()
            let grown = try await relist(harness, cache)
            #expect(grown.pages.sorted() == [1, 2, 3, 4] && grown.conditional.count == 4 && grown.notModified == 3)
            #expect(grown.issues.count == 351 && grown.issues.last?.number == new)

            // Once the last page is full, a new issue opens a page after it: the full page answers
            // 304 and the next one is read unconditionally.
            for _ in 0..<49 { harness.tracker.create() }
            _ = try await relist(harness, cache)
            let last = harness.tracker.create()
            let spilled = try await relist(harness, cache)
            #expect(spilled.pages.sorted() == [1, 2, 3, 4, 5] && spilled.notModified == 4, "\(spilled.requests.map(\.uri))")
            #expect(spilled.conditional.count == 4 && spilled.requests.first { $0.query["page"] == "5" }?.header("if-none-match") == nil)
            #expect(spilled.issues.count == 401 && spilled.issues.last?.number == last)

            // A deletion shifts every later page: nothing is a 304, and the issue leaves the cache.
            harness.tracker.delete(50)
            let shrunk = try await relist(harness, cache)
            #expect(shrunk.notModified == 0 && shrunk.requests.count == 5)
            #expect(!shrunk.issues.contains { $0.number == 50 } && shrunk.issues.count == 400)
            #expect(try await shrunk.issues == uncached(harness))
            let key = CacheSourceKey(apiBase: harness.server.baseURL, repository: "acme/app", description: "github:acme/app")
            #expect(try cache.items(of: key).count == 400)

            let settled = try await relist(harness, cache)
            #expect(settled.notModified == settled.requests.count && settled.issues == shrunk.issues)
        }
    }

    @Test func gitLabRevalidatesTheIssueAndMergeRequestListingsApart() async throws {
        let harness = try await RemoteHarness.start(count: 300, pageSize: 50)
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)
            let cold = try await relist(harness, cache, gitLab: true)
            // 270 issues in 6 pages, 30 merge requests in 1.
            #expect(cold.requests.count == 7 && cold.notModified == 0)
            let unchanged = try await relist(harness, cache, gitLab: true)
            #expect(unchanged.requests.count == 7 && unchanged.conditional.count == 7 && unchanged.notModified == 7)
            #expect(unchanged.issues == cold.issues)
            harness.tracker.edit(20)
            let edited = try await relist(harness, cache, gitLab: true)
            #expect(edited.notModified == 6 && edited.conditional.count == 7)
            let changed = try #require(edited.requests.first { $0.path.hasSuffix("/merge_requests") })
            #expect(changed.header("if-none-match") != nil)
            #expect(try await edited.issues == uncached(harness, gitLab: true))
        }
    }

    @Test func aFullRelistThatFailsMidwayCommitsNothing() async throws {
        let failing = FailSwitch()
        let harness = try await RemoteHarness.start(count: 350, pageSize: 100) { request, _ in
            failing.isOn && request.query["page"] == "3" ? TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#) : nil
        }
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)
            let key = CacheSourceKey(apiBase: harness.server.baseURL, repository: "acme/app", description: "github:acme/app")
            _ = try await relist(harness, cache)
            let state = try cache.syncState(of: key), items = try cache.items(of: key), pages = try cache.listedPages(of: key)
            harness.tracker.delete(10)
            harness.tracker.edit(320)
            failing.set(true)
            await #expect(throws: APIError.self) { _ = try await relist(harness, cache) }
            #expect(try cache.syncState(of: key) == state && cache.items(of: key) == items && cache.listedPages(of: key) == pages)
            failing.set(false)
            let next = try await relist(harness, cache)
            #expect(next.notModified == 0 && next.issues.count == 349)
            #expect(try await next.issues == uncached(harness))
        }
    }

    /// Items changed and read by an incremental sync after the full list: their page's stored keys
    /// still name them, but the page answers 200 (its body changed), so the re-list reads them
    /// afresh; an item transferred away after that sync leaves the cache.
    @Test func itemsReadByAnIncrementalSyncAreReadAgainOnTheirChangedPage() async throws {
        let harness = try await RemoteHarness.start(count: 350, pageSize: 100)
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)
            _ = try await relist(harness, cache)
            harness.tracker.toggleClosed(150)
            harness.tracker.toggleLabel("bug", on: 160)
            let incremental = CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600)
            var synced: [TriageLanguage.Issue] = []
            for try await issue in incremental.issues(matching: .everything) { synced.append(issue) }
            await incremental.shutdown()
            #expect(harness.server.requests.last?.query["since"] != nil)
            #expect(try await synced == uncached(harness))

            let relisted = try await relist(harness, cache)
            #expect(relisted.conditional.count == 4 && relisted.notModified == 3, "\(relisted.requests.map(\.uri))")
            #expect(try await relisted.issues == uncached(harness))

            harness.tracker.delete(160)
            let transferred = try await relist(harness, cache)
            #expect(transferred.notModified == 1 && !transferred.issues.contains { $0.number == 160 })
            #expect(try await transferred.issues == uncached(harness))
        }
    }

    /// A page the server sends without an `ETag` is asked unconditionally every time; the pages
    /// around it still revalidate, and what it no longer lists leaves the cache.
    @Test func aPageWithoutAnETagIsReadAfreshEveryTime() async throws {
        let harness = try await RemoteHarness.start(count: 350, pageSize: 100) { request, normal in
            guard request.query["page"] == "2" else { return nil }
            var stripped = normal
            stripped.headers.removeAll { $0.name.lowercased() == "etag" }
            return stripped
        }
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)
            let cold = try await relist(harness, cache)
            let unchanged = try await relist(harness, cache)
            #expect(unchanged.conditional.count == 3 && unchanged.notModified == 3 && unchanged.requests.count == 4)
            #expect(unchanged.requests.first { $0.query["page"] == "2" }?.header("if-none-match") == nil)
            #expect(unchanged.issues == cold.issues)

            // Issue 150 (page 2) goes: page 2 and every later page change, page 1 stays.
            harness.tracker.delete(150)
            let shrunk = try await relist(harness, cache)
            #expect(shrunk.notModified == 1 && !shrunk.issues.contains { $0.number == 150 })
            #expect(try await shrunk.issues == uncached(harness))
            let key = CacheSourceKey(apiBase: harness.server.baseURL, repository: "acme/app", description: "github:acme/app")
            #expect(try cache.items(of: key).count == 349)
        }
    }

    /// 250 comments in pages of 100: each stored page is revalidated with its own `ETag`.
    @Test func aLongCommentListIsRevalidatedPageByPage() async throws {
        let harness = try await RemoteHarness.start(count: 20, pageSize: 20)
        // Issue 5 has one generated comment; 249 more make 250.
        for k in 0..<249 { harness.tracker.comment(on: 5, by: "user\(k % 3)", "comment \(k)") }
        try await harness.server.serving {
            var created: [String] = []
            defer { for path in created { try? FileManager.default.removeItem(atPath: path) } }
            let cache = try fresh(&created)

            /// The comments of issue 5 through a fresh cached provider; the comment requests and their 304s.
            func comments() async throws -> (comments: [IssueComment], requests: [TestHTTPRequest], notModified: Int) {
                let provider = CachedIssueProvider(base: try harness.github(), cache: cache, maxAgeSeconds: 3600)
                var issue: TriageLanguage.Issue?
                for try await listed in provider.issues(matching: .everything) where listed.number == 5 { issue = listed }
                let before = harness.server.requests.count, listed = provider.runNotes.notModified
                let comments = try await provider.loadComments(of: try #require(issue))
                let notModified = provider.runNotes.notModified - listed
                await provider.shutdown()
                return (comments, Array(harness.server.requests.dropFirst(before)), notModified)
            }
            func plain() async throws -> [IssueComment] {
                let provider = try harness.github()
                let comments = try await provider.loadComments(of: try await provider.issue(number: 5))
                await provider.shutdown()
                return comments
            }

            // The fake stamps `updated` in whole seconds; changes within one second would look like
            // none to the cache, so each step stamps its own later instant.
            func stamp(_ step: Int) {
                harness.tracker.update(5) { $0.updated = "2030-01-01T00:00:\(step < 10 ? "0" : "")\(step)Z" }
            }

            let cold = try await comments()
            #expect(cold.comments.count == 250 && cold.requests.count == 3 && cold.notModified == 0)
            #expect(try await cold.comments == plain())

            // A new comment changes the last page only.
            harness.tracker.comment(on: 5, by: "dependabot[bot]", "new")
            stamp(1)
            let appended = try await comments()
            #expect(appended.requests.map { $0.query["page"] ?? "1" } == ["1", "2", "3"] && appended.requests.allSatisfy { $0.header("if-none-match") != nil })
            #expect(appended.notModified == 2 && appended.comments.count == 251)
            #expect(try await appended.comments == plain())

            // An edited comment on page 1 changes page 1 only.
            harness.tracker.editPostedComment(on: 5, at: 10, "edited")
            stamp(2)
            let edited = try await comments()
            #expect(edited.requests.count == 3 && edited.notModified == 2)
            #expect(edited.comments[11].body == "edited")
            #expect(try await edited.comments == plain())

            // Nothing changed but `updated`: three 304s, the stored comments.
            stamp(3)
            let revalidated = try await comments()
            #expect(revalidated.requests.count == 3 && revalidated.notModified == 3 && revalidated.comments == edited.comments)

            // A full last page (300) is followed by a page read unconditionally when it grows.
            for k in 0..<49 { harness.tracker.comment(on: 5, by: "alice", "more \(k)") }
            stamp(4)
            #expect(try await comments().comments.count == 300)
            harness.tracker.comment(on: 5, by: "bob", "spills over")
            stamp(5)
            let spilled = try await comments()
            #expect(spilled.requests.map { $0.query["page"] ?? "1" } == ["1", "2", "3", "4"] && spilled.notModified == 3)
            #expect(spilled.requests.last?.header("if-none-match") == nil && spilled.comments.last?.body == "spills over")
            #expect(try await spilled.comments == plain())

            // A comment deleted on page 1 shifts every later page: the list shrinks from four
            // pages to three, none of them a 304, and no comment of the old pages lingers.
            harness.tracker.update(5) { $0.posted.remove(at: 5) }
            stamp(6)
            let shifted = try await comments()
            #expect(shifted.requests.map { $0.query["page"] ?? "1" } == ["1", "2", "3"] && shifted.notModified == 0)
            #expect(shifted.comments.count == 300 && !shifted.comments.contains { $0.body == "comment 5" })
            #expect(try await shifted.comments == plain())

            // Unchanged again: the full last page is followed by an empty one, read unconditionally.
            stamp(7)
            let settled = try await comments()
            #expect(settled.notModified == 3 && settled.requests.count == 4 && settled.comments == shifted.comments)
            #expect(try await settled.comments == plain())
        }
    }
}

/// Turns a scenario's failure on and off between runs.
final class FailSwitch: Sendable {
    private let state = Mutex(false)
    var isOn: Bool { state.withLock { $0 } }
    func set(_ on: Bool) { state.withLock { $0 = on } }
}
