import Testing
import TriageTestSupport
@testable import TriageLanguage

/// SPEC §8's lazy fields: `human_idle`, `last_human_comment`, `linked_prs`, `review_state`, `checks`
/// — their types, their values from loaded data, and when they need a request at all.
struct PullRequestFieldTests {
    let pull = makeIssue { $0.kind = "pull_request"; $0.comments = 2; $0.created = day(2024, 1, 1) }
    let issue = makeIssue { $0.comments = 2; $0.created = day(2024, 1, 1) }

    func value(_ source: String, on issue: TriageLanguage.Issue, loader: CountingLoader) async throws -> Value {
        var checker = TypeChecker(environment: LanguageEnvironment())
        let checked = checker.check(try Parser.parse(source).get())
        return try await Compiler.evaluateValue(checked, in: EvaluationFrame(issue: issue, now: testNow), loader: loader)
    }

    @Test func typesAndMembers() throws {
        #expect(try compile("human_idle > 30d").usesLazyData)
        #expect(try compile(#"any(linked_prs, p => p.state == "open" and not p.draft and p.number > 0 and p.author != "x")"#).usesLazyData)
        #expect(try compile(#"review_state == "approved" and checks == "success""#).usesLazyData)
        #expect(try compile("last_human_comment.bot == false").usesLazyData)
        let unknown = diagnose("any(linked_prs, p => p.title == \"x\")")
        #expect(unknown.map(\.code) == [.unknownMember])
        #expect(unknown.first?.message.contains("a pull has no member `title`") == true)
        #expect(diagnose("human_idle == \"x\"").map(\.code) == [.typeMismatch])
    }

    @Test func botsAndMarkedCommentsNeverCountAsHumanActivity() async throws {
        let loader = CountingLoader(comments: [
            IssueComment(author: "alice", body: "real question", created: day(2024, 5, 1)),
            IssueComment(author: "stale[bot]", body: "ping", created: day(2024, 5, 20), bot: true),
            IssueComment(author: "maintainer", body: "stale warning\n\n<!-- triage:rule=stale -->", created: day(2024, 5, 25)),
        ])
        #expect(try await value("human_idle", on: issue, loader: loader) == .duration(testNow - day(2024, 5, 1)))
        #expect(try await value("last_human_comment.author", on: issue, loader: loader) == .string("alice"))
        #expect(loader.commentRequests == 2, "one per evaluation frame")
        #expect(loader.otherRequests.isEmpty, "an issue has no reviews to load")
        // `last_comment.bot` keeps its meaning: the marked comment is not a bot's.
        #expect(try await value("last_comment.bot", on: issue, loader: loader) == .bool(false))
    }

    @Test func humanIdleOfAnIssueWithoutCommentsNeedsNoRequest() async throws {
        let loader = CountingLoader()
        let quiet = makeIssue { $0.comments = 0; $0.created = day(2024, 5, 1) }
        #expect(try await value("human_idle", on: quiet, loader: loader) == .duration(testNow - day(2024, 5, 1)))
        #expect(loader.commentRequests == 0 && loader.otherRequests.isEmpty)
    }

    @Test func humanIdleOfAPullRequestCountsHumanReviews() async throws {
        let loader = CountingLoader(comments: [IssueComment(author: "alice", body: "", created: day(2024, 3, 1))],
                                    reviews: [PullReview(author: "bob", state: .commented, submitted: day(2024, 4, 1)),
                                              PullReview(author: "ci[bot]", state: .approved, submitted: day(2024, 5, 1), bot: true),
                                              PullReview(author: "carol", state: .approved, submitted: nil)])
        #expect(try await value("human_idle", on: pull, loader: loader) == .duration(testNow - day(2024, 4, 1)))
        #expect(loader.commentRequests == 1 && loader.otherRequests == [.reviews])
    }

    @Test(arguments: [
        ([PullReview](), "pending"),
        ([PullReview(author: "a", state: .approved, submitted: day(2024, 1, 1))], "approved"),
        ([PullReview(author: "a", state: .changesRequested, submitted: day(2024, 1, 1)),
          PullReview(author: "a", state: .approved, submitted: day(2024, 1, 2))], "approved"),
        ([PullReview(author: "a", state: .approved, submitted: day(2024, 1, 1)),
          PullReview(author: "b", state: .changesRequested, submitted: day(2024, 1, 2))], "changes_requested"),
        ([PullReview(author: "a", state: .changesRequested, submitted: day(2024, 1, 1)),
          PullReview(author: "a", state: .dismissed, submitted: day(2024, 1, 2))], "pending"),
        ([PullReview(author: "a", state: .approved, submitted: day(2024, 1, 1)),
          PullReview(author: "a", state: .commented, submitted: day(2024, 1, 2)),
          PullReview(author: "b", state: .pending, submitted: day(2024, 1, 3))], "approved"),
        ([PullReview(author: "a", state: .approved, submitted: day(2024, 1, 3)),
          PullReview(author: "a", state: .changesRequested, submitted: day(2024, 1, 1))], "approved"),
    ])
    func reviewStateIsEachReviewersLatestDecisiveReview(reviews: [PullReview], expected: String) async throws {
        // Given out of order: the frame sorts by submission time.
        let loader = CountingLoader(reviews: reviews.reversed())
        #expect(try await value("review_state", on: pull, loader: loader) == .string(expected))
    }

    @Test func pullRequestOnlyFieldsAreNullForIssuesWithoutARequest() async throws {
        let loader = CountingLoader(reviews: [PullReview(author: "a", state: .approved)], checks: .success)
        #expect(try await value("review_state", on: issue, loader: loader) == .null)
        #expect(try await value("checks", on: issue, loader: loader) == .null)
        #expect(loader.otherRequests.isEmpty)
        #expect(try await value("checks", on: pull, loader: loader) == .string("success"))
        #expect(try await value("checks", on: pull, loader: CountingLoader(checks: nil)) == .null, "nothing ran")
        #expect(loader.otherRequests == [.checks])
    }

    @Test func linkedPullsAreListsOfPulls() async throws {
        let loader = CountingLoader(pulls: [LinkedPull(number: 7, state: "merged", draft: false, author: "dev"),
                                            LinkedPull(number: 9, state: "open", draft: true, author: "dev")])
        #expect(try await evaluate(#"any(linked_prs, p => p.state == "open" and p.draft)"#, on: issue, loader: loader))
        #expect(try await evaluate("count(linked_prs, p => p.number > 8) == 1 and len(linked_prs) == 2", on: issue, loader: loader))
        #expect(loader.otherRequests == [.linkedPulls, .linkedPulls], "one per frame")
        #expect(try await value("linked_prs", on: issue, loader: loader).description
            == #"[pull(number: 7, state: "merged", draft: false, author: "dev"), pull(number: 9, state: "open", draft: true, author: "dev")]"#)
    }

    @Test func embeddedDataNeedsNoLoader() async throws {
        var given = pull
        given.embeddedReviews = [PullReview(author: "a", state: .approved)]
        given.embeddedChecks = PullChecks(.failure)
        given.embeddedLinkedPulls = []
        let loader = CountingLoader()
        #expect(try await evaluate(#"review_state == "approved" and checks == "failure" and len(linked_prs) == 0"#, on: given, loader: loader))
        #expect(loader.otherRequests.isEmpty)
    }

    @Test func lazyConjunctsNeedingFewerRequestsRunFirstAndSharedFetchesAreFree() throws {
        func order(_ source: String) throws -> [String] {
            let checked = try compile(source).checked
            return Compiler.cheapestFirst(checked.conjuncts).map { checked.conjuncts[$0].sourceText }
        }
        // checks costs three requests, review_state one: written first, it still runs last.
        #expect(try order(#"checks == "success" and review_state == "approved" and draft == false"#)
            == [#"draft == false"#, #"review_state == "approved""#, #"checks == "success""#])
        // Once `last_comment` has loaded the comments, `commenters` shares the fetch and costs no
        // request, so it runs before `label_age`, which needs one (written order would put it first).
        #expect(try order(#"last_comment != null and label_age("x") > 1d and len(commenters) > 10"#)
            == [#"last_comment != null"#, #"len(commenters) > 10"#, #"label_age("x") > 1d"#])
        #expect(try compile("checks == null").checked.cost > compile("review_state == null").checked.cost)
    }

    /// Pull-request data is no request on an issue: there `human_idle` costs what `linked_prs` does
    /// and keeps its written place; on a pull request it costs the reviews too and goes after.
    @Test func conjunctOrderDependsOnTheItemKind() throws {
        let checked = try compile(#"human_idle > 60d and not any(linked_prs, p => p.state == "open")"#).checked
        let conjuncts = checked.conjuncts
        let idle = "human_idle > 60d", noOpenPull = #"not any(linked_prs, p => p.state == "open")"#
        #expect(Compiler.cheapestFirst(conjuncts, for: .issue).map { conjuncts[$0].sourceText } == [idle, noOpenPull])
        #expect(Compiler.cheapestFirst(conjuncts).map { conjuncts[$0].sourceText } == [noOpenPull, idle])
    }

    /// A source whose reviews carry no time (GitLab) is never asked for reviews by `human_idle`, so
    /// on its merge requests `human_idle` costs the comments alone, as on an issue, and keeps its
    /// written place before `label_age`; on a pull request whose reviews carry a time (GitHub) it
    /// costs the reviews too and goes after.
    @Test func humanIdleCostsNoReviewsWhereReviewsCarryNoTime() throws {
        let checked = try compile(#"human_idle > 60d and label_age("bug") > 1d"#).checked
        let conjuncts = checked.conjuncts
        let idle = "human_idle > 60d", labelAge = #"label_age("bug") > 1d"#
        func order(_ profile: RequestProfile) -> [String] { Compiler.cheapestFirst(conjuncts, for: profile).map { conjuncts[$0].sourceText } }
        #expect(order(.pullRequestWithUntimedReviews) == [idle, labelAge])
        #expect(order(.issue) == [idle, labelAge])
        #expect(order(.pullRequest) == [labelAge, idle])
        let facts = try compile("human_idle > 60d").checked.facts
        #expect(facts.cost(in: .pullRequestWithUntimedReviews) == facts.cost(in: .issue))
        #expect(facts.cost(in: .pullRequest) == facts.cost(in: .issue) + ExpressionFacts.requestCost)
        // Reviews another conjunct reads are still requests there (two: approvals and reviewers):
        // `human_idle` did not load them.
        let withReviews = try compile(#"human_idle > 60d and review_state == "approved" and label_age("bug") > 1d"#).checked.conjuncts
        #expect(Compiler.cheapestFirst(withReviews, for: .pullRequestWithUntimedReviews).map { withReviews[$0].sourceText }
            == [idle, labelAge, #"review_state == "approved""#])
        #expect(Compiler.cheapestFirst(withReviews).map { withReviews[$0].sourceText } == [#"review_state == "approved""#, labelAge, idle])
    }

    /// A GitLab merge request (the source whose reviews carry no time) is asked for no linked merge
    /// requests, for two requests of reviews (approvals, reviewers) and one of checks (the head
    /// pipeline): the costs, and so the order, are what GitLab's `pullData` requests.
    @Test func gitLabMergeRequestsCostWhatGitLabRequests() throws {
        let gitLab = RequestProfile.pullRequestWithUntimedReviews
        let linked = "len(linked_prs) == 0", review = #"review_state == "approved""#, labelAge = #"label_age("bug") > 1d"#
        let linkedFacts = try compile(linked).checked.facts, reviewFacts = try compile(review).checked.facts
        let checksFacts = try compile(#"checks == "success""#).checked.facts
        #expect(linkedFacts.cost(in: gitLab) == linkedFacts.cost(in: .pullRequest) - ExpressionFacts.requestCost)
        #expect(reviewFacts.cost(in: gitLab) == reviewFacts.cost(in: .pullRequest) + ExpressionFacts.requestCost)
        #expect(checksFacts.cost(in: gitLab) == checksFacts.cost(in: .pullRequest) - 2 * ExpressionFacts.requestCost)
        #expect(gitLab.requests([.linkedPulls, .reviews, .checks]) == 3 && RequestProfile.issue.requests([.linkedPulls, .reviews, .checks]) == 1)
        let conjuncts = try compile("\(review) and \(labelAge) and \(linked)").checked.conjuncts
        #expect(Compiler.cheapestFirst(conjuncts, for: gitLab).map { conjuncts[$0].sourceText } == [linked, labelAge, review])
    }
}
