/// One issue or pull request as the cache holds it: opaque bytes (the provider's normalized encoding)
/// plus what the cache needs to order, key and revalidate it.
public struct CachedItem: Hashable, Sendable {
    /// Unique within a source; kinds numbered apart (GitLab issues and merge requests) get distinct keys.
    public var key: String
    /// Which of the provider's listings it came from (GitLab: issues 0, merge requests 1), for order.
    public var listing: Int
    /// Creation time in milliseconds, for order within a listing (lists are sorted by creation).
    public var created: Int64
    public var number: Int
    /// The issue's `updated` in milliseconds: lazy data stored for another value is stale.
    public var updated: Int64
    public var data: [UInt8]

    public init(key: String, listing: Int, created: Int64, number: Int, updated: Int64, data: [UInt8]) {
        self.key = key
        self.listing = listing
        self.created = created
        self.number = number
        self.updated = updated
        self.data = data
    }
}

/// What the cache knows about one source's synchronization.
public struct SyncState: Hashable, Sendable {
    /// The server time (first page's `Date`, ms) of the last run that read every page; nil before one did.
    public var lastSync: Int64?
    /// When (local clock, ms) the last complete unfiltered list without `since` finished.
    public var lastFullList: Int64?

    public init(lastSync: Int64?, lastFullList: Int64?) {
        self.lastSync = lastSync
        self.lastFullList = lastFullList
    }
}

/// One source in `triage cache info`.
public struct CachedSourceSummary: Hashable, Sendable {
    public var description: String
    public var apiBase: String
    public var items: Int
    public var state: SyncState
}

/// A cached repository: the API it was read from and its path there. Never the token: two tokens
/// reading the same repository see the same issues (a token that sees less gets 404s on writes).
public struct CacheSourceKey: Hashable, Sendable {
    public var apiBase: String
    public var repository: String
    /// How the source is written (`github:acme/app`), for `cache info` and `cache clear SOURCE`.
    public var description: String

    public init(apiBase: String, repository: String, description: String) {
        self.apiBase = apiBase
        self.repository = repository
        self.description = description
    }

    var storageKey: String { apiBase + " " + repository }
}
