import Testing
import TriageLanguage
import TriageProviders

/// GitHub REST objects map as SPEC §4 says, checked against real recorded responses.
@Suite struct GitHubMappingTests {
    static let repo = "octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe"

    /// (number, created/updated second-of-minute) for each recorded issue, in file order.
    static let recorded: [(number: Int, minute: Int, second: Int)] = [
        (13, 39, 16), (12, 39, 13), (11, 39, 10), (10, 39, 7), (9, 39, 4), (8, 39, 1), (7, 38, 58),
        (6, 38, 55), (5, 38, 52), (4, 38, 49), (3, 38, 46), (2, 38, 43), (1, 38, 40),
    ]

    @Test func everyRecordedIssueMapsFieldByField() throws {
        let issues = try Fixture.issues("github-paginate-issues.json")
        try #require(issues.count == Self.recorded.count)
        for (issue, expected) in zip(issues, Self.recorded) {
            let created = utc(2022, 7, 19, 4, expected.minute, expected.second)
            #expect(issue.number == expected.number)
            #expect(issue.title == "Test issue \(expected.number)")
            #expect(issue.body == "")  // "body": null
            #expect(issue.state == "open")
            #expect(issue.kind == "issue")
            #expect(issue.draft == false)
            #expect(issue.author == "octokit-fixture-user-a")
            #expect(issue.authorAssociation == "MEMBER")
            #expect(issue.labels == [])
            #expect(issue.assignees == [])
            #expect(issue.milestone == nil)
            #expect(issue.comments == 0)
            #expect(issue.reactions == 0)
            #expect(issue.upvotes == 0)
            #expect(issue.locked == false)
            #expect(issue.created == created)
            #expect(issue.updated == created)
            #expect(issue.closed == nil)
            #expect(issue.url == "https://github.com/\(Self.repo)/issues/\(expected.number)")
            #expect(issue.repo == Self.repo)
            #expect(issue.embeddedComments == nil)
            #expect(issue.embeddedLabelEvents == nil)
        }
    }

    @Test func recordedIssuesAreDetectedAsGitHub() throws {
        let records = try Fixture.records("github-paginate-issues.json")
        #expect(records.count == Self.recorded.count)
        for record in records {
            let detected = try record.bytes.withUnsafeBytes { try IssueJSONDecoder().shape(of: $0) }
            #expect(detected == .github)
        }
    }

    @Test func pullRequestWithLabelsMilestoneReactionsAndAssignees() throws {
        let issue = try decode("""
            {"number": 42, "title": "Add a flag", "body": "Fixes #1\\r\\n", "state": "closed", "draft": true,
             "user": {"login": "alice", "id": 1, "type": "User"}, "author_association": "FIRST_TIME_CONTRIBUTOR",
             "labels": [{"id": 1, "name": "bug", "color": "d73a4a", "default": true, "description": null},
                        {"id": 2, "name": "needs review", "color": "fff", "default": false, "description": "x"}],
             "assignee": {"login": "bob"}, "assignees": [{"login": "bob"}, {"login": "carol"}],
             "milestone": {"id": 7, "number": 3, "title": "v1.2", "creator": {"login": "dave"}},
             "comments": 5, "reactions": {"url": "u", "total_count": 7, "+1": 4, "-1": 1, "heart": 2},
             "locked": true, "active_lock_reason": "spam",
             "created_at": "2024-01-31T12:00:00Z", "updated_at": "2024-02-01T08:30:15Z", "closed_at": "2024-02-02T00:00:01Z",
             "html_url": "https://github.com/o/r/pull/42", "url": "https://api.github.com/repos/o/r/issues/42",
             "repository_url": "https://api.github.com/repos/o/r",
             "pull_request": {"url": "https://api.github.com/repos/o/r/pulls/42", "merged_at": null}}
            """)
        #expect(issue.number == 42)
        #expect(issue.title == "Add a flag")
        #expect(issue.body == "Fixes #1\r\n")
        #expect(issue.state == "closed")
        #expect(issue.kind == "pull_request")
        #expect(issue.draft)
        #expect(issue.author == "alice")
        #expect(issue.authorAssociation == "FIRST_TIME_CONTRIBUTOR")
        #expect(issue.labels == ["bug", "needs review"])
        #expect(issue.assignees == ["bob", "carol"])
        #expect(issue.milestone == "v1.2")
        #expect(issue.comments == 5)
        #expect(issue.reactions == 7)
        #expect(issue.upvotes == 4)
        #expect(issue.locked)
        #expect(issue.created == utc(2024, 1, 31, 12))
        #expect(issue.updated == utc(2024, 2, 1, 8, 30, 15))
        #expect(issue.closed == utc(2024, 2, 2, 0, 0, 1))
        #expect(issue.url == "https://github.com/o/r/pull/42")
        #expect(issue.repo == "o/r")
    }

    @Test func oldPayloadWithOnlyAssigneeAndStringLabels() throws {
        let issue = try decode("""
            {"url": "https://api.github.com/repos/old/timer/issues/3", "html_url": "https://github.com/old/timer/issues/3",
             "number": 3, "title": "Old", "user": {"login": "zed"}, "labels": ["bug", "wontfix"],
             "state": "open", "assignee": {"login": "yan", "id": 9}, "milestone": null, "comments": 1,
             "created_at": "2012-03-04T05:06:07Z", "updated_at": "2012-03-05T05:06:07Z", "closed_at": null, "body": "old text"}
            """)
        #expect(issue.assignees == ["yan"])
        #expect(issue.labels == ["bug", "wontfix"])
        #expect(issue.reactions == 0)  // no "reactions" member
        #expect(issue.upvotes == 0)
        #expect(issue.draft == false)  // no "draft" member
        #expect(issue.locked == false)
        #expect(issue.kind == "issue")
        #expect(issue.authorAssociation == nil)
        #expect(issue.repo == "old/timer")  // from "url", there is no "repository_url"
    }

    @Test func nullAssigneesFallsBackToAssigneeAndEmptyAssigneesDoesNot() throws {
        let fallback = try decode(#"{"number":1,"node_id":"x","created_at":"2024-01-01","assignees":null,"assignee":{"login":"a"}}"#)
        #expect(fallback.assignees == ["a"])
        let empty = try decode(#"{"number":1,"node_id":"x","created_at":"2024-01-01","assignees":[],"assignee":{"login":"a"}}"#)
        #expect(empty.assignees == [])
        let none = try decode(#"{"number":1,"node_id":"x","created_at":"2024-01-01","assignee":null}"#)
        #expect(none.assignees == [])
    }

    @Test func pullRequestNullIsAnIssue() throws {
        let issue = try decode(#"{"number":1,"html_url":"https://github.com/o/r/issues/1","created_at":"2024-01-01","pull_request":null}"#)
        #expect(issue.kind == "issue")
    }

    @Test(arguments: [
        ("https://api.github.com/repos/octo/cat", "octo/cat"),
        ("https://ghe.example.com/api/v3/repos/team/tool", "team/tool"),
        ("https://ghe.example.com/api/v3/repos/team/tool/", "team/tool"),
    ])
    func repoFromRepositoryURL(url: String, repo: String) throws {
        let issue = try decode(#"{"number":1,"node_id":"x","created_at":"2024-01-01","repository_url":"\#(url)"}"#)
        #expect(issue.repo == repo)
    }

    @Test func repoFromHTMLURLWhenNoAPIURLs() throws {
        let issue = try decode(#"{"number":9,"html_url":"https://ghe.example.com/team/tool/pull/9","created_at":"2024-01-01"}"#)
        #expect(issue.repo == "team/tool")
        #expect(issue.url == "https://ghe.example.com/team/tool/pull/9")
    }

    @Test func ghostUserAndNullBody() throws {
        let issue = try decode(#"{"number":1,"node_id":"x","user":null,"body":null,"title":null,"created_at":"2024-01-01"}"#)
        #expect(issue.author == "")
        #expect(issue.body == "")
        #expect(issue.title == "")
    }

    @Test func missingNumberAndCreatedAreErrors() {
        let noNumber = decodingError(#"{"html_url":"https://github.com/o/r/issues/1","created_at":"2024-01-01"}"#)
        #expect(noNumber?.message == #"missing required "number""#)
        #expect(noNumber?.byteOffset == 0)
        let noCreated = decodingError(#"  {"number":1,"html_url":"https://github.com/o/r/issues/1"}"#)
        #expect(noCreated?.message == #"missing required "created_at""#)
        #expect(noCreated?.byteOffset == 2)
    }

    @Test func wrongTypesNameTheKeyAndOffset() {
        let json = #"{"number":1,"node_id":"x","created_at":"2024-01-01","labels":{"name":"bug"}}"#
        let error = decodingError(json)
        #expect(error?.message == #"expected an array for "labels""#)
        #expect(error?.byteOffset == json.utf8.count - 15)
        #expect(decodingError(#"{"number":"1","node_id":"x","created_at":"2024-01-01"}"#)?.message == #"expected an integer for "number""#)
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"yesterday"}"#)?.message.hasPrefix(#"invalid timestamp for "created_at""#) == true)
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"2024-01-01","locked":"no"}"#)?.message == #"expected a boolean for "locked""#)
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"2024-01-01","reactions":3}"#)?.message == #"expected an object for "reactions""#)
    }
}
