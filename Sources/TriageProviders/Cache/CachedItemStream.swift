import TriageCache

/// A cached source's items in the cache's order (listing, creation, number), with the items a sync
/// read but could not commit (`--max-requests` cut it short) merged in place of the stored ones of
/// the same key: the run evaluates what it read over what the cache held, still one row at a time.
struct CachedItemStream {
    private let cursor: CachedItemCursor
    /// Sorted in the cache's order; usually empty.
    private let unsaved: [CachedItem]
    private let replaced: Set<String>
    private var nextUnsaved = 0
    private var pendingStored: CachedItem?

    init(cursor: CachedItemCursor, unsaved: [CachedItem]) {
        self.cursor = cursor
        self.unsaved = unsaved.sorted { Self.order($0) < Self.order($1) }
        replaced = Set(unsaved.map(\.key))
    }

    private static func order(_ item: CachedItem) -> (Int, Int64, Int) { (item.listing, item.created, item.number) }

    mutating func next() throws -> CachedItem? {
        if pendingStored == nil { pendingStored = try nextStored() }
        let candidate = nextUnsaved < unsaved.count ? unsaved[nextUnsaved] : nil
        if let candidate, pendingStored.map({ Self.order(candidate) < Self.order($0) }) ?? true {
            nextUnsaved += 1
            return candidate
        }
        defer { pendingStored = nil }
        return pendingStored
    }

    /// The next stored item that no unsaved one replaces.
    private func nextStored() throws -> CachedItem? {
        while let item = try cursor.next() {
            if !replaced.contains(item.key) { return item }
        }
        return nil
    }
}
