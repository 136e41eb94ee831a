import Foundation
import Testing
import TriageCache
@testable import TriageProviders

/// What a run reads when `--max-requests` cut its sync short: the items it read, in place of the
/// stored ones of the same key and in the cache's order, streamed over the cache's cursor.
struct CachedItemStreamTests {
    func item(_ number: Int, listing: Int = 0, updated: Int64 = 1) -> CachedItem {
        CachedItem(key: "\(listing):\(number)", listing: listing, created: Int64(number * 10), number: number, updated: updated, data: [])
    }

    @Test func unsavedItemsReplaceAndInterleaveWithTheStoredOnes() throws {
        let path = NSTemporaryDirectory() + "triage-item-stream-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: path) }
        let cache = try #require(try IssueCache.open(in: CacheDirectory(path: path), note: { _ in }))
        let source = CacheSourceKey(apiBase: "http://127.0.0.1:1", repository: "acme/app", description: "github:acme/app")
        let stored = (1...600).map { item($0 * 2) } + [item(3, listing: 1)]
        try cache.commitSync(of: source, changed: stored, fullList: true, serverTime: 1, localTime: 1)
        // Read this run: two changed (one of them the last stored), two new (one before everything,
        // one in the second listing), out of order.
        let unsaved = [item(1_200, updated: 2), item(601), item(1), item(4, updated: 2), item(1, listing: 1)]

        var stream = CachedItemStream(cursor: try cache.itemCursor(of: source), unsaved: unsaved)
        var read: [CachedItem] = []
        while let next = try stream.next() { read.append(next) }

        let replaced = Set(unsaved.map(\.key))
        let expected = (stored.filter { !replaced.contains($0.key) } + unsaved)
            .sorted { ($0.listing, $0.created, $0.number) < ($1.listing, $1.created, $1.number) }
        #expect(read == expected)
        #expect(read.filter { $0.updated == 2 }.map(\.number) == [4, 1_200])
    }
}
