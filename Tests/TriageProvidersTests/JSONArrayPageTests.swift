import Foundation
import Testing
import TriageLanguage
import TriageProviders

/// Splitting and decoding a list-API page (a JSON array of issue objects) in one pass.
struct JSONArrayPageTests {
    func page(_ text: String) throws(IssueJSONError) -> [TriageLanguage.Issue] {
        try JSONArrayPage.issues(in: Array(text.utf8), decoder: IssueJSONDecoder())
    }

    @Test func decodesEveryElementInOrder() throws {
        let issues = try page(#" [ {"number": 1, "html_url": "u", "created_at": "2024-01-01T00:00:00Z"} ,{"iid": 2, "created_at": "2024-01-02T00:00:00Z", "state": "opened"}]  "#)
        #expect(issues.map(\.number) == [1, 2])
        #expect(try page("[]").isEmpty && page(" [ ] \n").isEmpty)
    }

    @Test func decodesTheRecordedGitHubPages() throws {
        let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.path("github-paginate-issues-exchanges.json"))))
        let exchanges = try #require((recording as? [String: Any])?["exchanges"] as? [[String: Any]])
        var numbers: [Int] = []
        for exchange in exchanges {
            let body = try JSONSerialization.data(withJSONObject: exchange["body"] ?? [], options: [.prettyPrinted])
            numbers += try JSONArrayPage.issues(in: Array(body), decoder: IssueJSONDecoder()).map(\.number)
        }
        #expect(numbers == (try Fixture.issues("github-paginate-issues.json").map(\.number)))
    }

    @Test func anythingButAnArrayOfIssuesIsAnErrorWithItsOffset() {
        func failure(_ text: String) -> IssueJSONError? {
            do {
                _ = try page(text)
                return nil
            } catch {
                return error
            }
        }
        #expect(failure(#"{"message": "Not Found"}"#)?.message.contains("expected a JSON array of issues") == true)
        #expect(failure(#"[{"number": 1, "html_url": "u", "created_at": "2024-01-01T00:00:00Z"}, {"number": "#)?.byteOffset ?? 0 > 50)
        #expect(failure(#"[{"number": 1, "html_url": "u", "created_at": "2024-01-01T00:00:00Z"}] x"#)?.message.contains("the end of the page") == true)
        #expect(failure(#"[{"number": 1, "html_url": "u", "created_at": "2024-01-01T00:00:00Z"} {"number": 2}]"#) != nil)
        #expect(failure("") != nil)
    }
}
