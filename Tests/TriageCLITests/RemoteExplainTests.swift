import Foundation
import Testing
import TriageTestSupport

/// `triage explain` on an API source fetches the one issue it explains: no list walk.
struct RemoteExplainTests {
    static let rules = """
        rules:
          - name: open-bugs
            when: state == "open" and "bug" in labels
        """

    static func explain(_ arguments: [String], server: TestHTTPServer) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return try await Triage.run(["explain", "--rules", "rules.yaml", "--now", "2024-06-01"] + arguments, in: directory,
                                    environment: ["GITHUB_TOKEN": "ghp_EXPLAIN_0123", "GITLAB_TOKEN": "glpat-EXPLAIN-0123"])
    }

    static func startServer() async throws -> TestHTTPServer {
        let tracker = FakeIssueTracker(count: 120, pageSize: 25)
        return try await TestHTTPServer.start { request in tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")") }
    }

    @Test func gitHubExplainIsOneRequest() async throws {
        let server = try await Self.startServer()
        let output = try await Self.explain(["--source", "github:acme/app", "--api-url", server.baseURL, "--issue", "35"], server: server)
        let found = try await Self.explain(["--source", "github:acme/app", "--api-url", server.baseURL, "--issue", "121"], server: server)
        await server.stop()
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.hasPrefix("#35 Issue 35\nhttps://github.com/acme/app/issues/35\n"))
        #expect(output.stdout.contains("open-bugs [warning]: ✓ matches"))
        #expect(found.status == 3 && found.stdout.isEmpty)
        #expect(found.stderr == "error: github:acme/app has no issue #121\n")
        #expect(server.requests.map(\.path) == ["/repos/acme/app/issues/35", "/repos/acme/app/issues/121"])
    }

    @Test func gitLabExplainsAMergeRequestByItsNumber() async throws {
        let server = try await Self.startServer()
        let output = try await Self.explain(["--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4", "--issue", "30"],
                                            server: server)
        await server.stop()
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.hasPrefix("#30 Issue 30\nhttps://gitlab.com/acme/app/-/merge_requests/30\n"))
        #expect(server.requests.map(\.path) == ["/api/v4/projects/acme%2Fapp/issues/30", "/api/v4/projects/acme%2Fapp/merge_requests/30"])
    }
}
