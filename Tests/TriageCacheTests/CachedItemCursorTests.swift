import Testing
import TriageCache
import TriageTestSupport

/// The cursor a run reads a cached source with: every item once, in the cache's order, across batch
/// boundaries, without holding a transaction open between batches.
struct CachedItemCursorTests {
    let source = CacheSourceKey(apiBase: "http://127.0.0.1:1", repository: "acme/app", description: "github:acme/app")

    func drain(_ cursor: CachedItemCursor) throws -> [CachedItem] {
        var items: [CachedItem] = []
        while let item = try cursor.next() { items.append(item) }
        return items
    }

    @Test(arguments: [0, 1, CachedItemCursor.batchSize, 2 * CachedItemCursor.batchSize, 1_000])
    func everyItemOnceInTheCacheOrder(count: Int) throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        var random = SplitMix64(seed: UInt64(count) + 7)
        // Two listings, shared creation times (ties broken by number), inserted in random order.
        let items = (0..<count).map { index in
            CachedItem(key: "k\(index)", listing: Int(random.next() % 2), created: Int64(random.next() % 50), number: index,
                       updated: 1, data: Array("item \(index)".utf8))
        }.shuffled(using: &random)
        try cache.commitSync(of: source, changed: items, fullList: true, serverTime: 1, localTime: 1)
        let other = CacheSourceKey(apiBase: "http://127.0.0.1:2", repository: "acme/app", description: "other")
        try cache.commitSync(of: other, changed: [items.first].compactMap { $0 }, fullList: true, serverTime: 1, localTime: 1)

        let read = try drain(cache.itemCursor(of: source))
        let expected = items.sorted { ($0.listing, $0.created, $0.number) < ($1.listing, $1.created, $1.number) }
        #expect(read == expected)
        #expect(try cache.items(of: source) == expected)
    }

    @Test func lazyDataStoredWhileACursorIsOpenIsCommittedAtOnce() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        let items = (1...600).map { CachedItem(key: "k\($0)", listing: 0, created: Int64($0), number: $0, updated: 1, data: [1]) }
        try cache.commitSync(of: source, changed: items, fullList: true, serverTime: 1, localTime: 1)
        let cursor = try cache.itemCursor(of: source)
        #expect(try cursor.next()?.number == 1)
        try cache.storeLazyData(of: source, key: "k1", field: "comments", updated: 1, pages: nil, data: [2])

        // Another connection sees only committed data: a statement left pending on the cache's
        // connection would have kept this write in an open implicit transaction.
        let observer = try SQLiteConnection(path: directory.databasePath)
        let count = try observer.prepare("SELECT COUNT(*) FROM lazy")
        #expect(try count.step() && count.int(0) == 1)
        #expect(try drain(cursor).count == 599)
    }
}
