import Testing
import TriageLanguage
import TriageProviders

/// Normalized issues (the SPEC §1 field names) with embedded lazy data, and their defaults.
@Suite struct NormalizedMappingTests {
    @Test func everyFieldAndEmbeddedData() throws {
        let json = """
            {"number": 5, "title": "Crash", "body": "trace", "state": "closed", "kind": "pull_request", "draft": true,
             "author": "ann", "author_association": "CONTRIBUTOR", "labels": ["bug", "p1"], "assignees": ["bo"],
             "milestone": "v2", "comments": 2, "reactions": 6, "upvotes": 4, "locked": true,
             "created": "2024-01-01T00:00:00Z", "updated": "2024-01-02", "closed": "2024-01-03T01:02:03.5+00:00",
             "url": "https://github.com/o/r/pull/5", "repo": "o/r",
             "comments_data": [
               {"author": "bo", "body": "me too", "created": "2024-01-01T01:00:00Z", "association": "MEMBER"},
               {"author": "ci-bot", "body": "", "created": "2024-01-01T02:00:00Z", "bot": true, "extra": [1, {"x": null}]}],
             "label_events": [
               {"label": "bug", "action": "added", "created": "2024-01-01T00:00:01Z"},
               {"label": "triage", "action": "removed", "created": "2024-01-01T00:00:02Z"}]}
            """
        #expect(try shape(json) == .normalized)
        let issue = try decode(json)
        let expected = Issue(
            number: 5, title: "Crash", body: "trace", state: "closed", kind: "pull_request", draft: true, author: "ann",
            authorAssociation: "CONTRIBUTOR", labels: ["bug", "p1"], assignees: ["bo"], milestone: "v2", comments: 2,
            reactions: 6, upvotes: 4, locked: true, created: utc(2024, 1, 1), updated: utc(2024, 1, 2),
            closed: utc(2024, 1, 3, 1, 2, 3, 500), url: "https://github.com/o/r/pull/5", repo: "o/r",
            embeddedComments: [
                IssueComment(author: "bo", body: "me too", created: utc(2024, 1, 1, 1), association: "MEMBER"),
                IssueComment(author: "ci-bot", body: "", created: utc(2024, 1, 1, 2), bot: true),
            ],
            embeddedLabelEvents: [
                LabelEvent(label: "bug", action: .added, created: utc(2024, 1, 1, 0, 0, 1)),
                LabelEvent(label: "triage", action: .removed, created: utc(2024, 1, 1, 0, 0, 2)),
            ])
        #expect(issue == expected)
    }

    @Test func defaults() throws {
        let issue = try decode(#"{"number": 1, "created": "2024-05-06T07:08:09Z"}"#)
        #expect(issue == Issue(number: 1, created: utc(2024, 5, 6, 7, 8, 9), updated: utc(2024, 5, 6, 7, 8, 9)))
        #expect(issue.embeddedComments == nil)
        #expect(issue.embeddedLabelEvents == nil)
    }

    @Test func emptyEmbeddedDataIsKnownToBeEmpty() throws {
        let issue = try decode(#"{"number": 1, "created": "2024-01-01", "comments_data": [], "label_events": []}"#)
        #expect(issue.embeddedComments == [])
        #expect(issue.embeddedLabelEvents == [])
    }

    @Test func missingRequiredFields() {
        #expect(decodingError(#"{"created": "2024-01-01"}"#)?.message == #"missing required "number""#)
        #expect(decodingError(#"{"number": 1, "updated": "2024-01-01"}"#)?.message == #"missing required "created""#)
        #expect(decodingError(#"{"number": null, "created": "2024-01-01"}"#)?.message == #"missing required "number""#)
        let empty = decodingError("{}")
        #expect(empty?.message == #"missing required "number""#)
        #expect(empty?.byteOffset == 0)
    }

    @Test func repoDerivedFromURL() throws {
        #expect(try decode(#"{"number":1,"created":"2024-01-01","url":"https://github.com/o/r/issues/1"}"#).repo == "o/r")
        #expect(try decode(#"{"number":1,"created":"2024-01-01","url":"https://gitlab.com/g/s/p/-/issues/1"}"#).repo == "g/s/p")
    }

    @Test func badEmbeddedEntries() {
        let noCreated = #"{"number":1,"created":"2024-01-01","comments_data":[{"author":"a","body":"b"}]}"#
        let error = decodingError(noCreated)
        #expect(error?.message == #"an entry of "comments_data" has no "created""#)
        #expect(error?.byteOffset == noCreated.utf8.count - 27)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","label_events":[{"label":"a","action":"renamed","created":"2024-01-01"}]}"#)?
            .message == #"expected "added" or "removed" for "label_events[].action""#)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","label_events":[{"label":"a","created":"2024-01-01"}]}"#)?
            .message == #"an entry of "label_events" needs "label", "action" and "created""#)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","comments_data":{}}"#)?.message == #"expected an array for "comments_data""#)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","comments_data":[1]}"#)?.message == #"expected an object in "comments_data""#)
    }

    @Test func commentsIsTheCountNotTheList() {
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","comments":[]}"#)?.message == #"expected an integer for "comments""#)
    }
}
