import Testing
import TriageLanguage
import TriageProviders

/// GitLab REST issues and merge requests map as SPEC §1/§4 say, checked against a real recorded response.
@Suite struct GitLabMappingTests {
    @Test func recordedIssuesMapFieldByField() throws {
        let issues = try Fixture.issues("gitlab-issues.json")
        try #require(issues.count == 2)

        let first = issues[0]
        #expect(first.number == 1)
        #expect(first.title == "Please add an animated gif icon to the merge button")
        #expect(first.body == "I just want the merge button to hurt my eyes a little. :stuck_out_tongue_closed_eyes:")
        #expect(first.state == "closed")
        #expect(first.kind == "issue")
        #expect(first.draft == false)
        #expect(first.author == "lafriks")
        #expect(first.authorAssociation == nil)
        #expect(first.labels == ["bug", "discussion"])
        #expect(first.assignees == [])
        #expect(first.milestone == "1.0.0")
        #expect(first.comments == 0)
        #expect(first.reactions == 1)
        #expect(first.upvotes == 1)
        #expect(first.locked == false)  // "discussion_locked": null
        #expect(first.created == utc(2019, 11, 28, 8, 43, 35, 459))
        #expect(first.updated == utc(2019, 11, 28, 8, 46, 23, 304))
        #expect(first.closed == utc(2019, 11, 28, 8, 46, 23, 275))
        #expect(first.url == "https://gitlab.com/gitea/test_repo/-/work_items/1")
        #expect(first.repo == "gitea/test_repo")

        let second = issues[1]
        #expect(second.number == 2)
        #expect(second.title == "Test issue")
        #expect(second.body == "This is test issue 2, do not touch!")
        #expect(second.state == "closed")
        #expect(second.labels == ["duplicate"])
        #expect(second.milestone == "1.1.0")
        #expect(second.comments == 2)
        #expect(second.reactions == 2)  // upvotes 1 + downvotes 1
        #expect(second.upvotes == 1)
        #expect(second.created == utc(2019, 11, 28, 8, 44, 46, 277))
        #expect(second.updated == utc(2019, 11, 28, 8, 45, 44, 987))
        #expect(second.closed == utc(2019, 11, 28, 8, 45, 44, 959))
        #expect(second.url == "https://gitlab.com/gitea/test_repo/-/work_items/2")
        #expect(second.repo == "gitea/test_repo")
    }

    @Test func mergedMergeRequest() throws {
        let json = """
            {"id": 99, "iid": 7, "project_id": 3, "title": "Draft: speed up", "description": null, "state": "merged",
             "created_at": "2024-03-01T10:00:00.000+01:00", "updated_at": "2024-03-02T10:00:00.000Z",
             "merged_at": "2024-03-02T09:59:59.120Z", "closed_at": null,
             "target_branch": "main", "source_branch": "speed", "user_notes_count": 4, "upvotes": 3, "downvotes": 2,
             "author": {"id": 5, "username": "erin", "name": "Erin"}, "assignee": {"id": 6, "username": "finn"},
             "labels": [{"id": 1, "name": "perf", "color": "#fff"}, {"id": 2, "name": "backend"}],
             "draft": false, "work_in_progress": true, "merge_status": "can_be_merged", "discussion_locked": true,
             "user": {"can_merge": true}, "milestone": {"id": 1, "title": "16.0"},
             "web_url": "https://gitlab.example.com/group/sub/project/-/merge_requests/7",
             "references": {"short": "!7", "relative": "!7", "full": "group/sub/project!7"}}
            """
        let issue = try decode(json)
        #expect(try shape(json) == .gitlab)  // despite its GitHub-like "user" object
        #expect(issue.number == 7)
        #expect(issue.kind == "pull_request")
        #expect(issue.state == "closed")
        #expect(issue.draft)  // work_in_progress
        #expect(issue.body == "")
        #expect(issue.author == "erin")
        #expect(issue.assignees == ["finn"])
        #expect(issue.labels == ["perf", "backend"])
        #expect(issue.milestone == "16.0")
        #expect(issue.comments == 4)
        #expect(issue.reactions == 5)
        #expect(issue.upvotes == 3)
        #expect(issue.locked)
        #expect(issue.created == utc(2024, 3, 1, 9))
        #expect(issue.closed == utc(2024, 3, 2, 9, 59, 59, 120))  // merged_at, as closed_at is null
        #expect(issue.repo == "group/sub/project")
    }

    @Test(arguments: ["merge_status", "source_branch", "target_branch"])
    func mergeRequestDetectedByAnyOfItsKeys(key: String) throws {
        let issue = try decode(#"{"iid":1,"created_at":"2024-01-01","\#(key)":"x"}"#)
        #expect(issue.kind == "pull_request")
    }

    @Test(arguments: [("opened", "open"), ("closed", "closed"), ("merged", "closed"), ("locked", "closed")])
    func states(gitlab: String, normalized: String) throws {
        let issue = try decode(#"{"iid":1,"created_at":"2024-01-01","state":"\#(gitlab)"}"#)
        #expect(issue.state == normalized)
    }

    @Test func closedMergeRequestKeepsClosedAtAndOpenOneHasNone() throws {
        let closed = try decode(#"{"iid":1,"created_at":"2024-01-01","state":"closed","merged_at":"2024-01-03","closed_at":"2024-01-02"}"#)
        #expect(closed.closed == utc(2024, 1, 2))
        let notMerged = try decode(#"{"iid":1,"created_at":"2024-01-01","state":"closed","merged_at":"2024-01-03"}"#)
        #expect(notMerged.closed == nil)
    }

    @Test func assigneesListWinsOverAssignee() throws {
        let issue = try decode(#"{"iid":1,"created_at":"2024-01-01","assignee":{"username":"x"},"assignees":[{"username":"a"},{"username":"b"}]}"#)
        #expect(issue.assignees == ["a", "b"])
    }

    @Test(arguments: [
        ("https://gitlab.com/group/sub/project/-/issues/1", "group/sub/project"),
        ("https://gitlab.com/group/project/issues/12", "group/project"),
        ("https://gitlab.com/group/project/merge_requests/3", "group/project"),
    ])
    func repoFromWebURLWithoutReferences(url: String, repo: String) throws {
        let issue = try decode(#"{"iid":1,"created_at":"2024-01-01","web_url":"\#(url)"}"#)
        #expect(issue.repo == repo)
        #expect(issue.url == url)
    }

    @Test func detectedWithoutIIDByWebURLOrAuthorObject() throws {
        #expect(try shape(#"{"web_url":"https://gitlab.com/g/p/-/issues/1"}"#) == .gitlab)
        #expect(try shape(#"{"author":{"username":"u","name":"U"}}"#) == .gitlab)
        #expect(try shape(#"{"author":"u"}"#) == .normalized)
        // Without iid a GitLab object lacks its number.
        #expect(decodingError(#"{"web_url":"https://gitlab.com/g/p/-/issues/1","created_at":"2024-01-01"}"#)?.message == #"missing required "iid""#)
    }
}
