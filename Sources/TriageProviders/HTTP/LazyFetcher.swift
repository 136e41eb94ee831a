public import TriageJSON

/// How a provider's pull-request data (SPEC §8: timeline, reviews, checks) reads the API: straight
/// through (`DirectFetcher`), or revalidating what the cache holds with `If-None-Match`
/// (`CachedFetcher`). The provider says which requests to make and how to read them; the fetcher
/// says how each request is made, so the mapping is written once for both.
public protocol LazyFetcher: Sendable {
    /// Every object of a paginated list (following `next` links).
    func objects(_ url: String, resource: String) async throws -> [JSONValue]
    /// The one JSON value at `url`.
    func object(_ url: String, resource: String) async throws -> JSONValue
}

/// Requests made as they are, with no cache.
public struct DirectFetcher: LazyFetcher {
    let client: APIClient

    public init(client: APIClient) { self.client = client }

    public func objects(_ url: String, resource: String) async throws -> [JSONValue] {
        try await client.getAllObjects(url, resource: resource)
    }

    public func object(_ url: String, resource: String) async throws -> JSONValue {
        let response = try await client.get(url, resource: resource)
        return try client.parseObject(response.body, from: url)
    }
}

extension APIClient {
    /// The JSON value of an answer's body, or an error naming the host and URL.
    func parseObject(_ body: [UInt8], from url: String) throws -> JSONValue {
        guard let value = try? JSONValue.parse(body) else {
            throw APIError("malformed JSON from \(hostName) in \(redaction.scrub(url))")
        }
        return value
    }
}
