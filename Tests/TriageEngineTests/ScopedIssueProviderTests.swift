import Testing
import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

/// `ScopedIssueProvider`: the provider `--event` runs on. Its stream is the one issue, fetched by
/// number; it stays a writer exactly when the provider it wraps is one, and writes go through.
struct ScopedIssueProviderTests {
    static let issues = (1...5).map { TriageLanguage.Issue(number: $0, title: "#\($0)", labels: ["bug"], created: testNow, updated: testNow) }

    @Test func theStreamIsTheOneIssue() async throws {
        let scoped = InMemoryProvider(issues: Self.issues).scoped(toItem: 3, kind: .issue)
        #expect(try await Self.numbers(scoped) == [3])
        #expect(try await scoped.issue(number: 3).number == 3)
        await #expect(throws: IssueNotFound.self) { try await scoped.issue(number: 4) }
        #expect(scoped.sourceDescription == "memory")
    }

    static func numbers<P: IssueProvider>(_ provider: P) async throws -> [Int] {
        var numbers: [Int] = []
        for try await issue in provider.issues(matching: IssueQuery(fields: .all)) { numbers.append(issue.number) }
        return numbers
    }

    @Test func itIsAWriterOnlyOverAWriter() {
        #expect(!(InMemoryProvider(issues: Self.issues).scoped(toItem: 1, kind: .issue) is any IssueWriter))
        #expect(InMemoryTracker(issues: Self.issues).scoped(toItem: 1, kind: .issue) is any IssueWriter)
    }

    /// A writer that routes by repository, like an organisation source: what reaches it.
    final class RoutingWriter: IssueProvider, IssueWriter, @unchecked Sendable {
        var routed: [String] = []
        var sourceDescription: String { "routing" }
        var capabilities: ProviderCapabilities { ProviderCapabilities() }
        func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> { AsyncStream { $0.finish() } }
        func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
        func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
        func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
            routed.append("no repository #\(number)")
            return nil
        }
        func perform(_ operation: WriteOperation, on issue: IssueReference, pullRequest: Bool) async throws -> CreatedIssue? {
            routed.append("\(issue.repo)#\(issue.number)")
            return nil
        }
    }

    @Test func writesReachTheWrappedWriterWithTheirRepository() async throws {
        let writer = RoutingWriter()
        let scoped = try #require(writer.scoped(toItem: 7, kind: .issue) as? any IssueWriter)
        try await scoped.perform(WriteOperation.close(reason: nil), on: IssueReference(number: 7, title: "", url: "", repo: "acme/api"), pullRequest: false)
        #expect(writer.routed == ["acme/api#7"])
    }

    @Test func applyWritesOnlyToTheScopedIssue() async throws {
        let tracker = InMemoryTracker(issues: Self.issues)
        let rules = validRuleSet("""
            rules:
              - name: triage-bugs
                when: '"bug" in labels'
                actions:
                  - label: needs-triage
            """).rules
        let run = try ApplyRun(rules: rules, options: .init(now: testNow, perform: true))
        let result = try await run.run(provider: tracker.scoped(toItem: 4, kind: .issue))
        #expect(result.execution?.done == 1)
        #expect(tracker.writes == ["#4 add label needs-triage"])
    }
}
