import Foundation
import Synchronization

/// The persistent cache of remote sources (SPEC §7): one SQLite database in WAL mode per cache
/// directory, holding each repository's unfiltered issues, their lazy data and its sync times.
///
/// Opened for a whole run under an exclusive lock (one writer); a cache held by another `triage`
/// is bypassed. A file that cannot be read, fails SQLite's integrity check or has another schema
/// version is deleted and rebuilt with a note: it is a copy of the API, never trusted over it.
public final class IssueCache: Sendable {
    public let directory: CacheDirectory
    /// Used only inside `access`: one statement sequence at a time.
    private let connection: SQLiteConnection
    private let access = Mutex(())
    /// Statements a run uses per issue, prepared once (`withStatement`); used only inside `access`.
    private let statements = PreparedStatements()
    private let lock: CacheLock

    private init(directory: CacheDirectory, connection: SQLiteConnection, lock: CacheLock) {
        self.directory = directory
        self.connection = connection
        self.lock = lock
    }

    /// Opens (creating or rebuilding) the cache in `directory`; nil, after a note, when another
    /// process is using it.
    public static func open(in directory: CacheDirectory, note: (String) -> Void) throws -> IssueCache? {
        try directory.create()
        guard let lock = try CacheLock(path: directory.lockPath) else {
            note("the cache at \(directory.path) is in use by another triage; running without it")
            return nil
        }
        do {
            return IssueCache(directory: directory, connection: try validatedConnection(directory.databasePath), lock: lock)
        } catch {
            note("rebuilding the cache at \(directory.path): \(error)")
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: directory.databasePath + suffix) }
            do {
                return IssueCache(directory: directory, connection: try validatedConnection(directory.databasePath), lock: lock)
            } catch {
                throw CacheError("cannot create the cache at \(directory.path): \(error)")
            }
        }
    }

    private static func validatedConnection(_ path: String) throws -> SQLiteConnection {
        let connection = try SQLiteConnection(path: path)
        connection.setBusyTimeout(milliseconds: 5000)
        let version = try connection.userVersion()
        if version > CacheSchema.version {
            throw CacheError("it was written by a newer triage (schema \(version), this one reads \(CacheSchema.version))")
        }
        if version != 0, version < CacheSchema.version {
            throw CacheError("it has an older schema (\(version))")
        }
        let check = try connection.prepare("PRAGMA quick_check")
        while try check.step() {
            let result = check.text(0) ?? ""
            if result != "ok" { throw CacheError("integrity check failed: \(result)") }
        }
        try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
        if version == 0 { try connection.transaction { try connection.execute(CacheSchema.create) } }
        return connection
    }

    /// The one way to the connection: its statements run one sequence at a time, on any thread.
    func withConnection<T>(_ body: (SQLiteConnection) throws -> T) throws -> T {
        try access.withLock { _ in try body(connection) }
    }

    /// Runs `body` with the statement for `sql`, prepared on first use and kept for the run: the
    /// lazy-data reads and writes happen once per issue. Reset before (bindings cleared) and after,
    /// so a row left unread never holds a read transaction open.
    func withStatement<T>(_ sql: String, _ body: (SQLiteStatement) throws -> T) throws -> T {
        try access.withLock { _ in
            let statement: SQLiteStatement
            if let prepared = statements.bySQL[sql] {
                statement = prepared
            } else {
                statement = try connection.prepare(sql)
                statements.bySQL[sql] = statement
            }
            statement.reset()
            defer { statement.reset() }
            return try body(statement)
        }
    }

    /// How many statements the connection has prepared (tests: per-issue statements are prepared once).
    var statementsPrepared: Int { access.withLock { _ in connection.statementsPrepared } }

    // MARK: Reading

    /// The sync times of `source`, or nil when it was never synchronized.
    public func syncState(of source: CacheSourceKey) throws -> SyncState? {
        try withConnection { connection in
            let statement = try connection.prepare("SELECT last_sync, last_full_list FROM sources WHERE key = ?")
            try statement.bind(1, source.storageKey)
            guard try statement.step() else { return nil }
            return SyncState(lastSync: statement.optionalInt(0), lastFullList: statement.optionalInt(1))
        }
    }

    /// Every cached item of `source`, in listing order, then creation, then number, in memory at once
    /// (runs read them through `itemCursor(of:)`).
    public func items(of source: CacheSourceKey) throws -> [CachedItem] {
        try withConnection { connection in
            let statement = try connection.prepare(
                "SELECT key, listing, created, number, updated, data FROM items WHERE source = ? ORDER BY listing, created, number")
            try statement.bind(1, source.storageKey)
            var items: [CachedItem] = []
            while try statement.step() {
                items.append(CachedItem(key: statement.text(0) ?? "", listing: Int(statement.int(1)), created: statement.int(2),
                                        number: Int(statement.int(3)), updated: statement.int(4), data: statement.bytes(5)))
            }
            return items
        }
    }

    /// Lazy data `field` of item `key` with the validators of its pages (the provider's encoding; nil
    /// when nothing can be revalidated), whatever `updated` it was stored for.
    public func lazyData(of source: CacheSourceKey, key: String, field: String) throws -> (updated: Int64, pages: String?, data: [UInt8])? {
        try withStatement("SELECT updated, pages, data FROM lazy WHERE source = ? AND key = ? AND field = ?") { statement in
            try statement.bind(1, source.storageKey)
            try statement.bind(2, key)
            try statement.bind(3, field)
            guard try statement.step() else { return nil }
            return (statement.int(0), statement.text(1), statement.bytes(2))
        }
    }

    /// The pages of the source's last complete full list, by the URL of each listing's first page,
    /// in page order.
    public func listedPages(of source: CacheSourceKey) throws -> [String: [ListedPage]] {
        try withConnection { connection in
            let statement = try connection.prepare("SELECT listing, url, etag, objects, keys FROM list_pages WHERE source = ? ORDER BY listing, page")
            try statement.bind(1, source.storageKey)
            var pages: [String: [ListedPage]] = [:]
            while try statement.step() {
                let keys = statement.text(4) ?? ""
                pages[statement.text(0) ?? "", default: []].append(ListedPage(
                    url: statement.text(1) ?? "", etag: statement.text(2), objects: Int(statement.int(3)),
                    keys: keys.isEmpty ? [] : keys.split(separator: "\n").map(String.init)))
            }
            return pages
        }
    }

    /// The keys of every cached item of `source`.
    public func itemKeys(of source: CacheSourceKey) throws -> Set<String> {
        try withConnection { connection in try Self.itemKeys(of: source.storageKey, in: connection) }
    }

    private static func itemKeys(of source: String, in connection: SQLiteConnection) throws -> Set<String> {
        let statement = try connection.prepare("SELECT key FROM items WHERE source = ?")
        try statement.bind(1, source)
        var keys = Set<String>()
        while try statement.step() { keys.insert(statement.text(0) ?? "") }
        return keys
    }

    /// The `ETag`s of the source's one-page listings as of the last sync, by URL.
    public func listETags(of source: CacheSourceKey) throws -> [String: String] {
        try withConnection { connection in
            let statement = try connection.prepare("SELECT url, etag FROM list_etags WHERE source = ?")
            try statement.bind(1, source.storageKey)
            var etags: [String: String] = [:]
            while try statement.step() { etags[statement.text(0) ?? ""] = statement.text(1) ?? "" }
            return etags
        }
    }

    // MARK: Writing

    /// Records a sync that read every page, in one transaction: `changed` items are inserted or
    /// replaced; a `fullList` keeps only `changed` and the items `unchanged` names (those of pages
    /// the server answered 304), dropping deleted and transferred items and their lazy data, replaces
    /// the stored pages of the full list with `listedPages` and moves the last full list to
    /// `localTime`. `serverTime` becomes the last sync (nil keeps the previous one: nothing changed,
    /// so the same listing URL — and its `ETag` — stays valid). `listETags` replace the source's
    /// stored list `ETag`s.
    public func commitSync(of source: CacheSourceKey, changed: [CachedItem], fullList: Bool, serverTime: Int64?, localTime: Int64,
                           listETags: [String: String] = [:], unchanged: [String] = [], listedPages: [String: [ListedPage]] = [:]) throws {
        try withConnection { connection in
            try connection.transaction {
                let key = source.storageKey
                if fullList {
                    try Self.keepOnly(Set(unchanged).union(changed.map(\.key)), of: key, in: connection)
                    try Self.replaceListedPages(listedPages, of: key, in: connection)
                }
                let upsert = try connection.prepare("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?, ?)")
                for item in changed {
                    upsert.reset()
                    try upsert.bind(1, key)
                    try upsert.bind(2, item.key)
                    try upsert.bind(3, item.listing)
                    try upsert.bind(4, item.created)
                    try upsert.bind(5, item.number)
                    try upsert.bind(6, item.updated)
                    try upsert.bind(7, bytes: item.data)
                    try upsert.step()
                }
                if fullList {
                    let orphans = try connection.prepare(
                        "DELETE FROM lazy WHERE source = ?1 AND key NOT IN (SELECT key FROM items WHERE source = ?1)")
                    try orphans.bind(1, key)
                    try orphans.step()
                }
                let dropETags = try connection.prepare("DELETE FROM list_etags WHERE source = ?")
                try dropETags.bind(1, key)
                try dropETags.step()
                let storeETag = try connection.prepare("INSERT INTO list_etags VALUES (?, ?, ?)")
                for (url, etag) in listETags.sorted(by: { $0.key < $1.key }) {
                    storeETag.reset()
                    try storeETag.bind(1, key)
                    try storeETag.bind(2, url)
                    try storeETag.bind(3, etag)
                    try storeETag.step()
                }
                let state = try connection.prepare("""
                    INSERT INTO sources(key, api_base, description, last_sync, last_full_list) VALUES (?1, ?2, ?3, ?4, ?5)
                    ON CONFLICT(key) DO UPDATE SET description = ?3, last_sync = coalesce(?4, last_sync),
                        last_full_list = CASE WHEN ?6 THEN ?5 ELSE last_full_list END
                    """)
                try state.bind(1, key)
                try state.bind(2, source.apiBase)
                try state.bind(3, source.description)
                try state.bind(4, serverTime)
                try state.bind(5, fullList ? localTime : nil)
                try state.bind(6, fullList ? 1 : 0)
                try state.step()
            }
        }
    }

    /// Deletes the items of `source` that `kept` does not name.
    private static func keepOnly(_ kept: Set<String>, of source: String, in connection: SQLiteConnection) throws {
        let gone = try itemKeys(of: source, in: connection).subtracting(kept)
        let delete = try connection.prepare("DELETE FROM items WHERE source = ? AND key = ?")
        for key in gone {
            delete.reset()
            try delete.bind(1, source)
            try delete.bind(2, key)
            try delete.step()
        }
    }

    private static func replaceListedPages(_ listings: [String: [ListedPage]], of source: String, in connection: SQLiteConnection) throws {
        let clear = try connection.prepare("DELETE FROM list_pages WHERE source = ?")
        try clear.bind(1, source)
        try clear.step()
        let insert = try connection.prepare("INSERT INTO list_pages VALUES (?, ?, ?, ?, ?, ?, ?)")
        for (listing, pages) in listings.sorted(by: { $0.key < $1.key }) {
            for (index, page) in pages.enumerated() {
                insert.reset()
                try insert.bind(1, source)
                try insert.bind(2, listing)
                try insert.bind(3, index)
                try insert.bind(4, page.url)
                try insert.bind(5, page.etag)
                try insert.bind(6, page.objects)
                try insert.bind(7, page.keys.joined(separator: "\n"))
                try insert.step()
            }
        }
    }

    /// Stores lazy data `field` of item `key` as read for its `updated`, with the validators of its
    /// pages (nil: nothing to revalidate with).
    public func storeLazyData(of source: CacheSourceKey, key: String, field: String, updated: Int64, pages: String?, data: [UInt8]) throws {
        try withStatement("INSERT OR REPLACE INTO lazy VALUES (?, ?, ?, ?, ?, ?)") { statement in
            try statement.bind(1, source.storageKey)
            try statement.bind(2, key)
            try statement.bind(3, field)
            try statement.bind(4, updated)
            try statement.bind(5, pages)
            try statement.bind(6, bytes: data)
            try statement.step()
        }
    }

    // MARK: info / clear

    /// Every cached source, by description.
    public func summaries() throws -> [CachedSourceSummary] {
        try withConnection { connection in
            let statement = try connection.prepare("""
                SELECT s.description, s.api_base, s.last_sync, s.last_full_list,
                       (SELECT COUNT(*) FROM items i WHERE i.source = s.key)
                FROM sources s ORDER BY s.description, s.api_base
                """)
            var summaries: [CachedSourceSummary] = []
            while try statement.step() {
                summaries.append(CachedSourceSummary(
                    description: statement.text(0) ?? "", apiBase: statement.text(1) ?? "", items: Int(statement.int(4)),
                    state: SyncState(lastSync: statement.optionalInt(2), lastFullList: statement.optionalInt(3))))
            }
            return summaries
        }
    }

    /// Forgets the sources written `description` (every source when nil); returns how many.
    @discardableResult
    public func clear(description: String?) throws -> Int {
        try withConnection { connection in
            let cleared = try connection.transaction { () throws -> Int in
                let filter = description == nil ? "" : " WHERE description = ?1"
                let keys = try connection.prepare("SELECT key FROM sources" + filter)
                if let description { try keys.bind(1, description) }
                var found: [String] = []
                while try keys.step() { found.append(keys.text(0) ?? "") }
                for table in ["items", "lazy", "list_etags", "list_pages"] {
                    let delete = try connection.prepare("DELETE FROM \(table) WHERE source = ?")
                    for key in found {
                        delete.reset()
                        try delete.bind(1, key)
                        try delete.step()
                    }
                }
                let sources = try connection.prepare("DELETE FROM sources" + filter)
                if let description { try sources.bind(1, description) }
                try sources.step()
                return found.count
            }
            try connection.execute("PRAGMA wal_checkpoint(TRUNCATE); VACUUM")
            return cleared
        }
    }

    /// Bytes on disk: the database and its write-ahead log.
    public func sizeOnDisk() -> Int {
        ["", "-wal"].reduce(0) { total, suffix in
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory.databasePath + suffix)
            return total + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
        }
    }
}

/// The statements `IssueCache.withStatement` keeps, by SQL text. Like the connection they belong to,
/// used only under the cache's lock, which is what makes the `@unchecked Sendable` sound.
private final class PreparedStatements: @unchecked Sendable {
    var bySQL: [String: SQLiteStatement] = [:]
}
