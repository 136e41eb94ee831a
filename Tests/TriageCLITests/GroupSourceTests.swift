import Foundation
import Testing
import TriageTestSupport

/// `gitlab:GROUP/*` (SPEC §7) through the binary: the group's issue and merge-request lists (two
/// list requests for the whole group, archived projects left out), regrouped by project in name
/// order; lazy data from each issue's own project; with `--shard` the group's projects are walked
/// one by one and give the same answers.
struct GroupSourceTests {
    static let organization = FakeOrganization(pageSize: 7, repositories: [
        ("web", 24, false, false, false, nil), ("old", 10, true, false, false, nil), ("api", 17, false, false, false, nil),
    ])

    /// The jsonl lines of `OrganizationSourceTests.rules` on a project: issues first, then merge
    /// requests (the group lists them apart), each in creation order.
    static func expectedLines(repo: String, count: Int) -> [String] {
        let numbers = (1...count).filter { $0 % 10 != 0 } + (1...count).filter { $0 % 10 == 0 }
        return numbers.flatMap { n -> [String] in
            let url = "https://gitlab.com/\(repo)/-/\(n % 10 == 0 ? "merge_requests" : "issues")/\(n)"
            var lines: [String] = []
            if n % 5 == 0, n % 3 != 0 {
                lines.append(#"{"rule":"open-bugs","severity":"error","repo":"\#(repo)","number":\#(n),"title":"Issue \#(n)","url":"\#(url)"}"#)
            }
            if n % 8 == 3 {
                lines.append(#"{"rule":"bot-last","severity":"warning","repo":"\#(repo)","number":\#(n),"title":"Issue \#(n)","url":"\#(url)"}"#)
            }
            return lines
        }
    }

    @Test func readsTheGroupListsAndRegroupsByProject() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl"], environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines == Self.expectedLines(repo: "acme/api", count: 17) + Self.expectedLines(repo: "acme/web", count: 24))
            let lists = server.requests.filter { !$0.path.hasSuffix("/notes") }.map(\.path)
            // 38 issues and 3 merge requests in the live projects, 7 to a page: 6 issue pages, 1 merge-request page.
            #expect(Set(lists) == ["/api/v4/groups/acme/issues", "/api/v4/groups/acme/merge_requests"] && lists.count == 7, "\(lists)")
            let notes = server.requests.filter { $0.path.hasSuffix("/notes") }.map(\.path)
            #expect(notes.contains("/api/v4/projects/acme%2Fapi/issues/3/notes") && notes.contains("/api/v4/projects/acme%2Fweb/issues/3/notes"))
            #expect(!notes.contains { $0.contains("acme%2Fold") })
        }
    }

    @Test func aShardWalksTheGroupsProjectsWithTheSameAnswers() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl", "--shard", "1/1"], environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines == Self.expectedLines(repo: "acme/api", count: 17) + Self.expectedLines(repo: "acme/web", count: 24))
            #expect(server.requests.first?.path == "/api/v4/groups/acme/projects")
            #expect(!server.requests.contains { $0.path.hasPrefix("/api/v4/groups/acme/issues") })
            #expect(!server.requests.contains { $0.path.contains("acme%2Fold") })
        }
    }

    @Test func aProjectPathStaysAProject() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "gitlab:acme/api", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl"], environment: [:])
            #expect(output.status == 1, "\(output)")
            #expect(!output.stdout.contains(#""repo""#))
            #expect(server.requests.allSatisfy { $0.path.hasPrefix("/api/v4/projects/acme%2Fapi/") })
        }
    }
}
