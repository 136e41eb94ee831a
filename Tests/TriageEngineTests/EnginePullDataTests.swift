import Synchronization
import Testing
import TriageTestSupport
import TriageEngine
import TriageLanguage
import TriageRules

/// SPEC §8's lazy data through the engine: loaded through the provider's one generic entry point
/// only where evaluation reaches it, once per issue whatever number of rules read it, never for
/// issues where only pull requests have it, and a failed load is an error for every rule that reached
/// it, without a second request.
struct EnginePullDataTests {
    /// Issues 1…12; every third a pull request. Checks of #6 fail to load.
    final class Loads: Sendable {
        private let list = Mutex<[String]>([])
        func append(_ load: String) { list.withLock { $0.append(load) } }
        var all: [String] { list.withLock { $0 } }
    }

    struct PullDataProvider: IssueProvider {
        let loads = Loads()
        var issues: [TriageLanguage.Issue] {
            (1...12).map { n in
                TriageLanguage.Issue(number: n, kind: n % 3 == 0 ? "pull_request" : "issue", comments: n % 2,
                                     created: Timestamp(year: 2024, month: 1, day: 1)!, updated: testNow)
            }
        }

        struct ChecksBroke: Error, CustomStringConvertible { var description: String { "checks of #6 could not be read (HTTP 502)" } }

        var sourceDescription: String { "pull-data" }
        var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: Set(LazyDataKind.allCases)) }
        func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
            let issues = self.issues
            return AsyncStream { continuation in
                for issue in issues { continuation.yield(issue) }
                continuation.finish()
            }
        }
        func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
            loads.append("comments #\(issue.number)")
            return [IssueComment(author: "bot[bot]", body: "ping", created: Timestamp(year: 2024, month: 5, day: 30)!, bot: true)]
        }
        func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
        func loadLazyData(_ kind: LazyDataKind, of issue: TriageLanguage.Issue) async throws -> LazyData {
            loads.append("\(kind.rawValue) #\(issue.number)")
            switch kind {
            case .reviews: return .reviews(issue.number == 9 ? [PullReview(author: "ann", state: .approved)] : [])
            case .checks:
                if issue.number == 6 { throw ChecksBroke() }
                return .checks(PullChecks(.success))
            case .linkedPulls: return .linkedPulls(issue.number == 4 ? [LinkedPull(number: 9, state: "open")] : [])
            case .comments: return .comments(try await loadComments(of: issue))
            case .labelEvents: return .labelEvents([])
            }
        }
    }

    static let rules = validRuleSet("""
        rules:
          - name: approved
            when: state == "open" and review_state == "approved"
          - name: green-approved
            when: state == "open" and checks == "success" and review_state == "approved"
          - name: green
            when: state == "open" and checks != "failure" and kind == "pull_request"
          - name: quiet
            when: state == "open" and human_idle > 30d
          - name: linked
            when: state == "open" and kind == "issue" and len(linked_prs) > 0
          - name: red
            when: state == "open" and checks == "failure"
        """, allowingWarnings: true).rules

    @Test func eachKindLoadsOncePerIssueWhereReached() async throws {
        let provider = PullDataProvider()
        let run = try await collect(RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 2, batchSize: 3)), provider)
        let loads = provider.loads.all
        #expect(Set(loads).count == loads.count, "loaded twice: \(loads)")
        // Reviews and checks only of the pull requests (3, 6, 9, 12), checks only behind passing
        // conjuncts; linked pull requests only of issues; comments only where there are any.
        #expect(Set(loads) == Set([3, 6, 9, 12].flatMap { ["reviews #\($0)", "checks #\($0)"] }
            + [1, 2, 4, 5, 7, 8, 10, 11].map { "linked_prs #\($0)" }
            + [1, 3, 5, 7, 9, 11].map { "comments #\($0)" }))
        #expect(run.statistics.lazyLoads == loads.count)
        // #9 approved and green; #6's checks failed for both rules reaching them, with one request
        // (green-approved stops at #6's pending review_state, which goes first, being cheaper).
        #expect(run.outcomes.first { $0.number == 9 }?.matched == [0, 1, 2, 3])
        #expect(run.outcomes.first { $0.number == 6 }?.errors == [
            "green: checks of #6 could not be read (HTTP 502)", "red: checks of #6 could not be read (HTTP 502)",
        ])
        #expect(run.outcomes.first { $0.number == 4 }?.matched == [3, 4])
    }

    @Test func aSourceWithoutPullDataSaysSo() async throws {
        let pull = TriageLanguage.Issue(number: 1, kind: "pull_request", created: testNow, updated: testNow)
        let issue = TriageLanguage.Issue(number: 2, created: testNow, updated: testNow)
        let run = try await collect(RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 1)),
                                    InMemoryProvider(issues: [pull, issue]))
        #expect(run.outcomes[0].errors == [
            "approved: memory has no reviews for this issue", "green-approved: memory has no reviews for this issue",
            "green: memory has no checks for this issue", "quiet: memory has no reviews for this issue",
            "red: memory has no checks for this issue",
        ])
        #expect(run.outcomes[1].errors == ["linked: memory has no linked pull requests for this issue"])
    }

    /// The marker `apply` puts on its comments is the one `human_idle` skips: this tool's own
    /// warnings never make an issue look active (SPEC §8), even written by a human's token.
    @Test func commentsThisToolPostsAreNeverHumanActivity() {
        let posted = IssueComment(author: "maintainer", body: CommentMarker.marked("Marking this inactive.", rule: "mark-inactive"),
                                  created: testNow)
        #expect(!HumanActivity.isHuman(posted))
        #expect(HumanActivity.isHuman(IssueComment(author: "maintainer", body: "Still happening.", created: testNow)))
    }
}
