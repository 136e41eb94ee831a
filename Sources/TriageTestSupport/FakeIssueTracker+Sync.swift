import Foundation
import TriageLanguage

/// What incremental sync needs of the fake, kept apart from the listing and the writes:
/// - list filters `since` (GitHub) and `updated_after` (GitLab): items updated at or after;
/// - a `Date` header on every answer (the fake's clock is the real one) and an `ETag` on every
///   successful read, with `If-None-Match` answered 304 and no body when it matches;
/// - changes a test makes between runs (`edit`, `label`, `comment`, `editPostedComment`, `close`,
///   `create`, `delete`), each stamping `updated` with the fake's clock as the APIs do;
/// - comment lists paged by `per_page` (`paged`), so a long conversation spans several pages, each
///   with its own `ETag`.
extension FakeIssueTracker {
    /// The `since`/`updated_after` instant of a list request, if any.
    func updatedSince(_ query: [String: String]) -> Timestamp? {
        (query["since"] ?? query["updated_after"]).flatMap { Timestamp.parseLiteral($0.removingPercentEncoding) }
    }

    /// `response` with the server's `Date` and, for a successful read, an `ETag` of its body; 304
    /// when the request's `If-None-Match` names it. Shared with `FakeOrganization`'s group lists.
    static func conditional(_ request: TestHTTPRequest, _ response: TestHTTPResponse) -> TestHTTPResponse {
        var response = response
        response.headers.append(("Date", Self.httpDate(Date())))
        guard request.method == "GET", response.status == 200 else { return response }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in response.body {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let etag = "W/\"\(String(hash, radix: 16))\""
        if request.header("if-none-match") == etag {
            return TestHTTPResponse(status: 304, headers: [("ETag", etag), ("Date", Self.httpDate(Date()))], body: [])
        }
        response.headers.append(("ETag", etag))
        return response
    }

    /// One page of a comment list, `per_page` elements (all of them when the request names no page
    /// size) with a `Link` to the next and last pages, as both APIs page their note lists: each page
    /// gets its own `ETag` (`conditional`).
    func paged(_ elements: [String], _ request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        let size = request.query["per_page"].flatMap { Int($0) }.map { max(1, $0) } ?? max(1, elements.count)
        let page = max(1, Int(request.query["page"] ?? "1") ?? 1)
        let lastPage = max(1, (elements.count + size - 1) / size)
        var query = request.query
        func link(_ page: Int, _ rel: String) -> String {
            query["page"] = "\(page)"
            return "<\(baseURL)\(request.path)?\(query.keys.sorted().map { "\($0)=\(query[$0]!)" }.joined(separator: "&"))>; rel=\"\(rel)\""
        }
        let headers: [(name: String, value: String)] = page < lastPage ? [("Link", [link(page + 1, "next"), link(lastPage, "last")].joined(separator: ", "))] : []
        return TestHTTPResponse(headers: headers, json: "[" + elements.dropFirst((page - 1) * size).prefix(size).joined(separator: ",") + "]")
    }

    /// The fake's clock as an issue timestamp (whole seconds, as the APIs send them).
    public static func clockNow() -> String { rfc3339(Int(Date().timeIntervalSince1970)) }

    static func httpDate(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.string(from: date)
    }

    /// Changes item `number` as an edit through the web would, stamping `updated` now.
    private func touch(_ number: Int, _ change: (inout Item) -> Void) {
        update(number) { item in
            change(&item)
            item.updated = Self.clockNow()
        }
    }

    /// Edits the item (its title and body are generated; the edit shows in `updated` only).
    public func edit(_ number: Int) { touch(number) { _ in } }

    /// Adds `label` (or removes it when present).
    public func toggleLabel(_ label: String, on number: Int) {
        touch(number) { item in
            if let index = item.labels.firstIndex(of: label) { item.labels.remove(at: index) } else { item.labels.append(label) }
        }
    }

    /// Posts a comment by `author`.
    public func comment(on number: Int, by author: String, _ body: String) {
        touch(number) { $0.posted.append((author, body)) }
    }

    /// Closes (or reopens) the item.
    public func toggleClosed(_ number: Int) { touch(number) { $0.closed.toggle() } }

    /// Rewrites the body of comment `index` (0-based) of those posted through the API, stamping the
    /// item's `updated` so that a cache asks for its comments again.
    public func editPostedComment(on number: Int, at index: Int, _ body: String) {
        touch(number) { $0.posted[index].body = body }
    }

    /// Deletes (or transfers away) the item: it is listed and served no more, and not marked updated.
    public func delete(_ number: Int) { update(number) { $0.deleted = true } }

    /// Creates item number `count + 1` now, an issue or a pull request; returns its number.
    @discardableResult
    public func create(pullRequest: Bool = false, labels: [String] = []) -> Int {
        storage.state.withLock { state in
            let number = state.items.count + 1
            let now = Self.clockNow()
            state.items.append(Item(number: number, isPullRequest: pullRequest, closed: false, labels: labels, comments: 0,
                                    created: now, updated: now, author: "user\(number % 13)"))
            return number
        }
    }
}

extension FakeIssueTracker.Item {
    func isUpdated(since: Timestamp?) -> Bool {
        guard let since else { return true }
        guard let updated = Timestamp.parseLiteral(updated) else { return true }
        return updated >= since
    }
}
