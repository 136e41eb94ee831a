import Foundation
import Testing
import TriageTestSupport

/// `triage check` against GitHub- and GitLab-shaped loopback servers (`--api-url`): the summary
/// counts API calls, a failing source exits 3 with a message, and the token never shows.
struct RemoteSourceTests {
    static let rules = """
        rules:
          - name: open-bugs
            severity: error
            when: >-
              state == "open" and "bug" in labels
          - name: bot-last
            severity: warning
            when: last_comment != null and last_comment.bot
        """

    /// Runs `triage ARGUMENTS` off the cooperative pool, so the in-process server keeps answering.
    static func triage(_ arguments: [String], environment: [String: String] = [:]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        // The harness runs the process on a thread of its own, so awaiting it holds no pool thread.
        return try await Triage.run(arguments, in: directory, timeout: 60, environment: environment)
    }

    static func startServer(count: Int = 120, pageSize: Int = 25,
                            scenario: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse? = { _ in nil }) async throws -> TestHTTPServer {
        let tracker = FakeIssueTracker(count: count, pageSize: pageSize)
        return try await TestHTTPServer.start { request in
            scenario(request) ?? tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
    }

    @Test func checksAGitHubSourceCountsAPICallsAndNeverPrintsTheToken() async throws {
        let token = "ghp_CLISECRET_0123456789abcdefXYZ"
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(
                ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01",
                 "--format", "text", "--verbose"],
                environment: ["GITHUB_TOKEN": token])
            #expect(output.status == 1, "\(output)")
            let listCalls = server.requests.filter { $0.path.hasSuffix("/issues") }.count
            let commentCalls = server.requests.filter { $0.path.hasSuffix("/comments") }.count
            #expect(listCalls == 5 && commentCalls == (1...120).filter { $0 % 4 != 0 }.count)
            #expect(output.stdout.contains(", \(listCalls + commentCalls) API calls, "), "\(output)")
            #expect(output.stdout.contains("#35 Issue 35") || output.stdout.contains("#35"))
            #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(token)" })
            #expect(output.stderr.contains("trace: → GET http://127.0.0.1:\(server.port)/repos/acme/app/issues?"))
            #expect(output.stderr.contains("Authorization: [redacted]"))
            #expect(!output.stdout.contains(token) && !output.stderr.contains(token))
        }
    }

    @Test func checksAGitLabSourceByWebURLWithProvider() async throws {
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(
                ["check", "--rules", "rules.yaml", "--source", "https://git.example.test/acme/app", "--provider", "gitlab",
                 "--api-url", "\(server.baseURL)/api/v4", "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none"],
                environment: ["GITLAB_TOKEN": "glpat-CLISECRET-987654"])
            #expect(output.status == 0, "\(output)")
            #expect(output.stdout.contains(#""rule":"open-bugs""#) || output.stdout.contains(#""rule": "open-bugs""#), "\(output)")
            #expect(server.requests.allSatisfy { $0.header("private-token") == "glpat-CLISECRET-987654" })
            #expect(!output.stdout.contains("CLISECRET") && !output.stderr.contains("CLISECRET"))
        }
    }

    @Test func aMalformedPageExits3WithAClearMessage() async throws {
        let server = try await Self.startServer { request in
            request.query["page"] == "3" ? TestHTTPResponse(json: #"[{"number": 51, "#) : nil
        }
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                                                "--now", "2024-06-01"], environment: ["GH_TOKEN": "ghp_CLISECRET_malformed"])
            #expect(output.status == 3, "\(output)")
            #expect(output.stderr.contains("error: malformed JSON from GitHub in http://127.0.0.1:\(server.port)/repositories/42/issues?"), "\(output)")
            #expect(!output.stderr.contains("CLISECRET"))
        }
    }

    @Test func aMissingRepositoryExits3WithAMessageAPersonUnderstands() async throws {
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme/nope", "--api-url", server.baseURL,
                                                "--now", "2024-06-01"], environment: ["GITHUB_TOKEN": "ghp_CLISECRET_404"])
            #expect(output.status == 3, "\(output)")
            #expect(output.stderr == "error: repository acme/nope not found or not visible with this token\n", "\(output)")
        }
    }

    @Test func aRateLimitBeyondMaxWaitExits3AndSaysWhenItResets() async throws {
        let server = try await Self.startServer { _ in
            TestHTTPResponse(status: 403, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "4102444800")],
                             json: #"{"message":"API rate limit exceeded"}"#)
        }
        try await server.serving {
            let output = try await Self.triage(["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                                                "--now", "2024-06-01", "--max-wait", "5"])
            #expect(output.status == 3, "\(output)")
            #expect(output.stderr.contains("rate limit is exhausted; it resets at 2100-01-01T00:00:00"), "\(output)")
            #expect(output.stderr.contains("--max-wait 5s"))
        }
    }
}
