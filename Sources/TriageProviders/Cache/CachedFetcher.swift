import TriageCache
import TriageJSON

/// Pull-request requests (SPEC §8) revalidated against the cache: `checks`, `linked_prs` and
/// `review_state` can change without touching the issue, so they are never reused blindly (SPEC §7);
/// each request goes out with the `ETag` of its stored answer as `If-None-Match`, and a 304 reuses
/// the stored body. Stored per issue under the request's URL.
struct CachedFetcher: LazyFetcher {
    let client: APIClient
    let cache: IssueCache
    let source: CacheSourceKey
    /// The issue's cache key (`CachedIssueProvider.cacheKey(of:)`).
    let item: String
    /// The issue's `updated`, stored alongside (revalidation does not depend on it).
    let updated: Int64

    func objects(_ url: String, resource: String) async throws -> [JSONValue] {
        let stored = try cache.lazyData(of: source, key: item, field: url)
        switch try await client.getAllObjects(url, resource: resource, ifNoneMatch: stored?.etag) {
        case .notModified:
            guard let stored else { throw APIError("\(client.hostName) answered 304 to an unconditional request") }
            guard let objects = (try? JSONValue.parse(stored.data))?.arrayValue else { throw CacheCorrupted(url: url) }
            return objects
        case let .objects(objects, etag):
            // Only a list whose ETag vouches for all of it can be revalidated next time.
            if let etag { try cache.storeLazyData(of: source, key: item, field: url, updated: updated, etag: etag, data: JSONValue.array(objects).bytes) }
            return objects
        }
    }

    func object(_ url: String, resource: String) async throws -> JSONValue {
        let stored = try cache.lazyData(of: source, key: item, field: url)
        let response = try await client.send("GET", url, json: nil, resource: resource, ifNoneMatch: stored?.etag)
        if response.status == 304 {
            guard let stored else { throw APIError("\(client.hostName) answered 304 to an unconditional request") }
            guard let value = try? JSONValue.parse(stored.data) else { throw CacheCorrupted(url: url) }
            return value
        }
        let value = try client.parseObject(response.body, from: url)
        if let etag = response.header("etag") {
            try cache.storeLazyData(of: source, key: item, field: url, updated: updated, etag: etag, data: response.body)
        }
        return value
    }
}

/// A stored answer that no longer parses: the cache file was damaged outside `triage`.
struct CacheCorrupted: Error, CustomStringConvertible {
    var url: String
    var description: String { "the cached answer for \(url) is damaged; run `triage cache clear`" }
}
