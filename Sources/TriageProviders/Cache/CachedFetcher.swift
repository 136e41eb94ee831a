import Synchronization
import TriageCache
import TriageJSON
import TriageLanguage

/// Pull-request requests (SPEC §8) revalidated against the cache: `checks`, `linked_prs` and
/// `review_state` can change without touching the issue, so they are never reused blindly (SPEC §7);
/// each request (each page of a list) goes out with the `ETag` of its stored answer as
/// `If-None-Match`, and a 304 reuses the stored body (of that page).
///
/// One fetcher serves one load of one kind of data for one issue. Its answers are stored per issue
/// under the kind and the request's place in the load (`checks 2`: the second request of a checks
/// load), each with its URL: a URL that moved since (a push gave the pull request a new head
/// commit) is asked without the old `ETag` and its answer takes the old one's place, so an issue
/// keeps as many stored answers as one load makes, not one per commit it ever had.
final class CachedFetcher: LazyFetcher {
    let client: APIClient
    let cache: IssueCache
    let source: CacheSourceKey
    /// The issue's cache key (`CachedIssueProvider.cacheKey(of:)`).
    let item: String
    /// The issue's `updated`, stored alongside (revalidation does not depend on it).
    let updated: Int64
    /// The kind of data this load reads, the first part of each answer's place.
    let kind: LazyDataKind
    private let requests = Mutex(0)

    init(client: APIClient, cache: IssueCache, source: CacheSourceKey, item: String, updated: Int64, kind: LazyDataKind) {
        self.client = client
        self.cache = cache
        self.source = source
        self.item = item
        self.updated = updated
        self.kind = kind
    }

    func objects(_ url: String, resource: String) async throws -> [JSONValue] {
        let field = nextField()
        let stored = try storedAnswer(field, url: url)
        let storedPages = stored?.pages ?? []
        let pages = try await client.getAllObjects(url, resource: resource, revalidating: storedPages.map(\.validator))
        let merged = try StoredLazyPages.merge(pages, stored: storedPages, url: url, storedRecords: {
            guard let objects = stored?.answer.arrayValue else { throw CacheCorrupted(url: url) }
            return objects
        }, parse: { $0 })
        if !merged.unchanged { try remember(.array(merged.records), pages: merged.pages, in: field) }
        return merged.records
    }

    func object(_ url: String, resource: String) async throws -> JSONValue {
        let field = nextField()
        let stored = try storedAnswer(field, url: url)
        let response = try await client.send("GET", url, json: nil, resource: resource, ifNoneMatch: stored?.pages.first?.validator.etag)
        if response.status == 304 {
            guard let stored else { throw APIError("\(client.hostName) answered 304 to an unconditional request") }
            return stored.answer
        }
        let value = try client.parseObject(response.body, from: url)
        let page = StoredLazyPage(validator: PageValidator(url: url, etag: response.header("etag"), objects: 1), records: 1)
        try remember(value, pages: [page], in: field)
        return value
    }

    /// The place of the next request of this load.
    private func nextField() -> String {
        "\(kind.rawValue) \(requests.withLock { $0 += 1; return $0 })"
    }

    /// The answer stored in `field` when it was read from `url` and can be revalidated.
    private func storedAnswer(_ field: String, url: String) throws -> (pages: [StoredLazyPage], answer: JSONValue)? {
        guard let row = try cache.lazyData(of: source, key: item, field: field) else { return nil }
        let pages = StoredLazyPages.decode(row.pages)
        guard pages.first?.validator.url == url, pages.contains(where: { $0.validator.etag != nil }) else { return nil }
        guard let answer = try? JSONValue.parse(row.data) else { throw CacheCorrupted(url: url) }
        return (pages, answer)
    }

    /// Puts `answer` in `field` in place of what was there; without an `ETag` only the place is
    /// kept (nothing to revalidate with), so no earlier answer lingers.
    private func remember(_ answer: JSONValue, pages: [StoredLazyPage], in field: String) throws {
        let validators = StoredLazyPages.encode(pages)
        try cache.storeLazyData(of: source, key: item, field: field, updated: updated, pages: validators, data: validators == nil ? [] : answer.bytes)
    }
}

/// A stored answer that no longer parses: the cache file was damaged outside `triage`.
struct CacheCorrupted: Error, CustomStringConvertible {
    var url: String
    var description: String { "the cached answer for \(url) is damaged; run `triage cache clear`" }
}
