import TriageJSON

/// One page of a stored lazy-data list: its validator and how many of the stored records came
/// from it, so that a page answered 304 reuses exactly its own records.
struct StoredLazyPage: Hashable, Sendable {
    var validator: PageValidator
    var records: Int
}

/// The pages of a stored lazy-data list (comments, events, reviews, check runs, …), kept in the
/// cache's `lazy.pages` column: a list of one page is the common case, a list of many is
/// revalidated page by page (`APIClient.getAllObjects(_:resource:revalidating:)`).
enum StoredLazyPages {
    /// The column's text: `[[url, etag|null, objects, records], …]`; nil when no page can be
    /// revalidated (no `ETag`), so nothing is stored to revalidate with.
    static func encode(_ pages: [StoredLazyPage]) -> String? {
        guard pages.contains(where: { $0.validator.etag != nil }) else { return nil }
        return JSONValue.array(pages.map { page in
            .array([.string(page.validator.url), .optional(page.validator.etag), .int(page.validator.objects), .int(page.records)])
        }).serialized()
    }

    /// The pages `encode` wrote; none for nil or text it did not write (then the list is read
    /// unconditionally, as if nothing were stored).
    static func decode(_ text: String?) -> [StoredLazyPage] {
        guard let text, let rows = (try? JSONValue.parse(text))?.arrayValue else { return [] }
        var pages: [StoredLazyPage] = []
        for row in rows {
            guard let fields = row.arrayValue, fields.count == 4, let url = fields[0].stringValue,
                  let objects = fields[2].intValue, let records = fields[3].intValue else { return [] }
            pages.append(StoredLazyPage(validator: PageValidator(url: url, etag: fields[1].stringValue, objects: objects), records: records))
        }
        return pages
    }

    /// The list's records after revalidation: each page read afresh is `parse`d, each page answered
    /// 304 takes its slice of `storedRecords` (read only when some page needs it); with the pages
    /// to store next time and whether nothing changed at all (every stored page answered 304).
    static func merge<Record>(_ pages: [RevalidatedPage], stored: [StoredLazyPage], url: String,
                              storedRecords: () throws -> [Record], parse: ([JSONValue]) -> [Record]) throws
        -> (records: [Record], pages: [StoredLazyPage], unchanged: Bool) {
        let reusesStored = pages.contains { $0.objects == nil }
        let reused = reusesStored ? try storedRecords() : []
        var offsets = [0]
        for page in stored { offsets.append(offsets[offsets.count - 1] + page.records) }
        if reusesStored, reused.count != offsets[offsets.count - 1] {
            throw CacheCorrupted(url: url)
        }
        var records: [Record] = [], kept: [StoredLazyPage] = []
        for (place, page) in pages.enumerated() {
            if let objects = page.objects {
                let read = parse(objects)
                records += read
                kept.append(StoredLazyPage(validator: page.validator, records: read.count))
            } else {
                records += reused[offsets[place]..<offsets[place + 1]]
                kept.append(stored[place])
            }
        }
        let unchanged = pages.count == stored.count && pages.allSatisfy { $0.objects == nil }
        return (records, kept, unchanged)
    }
}
