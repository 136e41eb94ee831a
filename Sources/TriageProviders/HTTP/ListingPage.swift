import TriageLanguage

/// One page of a list API: its issues and where the listing goes on (`Link`, or GitLab's
/// `x-next-page` / `x-total-pages`). Read the same way by the plain walk (`PagedIssueSequence`)
/// and by the cache's sync (`SyncListing`).
struct ListingPage: Sendable {
    var issues: [Issue]
    var next: String?
    var lastPage: Int?

    init(_ response: HTTPResponse, of url: String, from client: APIClient, decoder: IssueJSONDecoder) throws {
        do throws(IssueJSONError) {
            issues = try JSONArrayPage.issues(in: response.body, decoder: decoder)
        } catch {
            throw APIError("malformed JSON from \(client.hostName) in \(client.redaction.scrub(url)): \(error)")
        }
        let links = LinkHeader(response.header("link"))
        next = links.next
        if next == nil, let page = response.header("x-next-page").flatMap({ Int($0) }) { next = PageURL.settingPage(page, in: url) }
        lastPage = links.last.flatMap(PageURL.page(of:)) ?? response.header("x-total-pages").flatMap { Int($0) }
    }
}
