/// The items of one cached source in the cache's order (listing, creation, number), read a batch of
/// rows at a time as the caller asks for them: a warm run over a large repository holds one batch,
/// not the repository.
///
/// One prepared statement, stepped only under the cache's lock (the connection is opened without
/// SQLite's mutex) and run to completion for each batch: a statement left pending between batches
/// would keep the connection's implicit read transaction open, and with it every lazy-data write of
/// the run uncommitted. Each batch starts after the last row of the one before (keyset paging on the
/// `items_order` index), so it needs no offset and the cache's writes between batches — lazy data,
/// never items once the sync is committed — cannot shift it.
public final class CachedItemCursor {
    /// Rows read per step of the statement: small enough to bound memory, large enough that the
    /// lock and the statement's reset are not paid per row.
    public static let batchSize = 256

    private let cache: IssueCache
    private let source: String
    private var statement: SQLiteStatement?
    private var batch: [CachedItem] = []
    private var position = 0
    private var exhausted = false

    init(cache: IssueCache, source: CacheSourceKey) throws {
        self.cache = cache
        self.source = source.storageKey
        statement = try cache.withConnection { connection in
            try connection.prepare("""
                SELECT key, listing, created, number, updated, data FROM items
                WHERE source = ?1 AND (listing, created, number, key) > (?2, ?3, ?4, ?5)
                ORDER BY listing, created, number, key LIMIT ?6
                """)
        }
    }

    deinit {
        // Finalized under the lock like every other use of the connection.
        try? cache.withConnection { _ in statement = nil }
    }

    /// The next item, or nil after the last.
    public func next() throws -> CachedItem? {
        if position == batch.count {
            guard !exhausted else { return nil }
            batch = try readBatch(after: batch.last)
            position = 0
            exhausted = batch.count < Self.batchSize
            guard !batch.isEmpty else { return nil }
        }
        defer { position += 1 }
        return batch[position]
    }

    private func readBatch(after last: CachedItem?) throws -> [CachedItem] {
        try cache.withConnection { _ in
            guard let statement else { return [] }
            statement.reset()
            try statement.bind(1, source)
            // Listings are numbered from 0, so -1 precedes every row.
            try statement.bind(2, last.map { Int64($0.listing) } ?? -1)
            try statement.bind(3, last?.created ?? 0)
            try statement.bind(4, last?.number ?? 0)
            try statement.bind(5, last?.key ?? "")
            try statement.bind(6, Self.batchSize)
            var rows: [CachedItem] = []
            rows.reserveCapacity(Self.batchSize)
            while try statement.step() {
                rows.append(CachedItem(key: statement.text(0) ?? "", listing: Int(statement.int(1)), created: statement.int(2),
                                       number: Int(statement.int(3)), updated: statement.int(4), data: statement.bytes(5)))
            }
            return rows
        }
    }
}

extension IssueCache {
    /// A cursor over the items of `source` in the cache's order, read as it is advanced.
    public func itemCursor(of source: CacheSourceKey) throws -> CachedItemCursor {
        try CachedItemCursor(cache: self, source: source)
    }
}
