import Foundation
import Testing
import TriageEngine
import TriageTestSupport

/// Organisation sources (SPEC §7) through the binary against a loopback organisation of fake
/// repositories: which repositories are walked (archived, forks, globs, user accounts, shards), a
/// failing repository reported while the others go on (exit 3), the bound on repositories in
/// flight, the output shapes with `repo` and their order whatever the concurrency, `explain` of
/// `owner/name#N`, and `apply` writing to the repository each issue came from.
struct OrganizationSourceTests {
    /// The same two rules as a single-repository source (one cheap, one lazy).
    static let rules = RemoteSourceTests.rules
    static let token = "ghp_ORGSECRET_0123456789abcdef"

    static func triage(_ arguments: [String], rules: String = rules,
                       environment: [String: String] = ["GITHUB_TOKEN": token]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return try await Triage.run(arguments, in: directory, timeout: 60, environment: environment)
    }

    static func serve(_ organization: FakeOrganization, latencyMilliseconds: Int = 0) async throws -> TestHTTPServer {
        try await TestHTTPServer.start(latencyMilliseconds: latencyMilliseconds) { request in
            organization.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
    }

    /// An organisation listed out of name order: two live repositories, one archived, one fork, one
    /// that answers 404 (deleted between listing and reading, or not visible to the token).
    static func mixedOrganization(pageSize: Int = 100) -> FakeOrganization {
        FakeOrganization(pageSize: pageSize, repositories: [
            ("web", 24, false, false, false, nil), ("old", 10, true, false, false, nil), ("api", 17, false, false, false, nil),
            ("fork-x", 10, false, true, false, nil), ("secret", 10, false, false, false, 404),
        ])
    }

    /// The jsonl lines the two rules give on `count` generated issues of `repo`, in issue then rule order.
    static func expectedLines(repo: String, count: Int) -> [String] {
        (1...count).flatMap { n -> [String] in
            let url = "https://github.com/\(repo)/\(n % 10 == 0 ? "pull" : "issues")/\(n)"
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

    static func repositoriesRead(_ server: TestHTTPServer) -> Set<String> {
        Set(server.requests.compactMap { request -> String? in
            let path = request.path.split(separator: "/")
            return path.count >= 4 && path[0] == "repos" && path[3] == "issues" ? String(path[2]) : nil
        })
    }

    @Test func walksLiveRepositoriesInNameOrderReportsTheFailingOneAndExits3() async throws {
        let server = try await Self.serve(Self.mixedOrganization())
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                                                "--now", "2024-06-01", "--format", "jsonl"])
            #expect(output.status == 3, "\(output)")
            #expect(output.stdoutLines == Self.expectedLines(repo: "acme/api", count: 17) + Self.expectedLines(repo: "acme/web", count: 24))
            #expect(output.stderr.contains("error: repository acme/secret skipped: repository acme/secret not found"), "\(output)")
            #expect(Self.repositoriesRead(server) == ["api", "web", "secret"])
            #expect(server.requests.filter { $0.path == "/orgs/acme/repos" }.count == 1)
            #expect(!output.stdout.contains(Self.token) && !output.stderr.contains(Self.token))
        }
    }

    @Test func includesArchivedRepositoriesAndForksWhenAsked() async throws {
        let server = try await Self.serve(Self.mixedOrganization())
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme/*", "--api-url", server.baseURL,
                                                "--now", "2024-06-01", "--format", "jsonl", "--include-archived", "--include-forks"])
            #expect(output.status == 3, "\(output)")
            #expect(Self.repositoriesRead(server) == ["api", "web", "secret", "old", "fork-x"])
            let expected = ["acme/api": 17, "acme/fork-x": 10, "acme/old": 10, "acme/web": 24].sorted { $0.key < $1.key }
                .flatMap { Self.expectedLines(repo: $0.key, count: $0.value) }
            #expect(output.stdoutLines == expected)
        }
    }

    @Test func outputIsByteIdenticalWhateverTheRepositoryConcurrency() async throws {
        let names = (1...9).map { "repo\(($0 * 7) % 9)" }
        let server = try await Self.serve(FakeOrganization(names: names, count: 23, pageSize: 5))
        try await server.serving {
            var outputs: [Data] = []
            for concurrency in ["1", "3", "9"] {
                let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                                                    "--now", "2024-06-01", "--format", "jsonl", "--repo-concurrency", concurrency])
                #expect(output.status == 1, "\(output)")
                outputs.append(output.stdoutData)
            }
            #expect(outputs.allSatisfy { $0 == outputs[0] })
            let expected = names.sorted().flatMap { Self.expectedLines(repo: "acme/\($0)", count: 23) }
            #expect(String(decoding: outputs[0], as: UTF8.self) == expected.map { $0 + "\n" }.joined())
        }
    }

    @Test func repositoriesInFlightStayWithinTheBound() async throws {
        // One list page per repository and no lazy data: requests in flight are repositories in flight.
        let server = try await Self.serve(FakeOrganization(names: (1...8).map { "r\($0)" }, count: 10), latencyMilliseconds: 5)
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:acme",
                                                "--api-url", server.baseURL, "--now", "2024-06-01", "--format", "jsonl", "--repo-concurrency", "2"])
            #expect(output.status == 1, "\(output)")
            #expect(server.requests.count == 1 + 8)
            #expect(server.maxInFlight <= 2)
        }
    }

    @Test func globSelectsRepositoriesByName() async throws {
        let server = try await Self.serve(FakeOrganization(names: ["api-core", "web", "api-edge", "API-Legacy", "apix"], count: 6))
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme/api-*", "--api-url", server.baseURL,
                                                "--now", "2024-06-01", "--format", "json"])
            #expect(output.status == 1, "\(output)")
            #expect(Self.repositoriesRead(server) == ["api-core", "api-edge", "API-Legacy"])
            #expect(output.stdout.contains(#""repo": "acme/api-core""#) && output.stdout.contains(#""repo": "acme/API-Legacy""#), "\(output)")
            #expect(output.stdout.contains(#""source": "github:acme/api-*""#) && output.stdout.contains(#""issues": 18,"#))
        }
    }

    @Test func textOutputNamesTheRepositoryOfEachMatch() async throws {
        let server = try await Self.serve(FakeOrganization(names: ["web", "api"], count: 6))
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:acme",
                                                "--api-url", server.baseURL, "--now", "2024-06-01"])
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines.filter { $0.hasPrefix("  acme/") } == ["  acme/api#5 Issue 5", "  acme/web#5 Issue 5"], "\(output)")
            let markdown = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:acme",
                                                  "--api-url", server.baseURL, "--now", "2024-06-01", "--format", "markdown"])
            #expect(markdown.stdout.contains("- [ ] [acme/api#5](https://github.com/acme/api/issues/5) Issue 5\n"), "\(markdown)")
        }
    }

    @Test func evaluationErrorsNameTheirRepository() async throws {
        let organization = FakeOrganization(names: ["web", "api"], count: 6)
        let server = try await TestHTTPServer.start { request in
            // Issue #3 of acme/api has a comment the API will not give.
            if request.path == "/repos/acme/api/issues/3/comments" { return TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#) }
            return organization.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        try await server.serving {
            let json = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                                              "--now", "2024-06-01", "--format", "json"])
            #expect(json.status == 3, "\(json)")
            #expect(json.stdout.contains(#""rule": "bot-last",\#n      "repo": "acme/api",\#n      "number": 3,"#), "\(json)")
            let jsonl = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                                               "--now", "2024-06-01", "--format", "jsonl"])
            #expect(jsonl.status == 3 && jsonl.stderr.contains("error: rule bot-last on acme/api#3: "), "\(jsonl)")
        }
    }

    @Test func aUserAccountListsItsOwnRepositoriesWithItsTokenAndPublicOnesOtherwise() async throws {
        let user = FakeOrganization(owner: FakeIssueTracker.login, isUser: true, repositories: [
            ("tools", 6, false, false, false, nil), ("diary", 6, false, false, true, nil),
        ])
        let server = try await Self.serve(user)
        try await server.serving {
            let own = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:\(FakeIssueTracker.login)",
                                             "--api-url", server.baseURL, "--now", "2024-06-01", "--format", "jsonl"])
            #expect(own.status == 1, "\(own)")
            #expect(Self.repositoriesRead(server) == ["tools", "diary"])
            #expect(server.requests.map(\.path).prefix(3) == ["/orgs/\(FakeIssueTracker.login)/repos", "/user", "/user/repos"])
        }
        let anonymous = try await Self.serve(user)
        try await anonymous.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:\(FakeIssueTracker.login)",
                                                "--api-url", anonymous.baseURL, "--now", "2024-06-01", "--format", "jsonl"], environment: [:])
            #expect(output.status == 1, "\(output)")
            #expect(Self.repositoriesRead(anonymous) == ["tools"])
            #expect(anonymous.requests.map(\.path).prefix(2) == ["/orgs/\(FakeIssueTracker.login)/repos", "/users/\(FakeIssueTracker.login)/repos"])
        }
    }

    @Test func explainSelectsOneIssueOfOneRepository() async throws {
        let server = try await Self.serve(FakeOrganization(names: ["web", "api"], count: 12))
        try await server.serving {
            let output = try await Self.triage(["explain", "--rules", "rules.yaml", "--source", "github:acme", "--issue", "acme/api#11",
                                                "--api-url", server.baseURL, "--now", "2024-06-01"])
            #expect(output.status == 0, "\(output)")
            #expect(server.requests.map(\.path) == ["/repos/acme/api/issues/11", "/repos/acme/api/issues/11/comments"])
            #expect(output.stdout.hasPrefix("acme/api#11 "), "\(output)")
            let json = try await Self.triage(["explain", "--rules", "rules.yaml", "--source", "github:acme", "--issue", "acme/api#11",
                                              "--api-url", server.baseURL, "--now", "2024-06-01", "--format", "json"])
            #expect(json.stdout.contains(#""repo" : "acme/api""#) || json.stdout.contains(#""repo": "acme/api""#), "\(json)")
            let bare = try await Self.triage(["explain", "--rules", "rules.yaml", "--source", "github:acme", "--issue", "11",
                                              "--api-url", server.baseURL, "--now", "2024-06-01"])
            #expect(bare.status == 2 && bare.stderr.contains("--issue OWNER/NAME#11"), "\(bare)")
        }
    }

    @Test func applyWritesToTheRepositoryEachIssueCameFrom() async throws {
        let rules = """
            rules:
              - name: triage-bugs
                when: >-
                  state == "open" and "bug" in labels
                actions:
                  - label: needs-triage
            """
        let organization = FakeOrganization(names: ["web", "api"], count: 12)
        let server = try await Self.serve(organization)
        try await server.serving {
            let output = try await Self.triage(["apply", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL,
                                                "--now", "2024-06-01", "--yes", "--write-interval", "0"], rules: rules)
            #expect(output.status == 0, "\(output)")
            // Grouped by issue, and the same number in two repositories is two issues.
            #expect(output.stdoutLines.filter { $0.hasPrefix("acme/") } == ["acme/api#5 Issue 5", "acme/api#10 Issue 10", "acme/web#5 Issue 5", "acme/web#10 Issue 10"],
                    "\(output)")
            for name in ["web", "api"] {
                // Writes run concurrently: their order is not the plan's.
                let writes = Set(try #require(organization.repository(name)).tracker.writes.map(\.description))
                #expect(writes == Set([5, 10].map { #"POST /repos/acme/\#(name)/issues/\#($0)/labels {"labels":["needs-triage"]}"# }), "\(output)")
            }
        }
    }

    @Test func shardsPartitionTheRepositories() async throws {
        let names = (1...12).map { "service-\($0)" }
        let server = try await Self.serve(FakeOrganization(names: names, count: 5))
        try await server.serving {
            var covered: [Set<String>] = []
            for index in 1...3 {
                let before = server.requests.count
                let output = try await Self.triage(["check", "--rules", "rules.yaml", "--rule", "open-bugs", "--source", "github:acme",
                                                    "--api-url", server.baseURL, "--now", "2024-06-01", "--format", "jsonl",
                                                    "--shard", "\(index)/3", "--fail-on", "none"])
                #expect(output.status == 0, "\(output)")
                let read = Set(server.requests.dropFirst(before).compactMap { request -> String? in
                    let path = request.path.split(separator: "/")
                    return path.count >= 4 && path[0] == "repos" ? String(path[2]) : nil
                })
                #expect(read == Set(names.filter { Shard(index: index, count: 3)!.contains(repository: "acme/\($0)") }))
                covered.append(read)
            }
            #expect(covered.reduce(Set<String>()) { $0.union($1) } == Set(names))
            #expect(covered[0].isDisjoint(with: covered[1]) && covered[0].isDisjoint(with: covered[2]) && covered[1].isDisjoint(with: covered[2]))
        }
    }

    @Test(arguments: [["--shard", "1/2", "--source", "github:acme/app"], ["--shard", "0/3", "--source", "github:acme"],
                      ["--shard", "4/3", "--source", "github:acme"], ["--shard", "x", "--source", "github:acme"],
                      ["--repo-concurrency", "0", "--source", "github:acme"]])
    func shardsNeedAnOrganisationAndAValidIOverN(_ arguments: [String]) async throws {
        let server = try await Self.serve(FakeOrganization(names: ["app"], count: 5))
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--api-url", server.baseURL, "--now", "2024-06-01"] + arguments)
            #expect(output.status == 2, "\(output)")
            #expect(server.requests.isEmpty)
        }
    }
}
