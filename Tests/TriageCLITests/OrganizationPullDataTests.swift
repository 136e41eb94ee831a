import Foundation
import Testing
import TriageTestSupport

/// SPEC §8's lazy fields through organisation and group sources (SPEC §7): each lazy request goes
/// to the repository the issue came from, only for the issues whose cheaper conjuncts passed, once
/// each, and never to a repository the source skips (archived).
struct OrganizationPullDataTests {
    static let rules = """
        rules:
          - name: ready
            severity: error
            when: >-
              kind == "pull_request" and state == "open" and review_state == "approved" and checks == "success"
          - name: bug-with-open-pr
            severity: error
            when: >-
              kind == "issue" and state == "open" and "bug" in labels and any(linked_prs, p => p.state == "open")
        """

    /// Two live repositories listed out of name order and an archived one. In each live one, the
    /// open bug 5 is cross-referenced by the open pull request 10, which is approved with checks
    /// passing; `web` also has the open pull request 20, approved with checks still pending.
    static let organization = FakeOrganization(repositories: [
        ("web", 24, false, false, false, nil), ("old", 24, true, false, false, nil), ("api", 17, false, false, false, nil),
    ])

    static func line(_ rule: String, _ repo: String, _ number: Int, url: String) -> String {
        #"{"rule":"\#(rule)","severity":"error","repo":"\#(repo)","number":\#(number),"title":"Issue \#(number)","url":"\#(url)"}"#
    }

    @Test func gitHubOrganizationRoutesLazyRequestsToEachIssuesRepository() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                 "--now", "2024-06-01", "--format", "jsonl"], rules: Self.rules)
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines == ["api", "web"].flatMap { name in [
                Self.line("bug-with-open-pr", "acme/\(name)", 5, url: "https://github.com/acme/\(name)/issues/5"),
                Self.line("ready", "acme/\(name)", 10, url: "https://github.com/acme/\(name)/pull/10"),
            ] })
            let lazy = server.requests.map(\.path).filter { $0 != "/orgs/acme/repos" && !$0.hasSuffix("/issues") }.sorted()
            var expected: [String] = []
            for (name, pulls) in [("api", [10]), ("web", [10, 20])] {
                let repo = "/repos/acme/\(name)"
                expected.append("\(repo)/issues/5/timeline")
                for n in pulls {
                    expected += ["\(repo)/pulls/\(n)/reviews", "\(repo)/pulls/\(n)", "\(repo)/commits/sha\(n)/status", "\(repo)/commits/sha\(n)/check-runs"]
                }
            }
            #expect(lazy == expected.sorted())
        }
    }

    @Test func gitLabGroupRoutesLazyRequestsToEachIssuesProject() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        try await server.serving {
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl"], rules: Self.rules, environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines == ["api", "web"].flatMap { name in [
                Self.line("bug-with-open-pr", "acme/\(name)", 5, url: "https://gitlab.com/acme/\(name)/-/issues/5"),
                Self.line("ready", "acme/\(name)", 10, url: "https://gitlab.com/acme/\(name)/-/merge_requests/10"),
            ] })
            let lists: Set = ["/api/v4/groups/acme/issues", "/api/v4/groups/acme/merge_requests"]
            let lazy = server.requests.map(\.path).filter { !lists.contains($0) }.sorted()
            var expected: [String] = []
            // On GitLab `checks` is one request (the merge request) and `review_state` two
            // (approvals, reviewers), so checks run first: pull 20, whose checks are pending, is
            // never asked for its reviews.
            for (name, pulls) in [("api", [10]), ("web", [10])] {
                let project = "/api/v4/projects/acme%2F\(name)"
                expected.append("\(project)/issues/5/related_merge_requests")
                for n in pulls {
                    expected += ["\(project)/merge_requests/\(n)/approvals", "\(project)/merge_requests/\(n)/reviewers", "\(project)/merge_requests/\(n)"]
                }
            }
            expected.append("/api/v4/projects/acme%2Fweb/merge_requests/20")
            #expect(lazy == expected.sorted())
        }
    }

    /// Behind the cache (the group lists as one source, `GitLabGroupListing`) pull data still goes to
    /// each issue's own project: a cold cached run answers as `--no-cache` with the same requests
    /// beyond the group lists, and a warm one answers the same and asks only those projects.
    @Test func aCachedGitLabGroupRoutesLazyRequestsToEachIssuesProject() async throws {
        let server = try await OrganizationSourceTests.serve(Self.organization)
        let directory = NSTemporaryDirectory() + "triage-group-pull-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let lists: Set = ["/api/v4/groups/acme/issues", "/api/v4/groups/acme/merge_requests"]
        func check(_ cache: [String]) async throws -> (Triage.Output, [String]) {
            let before = server.requests.count
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl"] + cache, rules: Self.rules, environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
            return (output, server.requests.dropFirst(before).map(\.path).filter { !lists.contains($0) }.sorted())
        }
        try await server.serving {
            let (uncached, uncachedLazy) = try await check(["--no-cache"])
            let (cold, coldLazy) = try await check(["--cache", directory])
            #expect(cold.status == 1 && cold.stdout == uncached.stdout && cold.stderr == uncached.stderr, "\(cold) vs \(uncached)")
            #expect(coldLazy == uncachedLazy, "\(coldLazy)")
            let (warm, warmLazy) = try await check(["--cache", directory])
            #expect(warm.status == 1 && warm.stdout == uncached.stdout, "\(warm)")
            #expect(warmLazy.allSatisfy { $0.hasPrefix("/api/v4/projects/acme%2Fapi/") || $0.hasPrefix("/api/v4/projects/acme%2Fweb/") }, "\(warmLazy)")
        }
    }

    /// A 404 on one project's notes behind the cached group fails that item only, with the same
    /// stderr (the resource names the project) and status as `--no-cache`; the other project's
    /// same number is still read.
    @Test func aCachedGroupsNotFoundNotesFailThatItemOnlyAsUncached() async throws {
        let organization = GroupCacheTests.organization()
        let failing = "/api/v4/projects/acme%2Fapi/issues/3/notes"
        let server = try await TestHTTPServer.start { request in
            request.path == failing ? TestHTTPResponse(status: 404, json: #"{"message":"404 Not found"}"#)
                : organization.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let directory = NSTemporaryDirectory() + "triage-group-404-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let rules = """
            rules:
              - name: bot-last
                when: last_comment != null and last_comment.bot
            """
        func check(_ cache: [String]) async throws -> Triage.Output {
            try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none"] + cache,
                rules: rules, environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
        }
        try await server.serving {
            let uncached = try await check(["--no-cache"])
            #expect(uncached.stderr.contains("acme/api") && uncached.stderr.contains("3"), "\(uncached)")
            for run in 0..<2 {
                let cached = try await check(["--cache", directory])
                #expect(cached.stdout == uncached.stdout && cached.stderr == uncached.stderr && cached.status == uncached.status,
                        "run \(run): \(cached) vs \(uncached)")
            }
            #expect(server.requests.contains { $0.path == "/api/v4/projects/acme%2Fweb/issues/3/notes" })
        }
    }
}
