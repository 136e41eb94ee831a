import Foundation
import Testing
@testable import TriageCache

/// The lazy-data path a run takes once per issue: its statements are prepared once per run, and a
/// 304 revalidation moves the row's `updated` without writing its blob again.
struct LazyDataStatementTests {
    let source = CacheSourceKey(apiBase: "http://127.0.0.1:1", repository: "acme/app", description: "github:acme/app")

    @Test func lazyDataStatementsArePreparedOncePerRun() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        let before = cache.statementsPrepared
        for number in 1...200 {
            #expect(try cache.lazyData(of: source, key: "issue:\(number)", field: "comments") == nil)
            try cache.storeLazyData(of: source, key: "issue:\(number)", field: "comments", updated: 1, pages: "\"e\(number)\"", data: [UInt8(number % 256)])
            try cache.revalidateLazyData(of: source, key: "issue:\(number)", field: "comments", updated: 2)
            #expect(try cache.lazyData(of: source, key: "issue:\(number)", field: "comments")?.updated == 2)
        }
        #expect(cache.statementsPrepared - before == 3)
    }

    @Test func revalidationKeepsTheDataAndWritesNoNewBlobPages() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        let blob = (0..<400_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        try cache.storeLazyData(of: source, key: "issue:1", field: "comments", updated: 1_700_000_000_000, pages: "\"a\"", data: blob)
        let walPath = directory.databasePath + "-wal"
        func walSize() throws -> Int { (try FileManager.default.attributesOfItem(atPath: walPath)[.size] as? NSNumber)?.intValue ?? 0 }
        let afterStore = try walSize()

        try cache.revalidateLazyData(of: source, key: "issue:1", field: "comments", updated: 1_700_000_100_000)
        let stored = try #require(try cache.lazyData(of: source, key: "issue:1", field: "comments"))
        #expect(stored.updated == 1_700_000_100_000 && stored.pages == "\"a\"" && stored.data == blob)
        // The blob spans ~100 overflow pages; an in-place update logs the row's own page or two.
        let grown = try walSize() - afterStore
        #expect(grown < 5 * 4_200, "the write-ahead log grew by \(grown) bytes")

        // Storing the same blob again (what a 304 used to do) logs every page of it.
        let beforeRewrite = try walSize()
        try cache.storeLazyData(of: source, key: "issue:1", field: "comments", updated: 1_700_000_200_000, pages: "\"a\"", data: blob)
        #expect(try walSize() - beforeRewrite > 50 * 4_096)
    }
}
