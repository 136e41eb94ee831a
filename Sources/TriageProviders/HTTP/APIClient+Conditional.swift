import TriageJSON

/// One page of a list as read before: where, with which `ETag`, and how many objects it held.
struct PageValidator: Hashable, Sendable {
    var url: String
    /// nil when the server sent none: the page is then asked unconditionally.
    var etag: String?
    var objects: Int
}

/// One page of a list read again: `objects` nil when the server answered 304 to the stored
/// validator at the same place, whose objects are then the caller's to reuse.
struct RevalidatedPage: Sendable {
    var validator: PageValidator
    var objects: [JSONValue]?
}

extension APIClient {
    /// Every page of a paginated list, each page at the place of a `stored` one asked with its
    /// `ETag` as `If-None-Match`, so an unchanged page costs a 304 and no body. Pages are read in
    /// order: after a page read afresh the list goes on at its `Link`/`X-Next-Page`; after a 304
    /// at the next stored page, or — past the last stored page, when that one was full
    /// (`PageURL.following`) — at the page after it, read unconditionally. With nothing stored,
    /// this is the plain walk.
    func getAllObjects(_ url: String, resource: String, revalidating stored: [PageValidator]) async throws -> [RevalidatedPage] {
        var pages: [RevalidatedPage] = []
        var next: String? = url
        while let current = next {
            let place = pages.count
            let known = place < stored.count && stored[place].url == current ? stored[place] : nil
            let response = try await send("GET", current, json: nil, resource: resource, ifNoneMatch: known?.etag)
            if response.status == 304 {
                guard let known else { throw APIError("\(hostName) answered 304 to an unconditional request for \(redaction.scrub(current))") }
                pages.append(RevalidatedPage(validator: known, objects: nil))
                next = place + 1 < stored.count ? stored[place + 1].url
                    : PageURL.following(storedPages: stored.map(\.objects), first: stored[0].url, last: current)
                continue
            }
            guard let page = (try? JSONValue.parse(response.body))?.arrayValue else {
                throw APIError("malformed JSON from \(hostName) in \(redaction.scrub(current)): expected an array")
            }
            let objects = page.filter { $0.objectEntries != nil }
            pages.append(RevalidatedPage(validator: PageValidator(url: current, etag: response.header("etag"), objects: objects.count), objects: objects))
            next = LinkHeader(response.header("link")).next
            if next == nil, let page = response.header("x-next-page").flatMap({ Int($0) }) { next = PageURL.settingPage(page, in: current) }
        }
        return pages
    }
}
