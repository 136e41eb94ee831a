import Foundation
import Testing
import TriageTestSupport

/// Organisation sources use the cache repository by repository, like a single-repository source
/// (SPEC §7), asserted on the fake's request log: a second run over an unchanged organisation costs
/// the repository list and one incremental list per repository, and no lazy request.
struct OrganizationCacheTests {
    static let rules = """
        rules:
          - name: bot-last
            when: last_comment != null and last_comment.bot
        """

    struct Run {
        var output: Triage.Output
        var requests: [TestHTTPRequest]

        var repositoryLists: Int { requests.filter { $0.path == "/orgs/acme/repos" }.count }
        /// Every issue list page (later pages follow `Link` to `/repositories/{id}/issues`).
        var listPages: Int { requests.filter { $0.path.hasSuffix("/issues") }.count }
        /// First issue list pages per repository name.
        var issueLists: [String: Int] {
            requests.reduce(into: [:]) { counts, request in
                let path = request.path.split(separator: "/")
                if path.count == 4, path[0] == "repos", path[3] == "issues" { counts[String(path[2]), default: 0] += 1 }
            }
        }
        /// Lazy-data requests (`…/issues/N/comments`), as `name#N`.
        var lazy: [String] {
            requests.compactMap { request in
                let path = request.path.split(separator: "/")
                return path.count == 6 && path[5] == "comments" ? "\(path[2])#\(path[4])" : nil
            }
        }
    }

    func check(_ server: TestHTTPServer, cache: [String]) async throws -> Run {
        let before = server.requests.count
        let output = try await OrganizationSourceTests.triage(
            ["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
             "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none"] + cache, rules: Self.rules)
        return Run(output: output, requests: Array(server.requests.dropFirst(before)))
    }

    @Test func aSecondRunCostsTheRepositoryListAndOneListPerRepository() async throws {
        let organization = FakeOrganization(names: ["web", "api", "docs"], count: 30, pageSize: 10)
        let server = try await OrganizationSourceTests.serve(organization)
        let directory = NSTemporaryDirectory() + "triage-org-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let cache = ["--cache", directory]
        try await server.serving {
            let uncached = try await check(server, cache: ["--no-cache"])
            #expect(uncached.output.status == 0 && !uncached.output.stdout.isEmpty, "\(uncached.output)")

            let cold = try await check(server, cache: cache)
            #expect(cold.output.stdout == uncached.output.stdout && cold.output.status == 0, "\(cold.output)")
            #expect(cold.repositoryLists == 1 && cold.issueLists == ["api": 1, "docs": 1, "web": 1] && cold.listPages == 9)
            let withComments = (1...30).filter { $0 % 4 != 0 }.count
            #expect(cold.lazy.count == 3 * withComments)

            let warm = try await check(server, cache: cache)
            #expect(warm.output.stdout == uncached.output.stdout && warm.output.status == 0, "\(warm.output)")
            #expect(warm.repositoryLists == 1 && warm.issueLists == ["api": 1, "docs": 1, "web": 1] && warm.listPages == 3, "\(warm.requests.map(\.uri))")
            #expect(warm.lazy.isEmpty)
            #expect(warm.requests.count == 4)

            // Two issues change in one repository: its list names them, and only they are read again.
            let api = try #require(organization.repository("api")).tracker
            api.edit(3)
            api.edit(7)
            let changed = try await check(server, cache: cache)
            #expect(changed.repositoryLists == 1 && changed.issueLists == ["api": 1, "docs": 1, "web": 1] && changed.listPages == 3)
            #expect(changed.lazy.sorted() == ["api#3", "api#7"], "\(changed.lazy)")
            let fresh = try await check(server, cache: ["--no-cache"])
            #expect(changed.output.stdout == fresh.output.stdout)
        }
    }

    /// A full re-list of every member repository (`--cache-max-age 0s`) revalidates each page its
    /// last full list stored, including the later pages GitHub links as `/repositories/{id}/issues`,
    /// and a deletion in one repository is read afresh there alone.
    @Test func aFullRelistRevalidatesEveryMembersStoredPages() async throws {
        let organization = FakeOrganization(names: ["web", "api", "docs"], count: 30, pageSize: 10)
        let server = try await OrganizationSourceTests.serve(organization)
        let directory = NSTemporaryDirectory() + "triage-org-relist-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let relist = ["--cache", directory, "--cache-max-age", "0s"]
        try await server.serving {
            _ = try await check(server, cache: relist)
            // Each repository's third page is exactly full: the first re-list asks the page after
            // it unconditionally (empty), the next one revalidates that empty page too.
            let spilled = try await check(server, cache: relist)
            let probes = spilled.requests.filter { $0.path.hasSuffix("/issues") && $0.header("if-none-match") == nil }
            #expect(spilled.listPages == 12 && probes.count == 3 && probes.allSatisfy { $0.query["page"] == "4" }, "\(spilled.requests.map(\.uri))")
            let unchanged = try await check(server, cache: relist)
            let pages = unchanged.requests.filter { $0.path.hasSuffix("/issues") }
            #expect(pages.count == 12 && pages.allSatisfy { $0.header("if-none-match") != nil }, "\(unchanged.requests.map(\.uri))")
            #expect(pages.contains { $0.path.hasPrefix("/repositories/") } && unchanged.lazy.isEmpty)
            let uncached = try await check(server, cache: ["--no-cache"])
            #expect(unchanged.output.stdout == uncached.output.stdout)

            try #require(organization.repository("api")).tracker.delete(5)
            let shifted = try await check(server, cache: relist)
            let fresh = try await check(server, cache: ["--no-cache"])
            #expect(shifted.output.stdout == fresh.output.stdout)
        }
    }

    /// A GitLab group's two lists are cached as one source (`GroupCacheTests` goes further): an
    /// unchanged group costs those two listings and no notes; with `--shard` it is cached project by
    /// project like an organisation.
    @Test func aGitLabGroupReusesEachProjectsLazyDataAndAShardIsCachedWhole() async throws {
        let server = try await OrganizationSourceTests.serve(GroupSourceTests.organization)
        let directory = NSTemporaryDirectory() + "triage-group-cache-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try await server.serving {
            func check(_ extra: [String]) async throws -> (Triage.Output, [TestHTTPRequest]) {
                let before = server.requests.count
                let output = try await OrganizationSourceTests.triage(
                    ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                     "--now", "2024-06-01", "--format", "jsonl", "--cache", directory] + extra,
                    environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
                return (output, Array(server.requests.dropFirst(before)))
            }
            let expected = GroupSourceTests.expectedLines(repo: "acme/api", count: 17) + GroupSourceTests.expectedLines(repo: "acme/web", count: 24)
            let (cold, coldRequests) = try await check([])
            #expect(cold.stdoutLines == expected, "\(cold)")
            #expect(coldRequests.contains { $0.path.hasSuffix("/notes") })
            let (warm, warmRequests) = try await check([])
            #expect(warm.stdoutLines == expected, "\(warm)")
            #expect(warmRequests.count == 2 && Set(warmRequests.map(\.path)) == ["/api/v4/groups/acme/issues", "/api/v4/groups/acme/merge_requests"],
                    "\(warmRequests.map(\.uri))")

            let (_, shardCold) = try await check(["--shard", "1/1"])
            #expect(shardCold.first?.path == "/api/v4/groups/acme/projects")
            let (shardWarm, shardRequests) = try await check(["--shard", "1/1"])
            #expect(shardWarm.stdoutLines == expected, "\(shardWarm)")
            // The project list, then one issue and one merge-request list per live project.
            #expect(shardRequests.count == 5 && !shardRequests.contains { $0.path.hasSuffix("/notes") }, "\(shardRequests.map(\.uri))")
        }
    }
}
