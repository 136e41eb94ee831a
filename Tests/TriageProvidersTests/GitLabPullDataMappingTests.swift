import Testing
import TriageJSON
import TriageLanguage
import TriageProviders

/// GitLab's related merge requests, approvals, reviewers and head pipeline mapped as SPEC §8 says.
/// The shared fixtures hold no recordings of these endpoints; the objects follow the examples of
/// GitLab's REST reference (docs.gitlab.com/ee/api: issues#list-merge-requests-related-to-issue,
/// merge_request_approvals, merge_requests#get-single-merge-request-reviewers), cut down.
@Suite struct GitLabPullDataMappingTests {
    static func json(_ text: String) -> JSONValue { try! JSONValue.parse(text) }

    @Test func relatedMergeRequestsOfTheSameProject() {
        let related = Self.json("""
            [{"id":1,"iid":3,"state":"merged","draft":false,"author":{"username":"ann"},"web_url":"https://gitlab.com/Group/Sub/App/-/merge_requests/3"},
             {"id":2,"iid":4,"state":"opened","draft":true,"author":{"username":"bo"},"web_url":"https://gitlab.com/group/sub/app/-/merge_requests/4"},
             {"id":3,"iid":5,"state":"closed","work_in_progress":true,"author":{"username":"cy"},"references":{"full":"group/sub/app!5"}},
             {"id":4,"iid":6,"state":"opened","author":{"username":"x"},"web_url":"https://gitlab.com/group/other/-/merge_requests/6"},
             {"id":5,"iid":7,"state":"locked","author":{"username":"dee"},"web_url":"https://gitlab.com/group/sub/app/-/merge_requests/7"}]
            """).arrayValue!
        #expect(GitLabPullDataMapping.linkedPulls(fromRelated: related, project: "group/sub/app") == [
            LinkedPull(number: 3, state: "merged", draft: false, author: "ann"),
            LinkedPull(number: 4, state: "open", draft: true, author: "bo"),
            LinkedPull(number: 5, state: "closed", draft: true, author: "cy"),
            LinkedPull(number: 7, state: "closed", draft: false, author: "dee"),
        ])
    }

    @Test(arguments: [
        (#"{"approved_by":[]}"#, "[]", "pending"),
        (#"{"approved_by":[{"user":{"username":"ann"}}]}"#, #"[{"user":{"username":"ann"},"state":"approved"}]"#, "approved"),
        (#"{"approved_by":[{"user":{"username":"ann"}}]}"#, #"[{"user":{"username":"bo"},"state":"requested_changes"}]"#, "changes_requested"),
        (#"{"approved_by":[{"user":{"username":"ann"}}]}"#, #"[{"user":{"username":"ann"},"state":"requested_changes"}]"#, "changes_requested"),
        (#"{"approved_by":[]}"#, #"[{"user":{"username":"bo"},"state":"unreviewed"},{"user":{"username":"cy"},"state":"reviewed"}]"#, "pending"),
    ])
    func reviewStateFromApprovalsAndReviewers(approvals: String, reviewers: String, expected: String) {
        let reviews = GitLabPullDataMapping.reviews(approvals: Self.json(approvals), reviewers: Self.json(reviewers).arrayValue!)
        #expect(PullReview.reviewState(of: reviews) == expected)
        #expect(reviews.allSatisfy { $0.submitted == nil })
    }

    /// Approvers and reviewers are bots by the same test as note authors: `bot: true`, or a
    /// project access token's bot user (`project_…_bot…`) where the flag is missing.
    @Test func botReviewersAreDetectedLikeBotCommenters() {
        let reviews = GitLabPullDataMapping.reviews(
            approvals: Self.json(#"{"approved_by":[{"user":{"username":"project_12_bot_3f"}},{"user":{"username":"ann"}}]}"#),
            reviewers: Self.json(#"[{"user":{"username":"ci","bot":true},"state":"requested_changes"}]"#).arrayValue!)
        #expect(reviews.map(\.bot) == [true, false, true])
        let users = [#"{"username":"project_12_bot_3f"}"#, #"{"username":"ann"}"#, #"{"username":"ci","bot":true}"#].map(Self.json)
        #expect(users.map(GitLabBots.isBot) == [true, false, true])
    }

    @Test(arguments: [
        ("success", CheckStatus.success), ("failed", .failure), ("canceled", .failure), ("created", .pending), ("pending", .pending),
        ("running", .pending), ("manual", .pending), ("scheduled", .pending), ("waiting_for_resource", .pending), ("preparing", .pending),
        ("skipped", nil),
    ] as [(String, CheckStatus?)])
    func headPipelineStatus(status: String, expected: CheckStatus?) {
        #expect(GitLabPullDataMapping.checkStatus(ofMergeRequest: Self.json(#"{"iid":1,"head_pipeline":{"id":9,"status":"\#(status)"}}"#)) == expected)
    }

    @Test func noPipelineMeansNothingRan() {
        #expect(GitLabPullDataMapping.checkStatus(ofMergeRequest: Self.json(#"{"iid":1,"head_pipeline":null}"#)) == nil)
        #expect(GitLabPullDataMapping.checkStatus(ofMergeRequest: Self.json(#"{"iid":1}"#)) == nil)
    }
}
