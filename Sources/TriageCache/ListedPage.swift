/// One page of a source's last complete full list, as the cache keeps it for the next one: the
/// page is asked again with `If-None-Match: etag`, and a 304 proves that the items listed on it
/// are exactly those stored under `keys`, unchanged (SPEC §7: lists are sorted by creation, so an
/// edit changes only its page and a deletion every later one).
public struct ListedPage: Hashable, Sendable {
    /// Where the page was read (the listing's first URL, then its `Link`/`X-Next-Page` URLs).
    public var url: String
    /// Its `ETag`; nil when the server sent none (the page is then asked unconditionally).
    public var etag: String?
    /// How many objects it held: a full last page may have been followed by a new one since.
    public var objects: Int
    /// The cache keys of the items on it, in page order.
    public var keys: [String]

    public init(url: String, etag: String?, objects: Int, keys: [String]) {
        self.url = url
        self.etag = etag
        self.objects = objects
        self.keys = keys
    }
}
