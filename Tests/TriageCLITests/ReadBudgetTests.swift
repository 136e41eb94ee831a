import Foundation
import Testing
import TriageTestSupport

/// `--max-requests N` (SPEC §7) through the binary: exactly N reads are sent even with pages fetched
/// concurrently, the pages not read and the issues not evaluated are listed (never as no-match or
/// as evaluation errors), `apply` plans only fully evaluated issues, and the run exits 1 — or 3
/// when something also failed.
struct ReadBudgetTests {
    /// The same two rules as a single-repository source (one cheap, one lazy).
    static let rules = RemoteSourceTests.rules

    static func serve(count: Int, pageSize: Int) async throws -> (TestHTTPServer, FakeIssueTracker) {
        let tracker = FakeIssueTracker(count: count, pageSize: pageSize)
        let server = try await TestHTTPServer.start { request in tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")") }
        return (server, tracker)
    }

    @Test func concurrentPagesNeverOvershootAndThePagesNotReadAreListed() async throws {
        // 12 pages (nothing pushed down); the first alone, then up to 8 at once: a budget of 5 must stop at exactly 5.
        let (server, _) = try await Self.serve(count: 120, pageSize: 10)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none", "--max-requests", "5"],
                rules: "rules:\n  - name: late\n    when: number > 100\n")
            #expect(output.status == 1, "\(output)")
            #expect(server.requests.count == 5)
            let unread = output.stderrLines.filter { $0.hasPrefix("  not read: ") }
            #expect(unread.count == 7, "\(output)")
            #expect(output.stderr.contains("7 requests not sent"))
            // Every page is either read or listed as not read.
            let pages = Set(server.requests.map { $0.query["page"] ?? "1" } + unread.compactMap { $0.firstMatch(of: /[?&]page=(\d+)/).map { String($0.output.1) } })
            #expect(pages == Set((1...12).map(String.init)), "\(pages)")
            #expect(!output.stderr.contains("error:"))
            // Matches come from the pages read, and only from them.
            let readPages = Set(server.requests.compactMap { Int($0.query["page"] ?? "1") })
            let expected = (101...120).filter { readPages.contains(($0 - 1) / 10 + 1) }
            #expect(output.stdoutLines.map { $0.contains(#""number":"#) } == expected.map { _ in true }, "\(output)")
        }
    }

    @Test func issuesWhoseLazyDataWasNotReadAreNotEvaluatedNeverNoMatch() async throws {
        // One list page; 15 of the 20 issues have comments, and 3 comment reads fit the budget.
        let (server, _) = try await Self.serve(count: 20, pageSize: 100)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none", "--max-requests", "4"], rules: Self.rules)
            #expect(output.status == 1, "\(output)")
            #expect(server.requests.count == 4)
            let notEvaluated = output.stderrLines.filter { $0.hasPrefix("  not evaluated: #") }
            #expect(notEvaluated.count == 12, "\(output)")
            #expect(notEvaluated.allSatisfy { $0.hasSuffix(" (bot-last)") })
            #expect(output.stderr.contains("12 issues not evaluated"))
            #expect(!output.stderr.contains("error:"), "\(output)")
            // The synchronous rule is evaluated on every issue: its matches are all there.
            #expect(output.stdoutLines.filter { $0.contains(#""open-bugs""#) }.count == [5, 10, 20].count)
        }
    }

    /// SPEC §8's checks take three reads (the pull request, the combined status, the check runs):
    /// a pull request whose reads the budget cut part-way is not evaluated, never a no-match or an
    /// error, and the one read in full still matches.
    @Test func pullRequestsWhoseChecksWereNotReadAreNotEvaluated() async throws {
        let (server, _) = try await Self.serve(count: 60, pageSize: 100)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none", "--max-requests", "5"],
                rules: "rules:\n  - name: green\n    when: kind == \"pull_request\" and state == \"open\" and checks == \"success\"\n")
            #expect(output.status == 1, "\(output)")
            // The list page, then pull request 10's three reads and the first of 20's.
            #expect(server.requests.map(\.path) == ["/repos/acme/app/issues", "/repos/acme/app/pulls/10", "/repos/acme/app/commits/sha10/status",
                                                    "/repos/acme/app/commits/sha10/check-runs", "/repos/acme/app/pulls/20"])
            #expect(output.stdoutLines.count == 1 && output.stdout.contains(#""rule":"green","severity":"warning","number":10,"#), "\(output)")
            let notEvaluated = output.stderrLines.filter { $0.hasPrefix("  not evaluated: #") }
            #expect(notEvaluated.map { $0.split(separator: " ")[2] } == ["#20", "#40", "#50"], "\(output)")
            #expect(notEvaluated.allSatisfy { $0.hasSuffix(" (green)") })
            #expect(!output.stderr.contains("error:"), "\(output)")
        }
    }

    @Test func applyPlansOnlyFullyEvaluatedIssues() async throws {
        let rules = """
            rules:
              - name: bot-answered
                when: last_comment != null and last_comment.bot
                actions:
                  - label: bot-answered
            """
        let (server, tracker) = try await Self.serve(count: 40, pageSize: 100)
        try await server.serving {
            // GET /user, one list page, then 2 of the 30 comment reads.
            let output = try await OrganizationSourceTests.triage(
                ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--yes", "--max-requests", "4", "--write-interval", "0"], rules: rules)
            #expect(output.status == 1, "\(output)")
            #expect(server.requests.filter { $0.method == "GET" }.count == 4)
            // 28 listed: the first 20, then a count.
            #expect(output.stderr.contains("warning: 28 issues not evaluated (read budget spent):"), "\(output)")
            #expect(output.stderrLines.filter { $0.hasPrefix("  not evaluated: #") }.count == 20 && output.stderr.contains("  … and 8 more"))
            let readComments = Set(server.requests.filter { $0.path.hasSuffix("/comments") }.compactMap { Int($0.path.split(separator: "/")[4]) })
            let written = tracker.writes.compactMap { Int($0.path.split(separator: "/")[4]) }
            #expect(Set(written).isSubset(of: readComments) && written.allSatisfy { $0 % 8 == 3 }, "\(output)")
        }
    }

    @Test func aFailedRepositoryStillExits3WhenTheBudgetIsSpent() async throws {
        let server = try await OrganizationSourceTests.serve(OrganizationSourceTests.mixedOrganization(pageSize: 5))
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:acme", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl", "--repo-concurrency", "1", "--max-requests", "6"], rules: Self.rules)
            #expect(output.status == 3, "\(output)")
            // The org list, acme/api (17 issues: its cache syncs all 4 pages of 5, unfiltered), acme/secret
            // (404); acme/web is not read.
            #expect(server.requests.count == 6)
            #expect(output.stderr.contains("not read: \(server.baseURL)/repos/acme/web/issues?") && output.stderr.contains("error: repository acme/secret skipped"), "\(output)")
        }
    }
}
