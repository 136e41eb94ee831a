import Testing
import TriageJSON
import TriageLanguage
import TriageProviders

/// GitHub's timeline, reviews, combined status and check runs mapped as SPEC §8 says. The shared
/// fixtures hold no recordings of these endpoints; the objects below follow the response examples of
/// GitHub's REST reference (docs.github.com/rest: issues/timeline, pulls/reviews, commits/statuses,
/// checks/runs), cut to the members read plus a few neighbours.
@Suite struct GitHubPullDataMappingTests {
    static func json(_ text: String) -> JSONValue { try! JSONValue.parse(text) }

    static func crossReference(_ number: Int, repo: String = "acme/app", pull: Bool = true, state: String = "open",
                               merged: Bool = false, draft: Bool = false, author: String = "dev") -> String {
        let pullRequest = pull
            ? #","pull_request":{"url":"https://api.github.com/repos/\#(repo)/pulls/\#(number)","merged_at":\#(merged ? "\"2024-02-01T00:00:00Z\"" : "null")}"#
            : ""
        return #"{"event":"cross-referenced","created_at":"2024-01-05T00:00:00Z","actor":{"login":"\#(author)"},"#
            + #""source":{"type":"issue","issue":{"id":\#(number),"number":\#(number),"title":"Fix","state":"\#(state)","draft":\#(draft),"#
            + #""user":{"login":"\#(author)","type":"User"},"repository_url":"https://api.github.com/repos/\#(repo)","#
            + #""repository":{"full_name":"\#(repo)"}\#(pullRequest)}}}"#
    }

    @Test func linkedPullsAreCrossReferencesFromPullRequestsOfTheSameRepository() {
        let timeline = Self.json("[" + [
            #"{"event":"labeled","label":{"name":"bug"},"created_at":"2024-01-01T00:00:00Z"}"#,
            #"{"event":"connected","created_at":"2024-01-02T00:00:00Z"}"#,
            Self.crossReference(7, state: "closed", merged: true),
            Self.crossReference(8, pull: false),
            Self.crossReference(9, repo: "other/app"),
            Self.crossReference(10, draft: true, author: "ann"),
            Self.crossReference(11, state: "closed"),
            Self.crossReference(7, state: "closed", merged: true),
        ].joined(separator: ",") + "]").arrayValue!
        #expect(GitHubPullDataMapping.linkedPulls(fromTimeline: timeline, repository: "Acme/App") == [
            LinkedPull(number: 7, state: "merged", draft: false, author: "dev"),
            LinkedPull(number: 10, state: "open", draft: true, author: "ann"),
            LinkedPull(number: 11, state: "closed", draft: false, author: "dev"),
        ])
    }

    @Test func reviewsMapEveryStateAndDetectBots() {
        let reviews = Self.json("""
            [{"id":1,"user":{"login":"octocat","type":"User"},"body":"","state":"APPROVED","submitted_at":"2024-01-01T10:00:00Z","commit_id":"abc"},
             {"id":2,"user":{"login":"renovate[bot]","type":"Bot"},"state":"CHANGES_REQUESTED","submitted_at":"2024-01-02T10:00:00Z"},
             {"id":3,"user":{"login":"hubot","type":"Bot"},"state":"COMMENTED","submitted_at":"2024-01-03T10:00:00Z"},
             {"id":4,"user":{"login":"octocat","type":"User"},"state":"DISMISSED","submitted_at":"2024-01-04T10:00:00Z"},
             {"id":5,"user":{"login":"draft-writer","type":"User"},"state":"PENDING"},
             {"id":6,"user":{"login":"x","type":"User"},"state":"SOMETHING_NEW","submitted_at":"2024-01-05T10:00:00Z"}]
            """).arrayValue!
        let mapped = GitHubPullDataMapping.reviews(from: reviews)
        #expect(mapped == [
            PullReview(author: "octocat", state: .approved, submitted: Timestamp(year: 2024, month: 1, day: 1, hour: 10)),
            PullReview(author: "renovate[bot]", state: .changesRequested, submitted: Timestamp(year: 2024, month: 1, day: 2, hour: 10), bot: true),
            PullReview(author: "hubot", state: .commented, submitted: Timestamp(year: 2024, month: 1, day: 3, hour: 10), bot: true),
            PullReview(author: "octocat", state: .dismissed, submitted: Timestamp(year: 2024, month: 1, day: 4, hour: 10)),
            PullReview(author: "draft-writer", state: .pending, submitted: nil),
        ])
        // octocat's approval was dismissed; the bot's request for changes still counts.
        #expect(PullReview.reviewState(of: mapped) == "changes_requested")
    }

    static func combined(_ state: String, count: Int) -> JSONValue {
        json(#"{"state":"\#(state)","sha":"abc","total_count":\#(count),"statuses":[\#((0..<count).map { _ in #"{"state":"\#(state)","context":"ci"}"# }.joined(separator: ","))]}"#)
    }

    static func runs(_ runs: [(status: String, conclusion: String?)]) -> [JSONValue] {
        json(#"{"total_count":\#(runs.count),"check_runs":["#
            + runs.map { #"{"id":1,"name":"build","status":"\#($0.status)","conclusion":\#($0.conclusion.map { "\"\($0)\"" } ?? "null")}"# }.joined(separator: ",")
            + "]}")["check_runs"]!.arrayValue!
    }

    @Test(arguments: [
        // Nothing ran: no statuses (GitHub still says "pending") and no runs.
        ("pending", 0, [], nil),
        ("pending", 0, [("completed", "success"), ("completed", "skipped"), ("completed", "neutral")], CheckStatus.success),
        ("success", 2, [], .success),
        ("failure", 1, [("completed", "success")], .failure),
        ("error", 1, [], .failure),
        ("pending", 1, [("completed", "success")], .pending),
        ("success", 1, [("queued", nil)], .pending),
        ("success", 1, [("in_progress", nil), ("completed", "timed_out")], .failure),
        ("pending", 0, [("completed", "action_required")], .failure),
        ("pending", 0, [("completed", "cancelled"), ("completed", "success")], .failure),
    ] as [(String, Int, [(String, String?)], CheckStatus?)])
    func checksCombineStatusesAndRuns(state: String, count: Int, runs: [(String, String?)], expected: CheckStatus?) {
        let status = GitHubPullDataMapping.checkStatus(combined: Self.combined(state, count: count),
                                                       checkRuns: Self.runs(runs.map { (status: $0.0, conclusion: $0.1) }))
        #expect(status == expected)
    }

    @Test func theHeadCommitComesFromThePull() {
        #expect(GitHubPullDataMapping.headSHA(ofPull: Self.json(#"{"number":3,"head":{"ref":"fix","sha":"6dcb09b5b57875f334f61aebed695e2e4193db5e"}}"#))
            == "6dcb09b5b57875f334f61aebed695e2e4193db5e")
        #expect(GitHubPullDataMapping.headSHA(ofPull: Self.json(#"{"number":3}"#)) == nil)
    }
}
