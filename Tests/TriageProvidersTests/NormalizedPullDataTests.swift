import Testing
import TriageLanguage
import TriageProviders

/// A normalized issue's pull-request data (SPEC §8): `reviews`, `linked_prs`, `checks`.
@Suite struct NormalizedPullDataTests {
    @Test func reviewsLinkedPullsAndChecksAreEmbedded() throws {
        let issue = try decode("""
            {"number": 5, "kind": "pull_request", "created": "2024-01-01T00:00:00Z",
             "reviews": [{"author": "bo", "state": "approved", "submitted": "2024-01-02T00:00:00Z"},
                         {"author": "ci[bot]", "state": "changes_requested", "bot": true, "extra": {}}],
             "linked_prs": [{"number": 9, "state": "merged", "draft": false, "author": "dev"}, {"number": 10}],
             "checks": "pending"}
            """)
        #expect(issue.embeddedReviews == [PullReview(author: "ci[bot]", state: .changesRequested, submitted: nil, bot: true),
                                          PullReview(author: "bo", state: .approved, submitted: utc(2024, 1, 2))])
        #expect(issue.embeddedLinkedPulls == [LinkedPull(number: 9, state: "merged", draft: false, author: "dev"),
                                              LinkedPull(number: 10, state: "open")])
        #expect(issue.embeddedChecks == PullChecks(.pending))
    }

    /// A file need not list reviews in time order: `review_state` goes by each reviewer's latest,
    /// so embedded reviews are put in time order (those without a time first), as loaded ones are.
    @Test func reviewsAreEmbeddedInTimeOrder() throws {
        let issue = try decode("""
            {"number": 5, "kind": "pull_request", "created": "2024-01-01T00:00:00Z",
             "reviews": [{"author": "bo", "state": "approved", "submitted": "2024-01-03T00:00:00Z"},
                         {"author": "bo", "state": "changes_requested", "submitted": "2024-01-02T00:00:00Z"},
                         {"author": "ann", "state": "commented"}]}
            """)
        #expect(issue.embeddedReviews?.map(\.author) == ["ann", "bo", "bo"])
        #expect(issue.embeddedReviews.map(PullReview.reviewState) == "approved")
    }

    @Test func absentDataStaysToBeLoadedAndNullChecksMeanNothingRan() throws {
        let absent = try decode(#"{"number": 1, "created": "2024-01-01T00:00:00Z"}"#)
        #expect(absent.embeddedReviews == nil && absent.embeddedLinkedPulls == nil && absent.embeddedChecks == nil)
        let none = try decode(#"{"number": 1, "created": "2024-01-01T00:00:00Z", "checks": null, "reviews": [], "linked_prs": null}"#)
        #expect(none.embeddedChecks == PullChecks(nil))
        #expect(none.embeddedReviews == [])
        #expect(none.embeddedLinkedPulls == nil)
    }

    @Test(arguments: [
        (#""checks": "green""#, "expected \"success\", \"failure\", \"pending\" or null for \"checks\""),
        (#""reviews": [{"author": "a"}]"#, "an entry of \"reviews\" has no \"state\""),
        (#""reviews": [{"state": "lgtm"}]"#, "for \"reviews[].state\""),
        (#""linked_prs": [{"state": "open"}]"#, "an entry of \"linked_prs\" has no \"number\""),
        (#""linked_prs": [{"number": 1, "state": "draft"}]"#, "for \"linked_prs[].state\""),
        (#""linked_prs": {}"#, "expected an array for \"linked_prs\""),
    ])
    func malformedDataIsAnError(member: String, message: String) {
        do {
            _ = try decode(#"{"number": 1, "created": "2024-01-01T00:00:00Z", \#(member)}"#)
            Issue.record("decoded \(member)")
        } catch {
            #expect(error.message.contains(message), "\(error.message)")
        }
    }
}
