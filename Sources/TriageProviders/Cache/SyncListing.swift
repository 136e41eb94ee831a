import TriageCache
import TriageEngine
import TriageLanguage

/// Reads every page of a sync's listings with every field, remembering the server's `Date` of the
/// first page: the next sync asks for what changed since then (minus an overlap). Pages are fetched
/// like `PagedIssueSequence` does — the first alone, then up to `pageConcurrency` at once when the
/// last page is known — but nothing is handed out until every page is read, since only a complete
/// read may advance the sync time.
///
/// A full re-list revalidates the pages of the last one (`knownPages`, up to `pageConcurrency` at
/// once), each with its own `If-None-Match`. Listings are sorted by creation, so an edit changes
/// only its own page, a new item lands on the last page (or a new one after a full last page), and
/// a deletion changes every later page: a page answered 304 lists exactly the items stored for it,
/// which count as listed without being read. After the last known page the listing goes on at its
/// `Link` (read afresh) or, when it was full and answered 304, at the page after it.
///
/// An incremental listing (`since=`) has no stable pages; only one found empty last time is asked
/// again with `If-None-Match` (`knownETags`): an empty first page that is unchanged proves the
/// whole listing still empty.
struct SyncListing {
    struct Result {
        /// Each issue read afresh with the index of the listing it came from, in page order.
        var issues: [(listing: Int, issue: Issue)]
        /// The first page's `Date`, nil when the server sent none (or none that parses).
        var serverDate: Timestamp?
        /// The `ETag` of each listing that is empty, by URL, for the next sync.
        var emptyListingETags: [String: String] = [:]
        /// The cache keys of the items on pages answered 304: listed, unchanged, not read again.
        var unchangedKeys: [String] = []
        /// Every page of each listing, by the listing's first URL, for the next full re-list.
        var pages: [String: [ListedPage]] = [:]
        /// Whether every page was read: false when `--max-requests` refused some (the budget lists
        /// them). An incomplete read must not be committed as a sync.
        var complete = true
    }

    let client: APIClient
    let resource: String
    let pageConcurrency: Int
    /// The cache key of an issue (`IncrementalSource.cacheKey(of:)`), to remember which items each page listed.
    let cacheKey: @Sendable (Issue) -> String
    let decoder = IssueJSONDecoder(fields: .all)

    func read(_ urls: [String], knownETags: [String: String] = [:], knownPages: [String: [ListedPage]] = [:]) async throws -> Result {
        var result = Result(issues: [], serverDate: nil)
        for (listing, url) in urls.enumerated() {
            let known = knownPages[url] ?? []
            let pages = known.isEmpty ? try await walk(url, ifNoneMatch: knownETags[url]) : try await revalidate(known)
            if listing == 0 { result.serverDate = pages.first??.date }
            var listed: [ListedPage] = []
            for (place, page) in pages.enumerated() {
                guard let page else {
                    result.complete = false
                    continue
                }
                if page.notModified {
                    let stored = place < known.count ? known[place] : ListedPage(url: url, etag: knownETags[url], objects: 0, keys: [])
                    result.unchangedKeys += stored.keys
                    listed.append(stored)
                } else {
                    result.issues += page.issues.map { (listing, $0) }
                    listed.append(ListedPage(url: page.url, etag: page.etag, objects: page.issues.count, keys: page.issues.map(cacheKey)))
                }
            }
            result.pages[url] = listed
            if listed.count == 1, listed[0].objects == 0, let etag = listed[0].etag { result.emptyListingETags[url] = etag }
        }
        return result
    }

    private struct Page: Sendable {
        var url: String
        var issues: [Issue]
        var next: String?
        var lastPage: Int?
        var date: Timestamp?
        var etag: String?
        var notModified = false
    }

    /// A listing read from its first page (conditionally when it was empty last time); nil for a
    /// page the read budget refused.
    private func walk(_ url: String, ifNoneMatch etag: String?) async throws -> [Page?] {
        guard let first = try await budgeted({ try await page(url, ifNoneMatch: etag) }) else { return [nil] }
        if first.notModified { return [first] }
        return try await [first] + onward(from: first)
    }

    /// The known pages of the last full list, each asked with its `ETag`, then what follows them.
    private func revalidate(_ known: [ListedPage]) async throws -> [Page?] {
        let pages = try await concurrently(known.map { ($0.url, $0.etag) })
        guard let last = pages.last, let last else { return pages }
        if !last.notModified { return try await pages + onward(from: last) }
        guard let following = PageURL.following(storedPages: known.map(\.objects), first: known[0].url, last: known[known.count - 1].url)
        else { return pages }
        guard let next = try await budgeted({ try await page(following) }) else { return pages + [nil] }
        return try await pages + [next] + onward(from: next)
    }

    /// The pages after `page`, read afresh: all at once when its `Link` names the last page.
    private func onward(from page: Page) async throws -> [Page?] {
        if let next = page.next, let last = page.lastPage, let from = PageURL.page(of: next), from <= last {
            return try await concurrently((from...last).map { (PageURL.settingPage($0, in: next), nil) })
        }
        var pages: [Page?] = []
        var next = page.next
        while let url = next {
            let read = try await budgeted({ try await self.page(url) })
            pages.append(read)
            next = read?.next
        }
        return pages
    }

    /// `fetch`, or nil when `--max-requests` refused it: the budget remembers what was not read, and
    /// the other pages go on (a refused page must not cancel pages already granted and sent).
    private func budgeted(_ fetch: () async throws -> Page) async throws -> Page? {
        do {
            return try await fetch()
        } catch is RequestBudgetExhausted {
            return nil
        }
    }

    /// The pages at `requests` (each with the `ETag` to send, if any), in order, at most
    /// `pageConcurrency` in flight; nil for a page the read budget refused.
    private func concurrently(_ requests: [(url: String, etag: String?)]) async throws -> [Page?] {
        try await withThrowingTaskGroup(of: (Int, Page?).self) { group in
            var pages = [Page?](repeating: nil, count: requests.count)
            var started = 0
            func startNext() {
                let index = started, request = requests[index]
                started += 1
                group.addTask { (index, try await budgeted({ try await page(request.url, ifNoneMatch: request.etag) })) }
            }
            while started < min(pageConcurrency, requests.count) { startNext() }
            while let (index, page) = try await group.next() {
                pages[index] = page
                if started < requests.count { startNext() }
            }
            return pages
        }
    }

    private func page(_ url: String, ifNoneMatch etag: String? = nil) async throws -> Page {
        let response = try await client.send("GET", url, json: nil, resource: resource, ifNoneMatch: etag)
        let date = response.header("date").flatMap(HTTPDate.parse)
        if response.status == 304 {
            guard etag != nil else { throw APIError("\(client.hostName) answered 304 to an unconditional request for \(client.redaction.scrub(url))") }
            return Page(url: url, issues: [], date: date, etag: etag, notModified: true)
        }
        let listed = try ListingPage(response, of: url, from: client, decoder: decoder)
        return Page(url: url, issues: listed.issues, next: listed.next, lastPage: listed.lastPage, date: date, etag: response.header("etag"))
    }
}
