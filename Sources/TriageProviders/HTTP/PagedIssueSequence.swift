public import TriageLanguage
import TriageEngine

/// The issues of one or more paginated list endpoints, in page order.
///
/// The first page of each listing is fetched alone. When its `Link` header names `rel="last"` (or
/// GitLab's `x-total-pages` is known), the remaining page URLs are derived from the `next` URL as given
/// (it may point at another path, e.g. GitHub's `/repositories/{id}/issues`) and fetched up to
/// `pageConcurrency` at a time; otherwise `next` (or GitLab's `x-next-page`) is followed page by page.
/// Buffering is bounded: at most `pageConcurrency` pages are in flight or waiting to be read, so a
/// slow consumer stops the fetching. Pages are decoded in their fetching task, in parallel.
public struct PagedIssueSequence: AsyncSequence, Sendable {
    public typealias Element = Issue

    let firstURLs: [String]
    let client: APIClient
    let resource: String
    let decoder: IssueJSONDecoder
    let pageConcurrency: Int

    init(firstURLs: [String], client: APIClient, resource: String, decoder: IssueJSONDecoder, pageConcurrency: Int) {
        self.firstURLs = firstURLs
        self.client = client
        self.resource = resource
        self.decoder = decoder
        self.pageConcurrency = Swift.max(1, pageConcurrency)
    }

    public func makeAsyncIterator() -> Iterator { Iterator(sequence: self) }

    /// One fetched and decoded page, with what it says about the pages after it.
    struct Page: Sendable {
        var issues: [Issue]
        var next: String?
        var lastPage: Int?
    }

    public final class Iterator: AsyncIteratorProtocol {
        private let sequence: PagedIssueSequence
        private var listings: ArraySlice<String>
        /// Pages being fetched, in order; `isFirst` marks a listing's first page.
        private var inFlight: [(isFirst: Bool, task: Task<Page, any Error>)] = []
        /// Page URLs known from `rel="last"` and not started yet.
        private var planned: ArraySlice<String> = []
        /// The page to fetch after the current one when pages are followed one by one.
        private var following: String?
        private var buffer: [Issue] = []
        private var index = 0
        private var failed = false

        init(sequence: PagedIssueSequence) {
            self.sequence = sequence
            listings = sequence.firstURLs[...]
        }

        deinit {
            for entry in inFlight { entry.task.cancel() }
        }

        public func next() async throws -> Issue? {
            while index >= buffer.count {
                guard !failed else { return nil }
                if inFlight.isEmpty {
                    if let url = following {
                        following = nil
                        start(url, isFirst: false)
                    } else if let url = listings.popFirst() {
                        start(url, isFirst: true)
                    } else {
                        return nil
                    }
                }
                let entry = inFlight.removeFirst()
                let page: Page
                do {
                    page = try await withTaskCancellationHandler { try await entry.task.value } onCancel: { entry.task.cancel() }
                } catch is RequestBudgetExhausted {
                    // `--max-requests` is spent: the page is not read (the budget lists it) and the
                    // stream ends with what was read; pages already planned are refused the same way.
                    while inFlight.count < sequence.pageConcurrency, let url = planned.popFirst() { start(url, isFirst: false) }
                    continue
                } catch {
                    failed = true
                    for other in inFlight { other.task.cancel() }
                    inFlight.removeAll()
                    throw error
                }
                if entry.isFirst, let next = page.next, let last = page.lastPage, let first = PageURL.page(of: next), first <= last {
                    planned = (first...last).map { PageURL.settingPage($0, in: next) }[...]
                } else if planned.isEmpty, inFlight.isEmpty {
                    following = page.next
                }
                while inFlight.count < sequence.pageConcurrency, let url = planned.popFirst() { start(url, isFirst: false) }
                buffer = page.issues
                index = 0
            }
            defer { index += 1 }
            return buffer[index]
        }

        private func start(_ url: String, isFirst: Bool) {
            let client = sequence.client, resource = sequence.resource, decoder = sequence.decoder
            inFlight.append((isFirst, Task {
                let response = try await client.get(url, resource: resource)
                let listed = try ListingPage(response, of: url, from: client, decoder: decoder)
                return Page(issues: listed.issues, next: listed.next, lastPage: listed.lastPage)
            }))
        }
    }
}
