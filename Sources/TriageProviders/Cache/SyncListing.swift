import TriageEngine
import TriageLanguage

/// Reads every page of a sync's listings with every field, remembering the server's `Date` of the
/// first page: the next sync asks for what changed since then (minus an overlap). Pages are fetched
/// like `PagedIssueSequence` does — the first alone, then up to `pageConcurrency` at once when the
/// last page is known — but nothing is handed out until every page is read, since only a complete
/// read may advance the sync time.
///
/// A listing found empty last time is asked again with `If-None-Match`: when nothing changed the
/// server answers 304 (on GitHub, at no rate-limit cost). Only empty listings keep an `ETag`: an
/// empty first page that is unchanged proves the whole listing still empty, a full one would not.
struct SyncListing {
    struct Result {
        /// Each issue with the index of the listing it came from, in page order.
        var issues: [(listing: Int, issue: Issue)]
        /// The first page's `Date`, nil when the server sent none (or none that parses).
        var serverDate: Timestamp?
        /// The `ETag` of each listing that is empty, by URL, for the next sync.
        var emptyListingETags: [String: String] = [:]
        /// Whether every page was read: false when `--max-requests` refused some (the budget lists
        /// them). An incomplete read must not be committed as a sync.
        var complete = true
    }

    let client: APIClient
    let resource: String
    let pageConcurrency: Int
    let decoder = IssueJSONDecoder(fields: .all)

    func read(_ urls: [String], knownETags: [String: String] = [:]) async throws -> Result {
        var result = Result(issues: [], serverDate: nil)
        for (listing, url) in urls.enumerated() {
            guard let first = try await budgeted({ try await page(url, ifNoneMatch: knownETags[url]) }) else {
                result.complete = false
                continue
            }
            if listing == 0 { result.serverDate = first.date }
            if first.notModified {
                result.emptyListingETags[url] = knownETags[url]
                continue
            }
            if first.issues.isEmpty, first.next == nil, let etag = first.etag { result.emptyListingETags[url] = etag }
            var pages: [[Issue]?] = [first.issues]
            if let next = first.next, let last = first.lastPage, let from = PageURL.page(of: next), from <= last {
                pages += try await concurrently((from...last).map { PageURL.settingPage($0, in: next) })
            } else {
                var next = first.next
                while let url = next {
                    let read = try await budgeted({ try await page(url) })
                    pages.append(read?.issues)
                    next = read?.next
                }
            }
            if pages.contains(where: { $0 == nil }) { result.complete = false }
            let read = pages.compactMap { $0 }
            result.issues += read.joined().map { (listing, $0) }
        }
        return result
    }

    private struct Page: Sendable {
        var issues: [Issue]
        var next: String?
        var lastPage: Int?
        var date: Timestamp?
        var etag: String?
        var notModified = false
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

    /// The pages at `urls`, in order, at most `pageConcurrency` in flight; nil for a page the read
    /// budget refused.
    private func concurrently(_ urls: [String]) async throws -> [[Issue]?] {
        try await withThrowingTaskGroup(of: (Int, [Issue]?).self) { group in
            var pages = [[Issue]?](repeating: nil, count: urls.count)
            var started = 0
            func startNext() {
                let index = started, url = urls[index]
                started += 1
                group.addTask { (index, try await budgeted({ try await page(url) })?.issues) }
            }
            while started < min(pageConcurrency, urls.count) { startNext() }
            while let (index, issues) = try await group.next() {
                pages[index] = issues
                if started < urls.count { startNext() }
            }
            return pages
        }
    }

    private func page(_ url: String, ifNoneMatch etag: String? = nil) async throws -> Page {
        let response = try await client.send("GET", url, json: nil, resource: resource, ifNoneMatch: etag)
        let date = response.header("date").flatMap(HTTPDate.parse)
        if response.status == 304 { return Page(issues: [], date: date, notModified: true) }
        let listed = try ListingPage(response, of: url, from: client, decoder: decoder)
        return Page(issues: listed.issues, next: listed.next, lastPage: listed.lastPage, date: date, etag: response.header("etag"))
    }
}
