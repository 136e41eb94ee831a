import Foundation
import Testing
@testable import TriageProviders

/// `Link` headers as the two APIs really send them, and the page-URL arithmetic built on them.
struct LinkHeaderTests {
    func recordedHeaders(_ file: String) throws -> [[String: String]] {
        let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.path(file))))
        let exchanges = try #require((recording as? [String: Any])?["exchanges"] as? [[String: Any]])
        return exchanges.map { exchange in
            Dictionary((exchange["headers"] as? [[String]] ?? []).map { ($0[0].lowercased(), $0[1]) }, uniquingKeysWith: { a, _ in a })
        }
    }

    @Test func parsesGitHubsRecordedLinks() throws {
        let headers = try recordedHeaders("github-paginate-issues-exchanges.json")
        let first = LinkHeader(headers[0]["link"])
        #expect(first.next == "https://api.github.com/repositories/515435940/issues?per_page=3&page=2")
        #expect(first.last == "https://api.github.com/repositories/515435940/issues?per_page=3&page=5")
        let middle = LinkHeader(headers[2]["link"])
        #expect(middle.links["prev"]?.hasSuffix("page=2") == true && middle.links["first"]?.hasSuffix("page=1") == true)
        #expect(LinkHeader(headers[4]["link"]).next == nil)
        #expect(headers[0]["x-ratelimit-remaining"] == "4922")
    }

    @Test func parsesGitLabsRecordedLinks() throws {
        let headers = try recordedHeaders("gitlab-issues-exchanges.json")
        let links = LinkHeader(headers[0]["link"])
        #expect(links.next?.contains("page=2&per_page=2") == true)
        #expect(links.last.flatMap(PageURL.page(of:)) == 2)
        #expect(headers[0]["x-next-page"] == "2")
    }

    @Test func rewritesThePageParameter() {
        #expect(PageURL.settingPage(7, in: "https://h/r?per_page=3&page=2") == "https://h/r?per_page=3&page=7")
        #expect(PageURL.settingPage(2, in: "https://h/r?state=all") == "https://h/r?state=all&page=2")
        #expect(PageURL.settingPage(2, in: "https://h/r") == "https://h/r?page=2")
        #expect(PageURL.page(of: "https://h/r?pages=9&page=4") == 4)
    }

    /// The page after an unchanged last stored page is probed only when that page was full: as full
    /// as the first of several pages, or holding a one-page list's `per_page`.
    @Test func probesThePageAfterAFullLastStoredPage() {
        let first = "https://h/r?per_page=3", last = "https://h/r?per_page=3&page=2"
        #expect(PageURL.following(storedPages: [3, 3], first: first, last: last) == "https://h/r?per_page=3&page=3")
        #expect(PageURL.following(storedPages: [3, 2], first: first, last: last) == nil)
        #expect(PageURL.following(storedPages: [2, 2], first: first, last: last) == "https://h/r?per_page=3&page=3")
        #expect(PageURL.following(storedPages: [3], first: first, last: first) == "https://h/r?per_page=3&page=2")
        #expect(PageURL.following(storedPages: [2], first: first, last: first) == nil)
        #expect(PageURL.following(storedPages: [0], first: first, last: first) == nil)
        #expect(PageURL.following(storedPages: [], first: first, last: first) == nil)
    }

    @Test func oddlySpacedAndMultiRelLinks() {
        let links = LinkHeader(#"<https://a/x?page=2>;rel="next" , <https://a/x?page=9>; rel="last""#)
        #expect(links.next == "https://a/x?page=2" && links.last == "https://a/x?page=9")
        #expect(LinkHeader(nil).links.isEmpty && LinkHeader("garbage").links.isEmpty)
    }
}
