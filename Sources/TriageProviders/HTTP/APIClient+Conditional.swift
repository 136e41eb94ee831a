import TriageJSON

/// The objects of a lazy-data list, or word that they did not change since the `ETag` sent.
enum ConditionalObjects: Sendable {
    case notModified
    /// `etag` is kept only when the list fit one page with room to spare (fewer than 100 objects, the
    /// page size asked for): an `ETag` vouches for its own page only, and a full page could stay
    /// unchanged while a next page appears.
    case objects([JSONValue], etag: String?)
}

extension APIClient {
    /// Like `getAllObjects`, but the first page is requested with `If-None-Match: etag` when one
    /// is known, so an unchanged list costs a 304 and no body.
    func getAllObjects(_ url: String, resource: String, ifNoneMatch etag: String?) async throws -> ConditionalObjects {
        var objects: [JSONValue] = []
        var next: String? = url
        var firstETag: String?
        var pages = 0
        while let current = next {
            let response = try await send("GET", current, json: nil, resource: resource, ifNoneMatch: pages == 0 ? etag : nil)
            if response.status == 304 { return .notModified }
            guard let page = (try? JSONValue.parse(response.body))?.arrayValue else {
                throw APIError("malformed JSON from \(hostName) in \(redaction.scrub(current)): expected an array")
            }
            if pages == 0 { firstETag = response.header("etag") }
            pages += 1
            objects += page.filter { $0.objectEntries != nil }
            next = LinkHeader(response.header("link")).next
            if next == nil, let page = response.header("x-next-page").flatMap({ Int($0) }) { next = PageURL.settingPage(page, in: current) }
        }
        return .objects(objects, etag: pages == 1 && objects.count < 100 ? firstETag : nil)
    }
}
