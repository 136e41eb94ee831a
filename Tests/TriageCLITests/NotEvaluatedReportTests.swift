import Foundation
import Testing
import TriageTestSupport

/// Issues `--max-requests` left not evaluated (SPEC §7) are part of the report, not only of stderr:
/// `check --format json` lists them under `"not_evaluated"`, Markdown in a section of its own, each
/// naming the same issues and rules as stderr's list; a run that evaluated everything keeps the
/// report as it was.
struct NotEvaluatedReportTests {
    /// 20 issues on one page, 15 of them with comments: a budget of 4 reads the page and 3 comment lists.
    func run(_ format: String, maxRequests: Int?) async throws -> Triage.Output {
        let (server, _) = try await ReadBudgetTests.serve(count: 20, pageSize: 100)
        return try await server.serving {
            try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--no-cache",
                 "--now", "2024-06-01", "--format", format, "--fail-on", "none"] + (maxRequests.map { ["--max-requests", "\($0)"] } ?? []),
                rules: ReadBudgetTests.rules)
        }
    }

    /// The numbers stderr lists as not evaluated (`  not evaluated: #N (rules)`).
    func stderrNumbers(_ output: Triage.Output) -> [Int] {
        output.stderrLines.compactMap { line in line.firstMatch(of: /^  not evaluated: #(\d+) \(bot-last\)$/).flatMap { Int($0.output.1) } }
    }

    @Test func jsonListsTheIssuesNotEvaluatedWithTheirRulesAndWhy() async throws {
        let output = try await run("json", maxRequests: 4)
        #expect(output.status == 1, "\(output)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let entries = try #require(document["not_evaluated"] as? [[String: Any]], "\(output)")
        let listed = stderrNumbers(output)
        #expect(listed.count == 12)
        #expect(entries.compactMap { $0["number"] as? Int } == listed)
        #expect(entries.allSatisfy { ($0["rules"] as? [String]) == ["bot-last"] && $0["reason"] as? String == "read budget (--max-requests) spent" })
        #expect(entries.allSatisfy { $0["repo"] == nil && $0.count == 3 })
        // Never also an error, nor a match of the rule not evaluated; the other rule was evaluated on them.
        #expect((document["errors"] as? [Any])?.isEmpty == true)
        let rules = try #require(document["rules"] as? [[String: Any]])
        func matches(_ name: String) -> [Int] {
            rules.filter { $0["name"] as? String == name }.flatMap { ($0["matches"] as? [[String: Any]]) ?? [] }.compactMap { $0["number"] as? Int }
        }
        #expect(Set(matches("bot-last")).isDisjoint(with: listed))
        #expect(matches("open-bugs") == [5, 10, 20])
    }

    @Test func markdownHasASectionOfThem() async throws {
        let output = try await run("markdown", maxRequests: 4)
        #expect(output.status == 1, "\(output)")
        let section = try #require(output.stdout.components(separatedBy: "\n## Not evaluated\n\n").last, "\(output)")
        #expect(section.hasPrefix("12 issues, read budget (--max-requests) spent:\n\n"))
        let numbers = section.split(separator: "\n").compactMap { line in
            line.firstMatch(of: /^- \[#(\d+)\]\(https:\/\/github\.com\/acme\/app\/(?:issues|pull)\/\d+\) .*: `bot-last`$/).flatMap { Int($0.output.1) }
        }
        #expect(numbers == stderrNumbers(output))
    }

    @Test func aRunThatEvaluatedEverythingHasNoSuchEntry() async throws {
        let json = try await run("json", maxRequests: nil)
        #expect(json.status == 0, "\(json)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(Set(document.keys) == ["source", "now", "issues", "rules", "errors"])
        let markdown = try await run("markdown", maxRequests: nil)
        #expect(!markdown.stdout.contains("Not evaluated"))
    }
}
