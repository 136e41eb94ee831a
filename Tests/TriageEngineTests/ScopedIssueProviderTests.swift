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
