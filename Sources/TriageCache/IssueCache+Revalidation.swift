extension IssueCache {
    /// Marks lazy data `field` of item `key` as still valid for `updated` after the server answered
    /// 304 to its `ETag`: an `UPDATE` of that one column, so SQLite rewrites the row in place and
    /// skips the unchanged pages of the blob (a `REPLACE` would delete and write it all again).
    public func revalidateLazyData(of source: CacheSourceKey, key: String, field: String, updated: Int64) throws {
        try withStatement("UPDATE lazy SET updated = ?4 WHERE source = ?1 AND key = ?2 AND field = ?3") { statement in
            try statement.bind(1, source.storageKey)
            try statement.bind(2, key)
            try statement.bind(3, field)
            try statement.bind(4, updated)
            try statement.step()
        }
    }
}
