import Foundation
import Synchronization
import Testing
import TriageCache

/// The cache store: what it keeps, what it refuses to trust, where and how it is created.
struct IssueCacheTests {
    let source = CacheSourceKey(apiBase: "http://127.0.0.1:1", repository: "acme/app", description: "github:acme/app")

    func item(_ number: Int, updated: Int64 = 10, listing: Int = 0) -> CachedItem {
        CachedItem(key: "issue:\(number)", listing: listing, created: Int64(number), number: number, updated: updated,
                   data: Array("issue \(number)@\(updated)".utf8))
    }

    @Test func itemsSyncTimesAndLazyDataSurviveReopening() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        do {
            let cache = try #require(try IssueCache.open(in: directory, note: { Issue.record("unexpected note: \($0)") }))
            try cache.commitSync(of: source, changed: [item(2), item(1), item(3, listing: 1)], fullList: true, serverTime: 500, localTime: 600)
            try cache.storeLazyData(of: source, key: "issue:1", field: "comments", updated: 10, pages: "\"e1\"", data: [1, 2, 3])
        }
        let cache = try #require(try IssueCache.open(in: directory, note: { Issue.record("unexpected note: \($0)") }))
        #expect(try cache.items(of: source).map(\.number) == [1, 2, 3])
        #expect(try cache.syncState(of: source) == SyncState(lastSync: 500, lastFullList: 600))
        let lazy = try #require(try cache.lazyData(of: source, key: "issue:1", field: "comments"))
        #expect(lazy.updated == 10 && lazy.pages == "\"e1\"" && lazy.data == [1, 2, 3])
    }

    @Test func anIncrementalSyncKeepsTheRestAndTheLastFullList() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        try cache.commitSync(of: source, changed: [item(1), item(2)], fullList: true, serverTime: 500, localTime: 600)
        try cache.commitSync(of: source, changed: [item(2, updated: 20)], fullList: false, serverTime: 900, localTime: 1000)
        #expect(try cache.items(of: source).map(\.updated) == [10, 20])
        #expect(try cache.syncState(of: source) == SyncState(lastSync: 900, lastFullList: 600))
    }

    @Test func aFullListDropsDeletedItemsAndTheirLazyData() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        try cache.commitSync(of: source, changed: [item(1), item(2)], fullList: true, serverTime: 500, localTime: 600)
        try cache.storeLazyData(of: source, key: "issue:2", field: "comments", updated: 10, pages: nil, data: [9])
        try cache.commitSync(of: source, changed: [item(1)], fullList: true, serverTime: 700, localTime: 800)
        #expect(try cache.items(of: source).map(\.number) == [1])
        #expect(try cache.lazyData(of: source, key: "issue:2", field: "comments") == nil)
    }

    /// A full re-list whose pages answered 304 names their items instead of reading them: those stay,
    /// items on no page go, and the pages replace the last full list's.
    @Test func aFullListKeepsTheItemsOfUnchangedPagesAndStoresItsPages() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        let first = ["list": [ListedPage(url: "list", etag: "\"a\"", objects: 2, keys: ["issue:1", "issue:2"]),
                              ListedPage(url: "list&page=2", etag: nil, objects: 1, keys: ["issue:3"])]]
        try cache.commitSync(of: source, changed: [item(1), item(2), item(3)], fullList: true, serverTime: 500, localTime: 600,
                             listedPages: first)
        #expect(try cache.listedPages(of: source) == first)
        let second = ["list": [first["list"]![0], ListedPage(url: "list&page=2", etag: "\"c\"", objects: 0, keys: [])]]
        try cache.commitSync(of: source, changed: [], fullList: true, serverTime: 700, localTime: 800,
                             unchanged: ["issue:1", "issue:2"], listedPages: second)
        #expect(try cache.items(of: source).map(\.number) == [1, 2])
        #expect(try cache.itemKeys(of: source) == ["issue:1", "issue:2"])
        #expect(try cache.listedPages(of: source) == second)
        // An incremental sync leaves the pages of the last full list alone.
        try cache.commitSync(of: source, changed: [item(4)], fullList: false, serverTime: 900, localTime: 1000)
        #expect(try cache.listedPages(of: source) == second)
        try cache.clear(description: nil)
        #expect(try cache.listedPages(of: source).isEmpty)
    }

    @Test func aCorruptFileIsRebuiltWithANote() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        try directory.create()
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: directory.databasePath))
        let notes = Mutex<[String]>([])
        let cache = try #require(try IssueCache.open(in: directory, note: { line in notes.withLock { $0.append(line) } }))
        #expect(notes.withLock { $0 }.count == 1)
        #expect(notes.withLock { $0 }.first?.hasPrefix("rebuilding the cache at \(directory.path)") == true)
        #expect(try cache.summaries().isEmpty)
        try cache.commitSync(of: source, changed: [item(1)], fullList: true, serverTime: 1, localTime: 1)
        #expect(try cache.items(of: source).count == 1)
    }

    @Test func aNewerSchemaIsRebuiltNotTrusted() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        do {
            let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
            try cache.commitSync(of: source, changed: [item(1)], fullList: true, serverTime: 1, localTime: 1)
        }
        try SQLiteConnection(path: directory.databasePath).execute("PRAGMA user_version = 99")
        let notes = Mutex<[String]>([])
        let cache = try #require(try IssueCache.open(in: directory, note: { line in notes.withLock { $0.append(line) } }))
        #expect(notes.withLock { $0 }.first?.contains("written by a newer triage (schema 99") == true)
        #expect(try cache.items(of: source).isEmpty)
        #expect(try cache.syncState(of: source) == nil)
    }

    /// A cache of schema 1 (one `ETag` per lazy list, no stored list pages) is rebuilt, not migrated.
    @Test func theSchemaBeforePerPageValidatorsIsRebuilt() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        do {
            let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
            try cache.commitSync(of: source, changed: [item(1)], fullList: true, serverTime: 1, localTime: 1)
        }
        try SQLiteConnection(path: directory.databasePath).execute("PRAGMA user_version = 1")
        let notes = Mutex<[String]>([])
        let cache = try #require(try IssueCache.open(in: directory, note: { line in notes.withLock { $0.append(line) } }))
        #expect(notes.withLock { $0 } == ["rebuilding the cache at \(directory.path): it has an older schema (1)"])
        #expect(try cache.items(of: source).isEmpty && cache.listedPages(of: source).isEmpty)
    }

    @Test func theDirectoryIsCreatedPrivate() throws {
        let parent = try temporaryCacheDirectory()
        defer { remove(parent) }
        let directory = CacheDirectory(path: parent.path + "/nested/triage")
        _ = try IssueCache.open(in: directory, note: { _ in })
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
    }

    @Test func aCacheInUseIsBypassedWithANote() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let first = try IssueCache.open(in: directory, note: { _ in })
        #expect(first != nil)
        // flock locks belong to the open file description: a second open in this process conflicts too.
        let notes = Mutex<[String]>([])
        let second = try IssueCache.open(in: directory, note: { line in notes.withLock { $0.append(line) } })
        #expect(second == nil)
        #expect(notes.withLock { $0 } == ["the cache at \(directory.path) is in use by another triage; running without it"])
        withExtendedLifetime(first) {}
    }

    @Test func clearForgetsOneSourceOrAll() throws {
        let directory = try temporaryCacheDirectory()
        defer { remove(directory) }
        let cache = try #require(try IssueCache.open(in: directory, note: { _ in }))
        let other = CacheSourceKey(apiBase: "http://127.0.0.1:1/api/v4", repository: "acme/app", description: "gitlab:acme/app")
        try cache.commitSync(of: source, changed: [item(1)], fullList: true, serverTime: 1, localTime: 1)
        try cache.commitSync(of: other, changed: [item(1), item(2)], fullList: true, serverTime: 1, localTime: 1)
        #expect(try cache.summaries().map(\.items) == [1, 2])
        #expect(try cache.clear(description: "gitlab:acme/app") == 1)
        #expect(try cache.summaries().map(\.description) == ["github:acme/app"])
        #expect(try cache.clear(description: nil) == 1)
        #expect(try cache.summaries().isEmpty && cache.items(of: source).isEmpty)
    }

    @Test func defaultDirectoryFollowsXDGThenHome() {
        #expect(CacheDirectory.default(environment: ["XDG_CACHE_HOME": "/x", "HOME": "/h"])?.path == "/x/triage")
        #expect(CacheDirectory.default(environment: ["HOME": "/h"])?.path == "/h/.cache/triage")
        #expect(CacheDirectory.default(environment: [:]) == nil)
    }
}

/// Removes a test's cache directory.
func remove(_ directory: CacheDirectory) {
    try? FileManager.default.removeItem(atPath: directory.path)
}

/// A fresh directory under the system's temporary directory, for one test; the test removes it.
func temporaryCacheDirectory() throws -> CacheDirectory {
    let path = NSTemporaryDirectory() + "triage-cache-tests-" + UUID().uuidString
    return CacheDirectory(path: path)
}
