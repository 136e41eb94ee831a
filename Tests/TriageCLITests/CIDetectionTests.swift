import Foundation
import Testing
import TriageTestSupport

/// CI detection through the binary (SPEC §6): inside GitHub Actions or GitLab CI, with no
/// `--source` and no `source:`, the job's own repository is read through the API the CI names —
/// here the loopback fake, named by `GITHUB_API_URL` / `CI_API_V4_URL` — and stderr says so.
struct CIDetectionTests {
    static let rules = """
        rules:
          - name: open-bugs
            when: >-
              state == "open" and "bug" in labels
        """

    static func triage(_ arguments: [String], rules: String = rules, environment: [String: String]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let tracker = FakeIssueTracker(count: 12)
        try tracker.gitHubFile.write(to: directory.appendingPathComponent("issues.json"), atomically: true, encoding: .utf8)
        return try await Triage.run(arguments, in: directory, timeout: 60, environment: environment)
    }

    static func startServer() async throws -> TestHTTPServer {
        let tracker = FakeIssueTracker(count: 12)
        return try await TestHTTPServer.start { request in tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")") }
    }

    static let check = ["check", "--rules", "rules.yaml", "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none"]

    /// The open bugs of a 12-issue fake: #5 and #10 (#10 a pull request), in source order.
    static let matches = [5, 10]

    static func numbers(_ output: Triage.Output) -> [Int] {
        output.stdoutLines.compactMap { $0.firstMatch(of: /"number": ?(\d+)/).map { Int($0.output.1)! } }
    }

    @Test func gitHubActionsReadsTheWorkflowsRepositoryThroughItsAPI() async throws {
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(Self.check, environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": server.baseURL,
            ])
            #expect(output.status == 0, "\(output)")
            #expect(output.stderrLines.contains("source: github:acme/app (detected from GitHub Actions)"), "\(output)")
            #expect(Self.numbers(output) == Self.matches, "\(output)")
            #expect(server.requests.contains { $0.path == "/repos/acme/app/issues" })
        }
    }

    @Test func gitLabCIReadsThePipelinesProjectThroughItsAPI() async throws {
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(Self.check, environment: [
                "GITLAB_CI": "true", "CI_PROJECT_PATH": "acme/app", "CI_API_V4_URL": "\(server.baseURL)/api/v4",
            ])
            #expect(output.status == 0, "\(output)")
            #expect(output.stderrLines.contains("source: gitlab:acme/app (detected from GitLab CI)"), "\(output)")
            #expect(Set(Self.numbers(output)) == Set(Self.matches), "\(output)")
            #expect(server.requests.contains { $0.path == "/api/v4/projects/acme%2Fapp/issues" })
        }
    }

    /// `--api-url` wins over the API the CI names (which here answers nothing).
    @Test func apiURLWinsOverTheDetectedAPI() async throws {
        let server = try await Self.startServer()
        try await server.serving {
            let output = try await Self.triage(Self.check + ["--api-url", server.baseURL], environment: [
                "GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": "http://127.0.0.1:9",
            ])
            #expect(output.status == 0, "\(output)")
            #expect(Self.numbers(output) == Self.matches, "\(output)")
            #expect(!output.stderr.contains("127.0.0.1:9"))
        }
    }

    static let insideGitHubActions = ["GITHUB_ACTIONS": "true", "GITHUB_REPOSITORY": "acme/app", "GITHUB_API_URL": "http://127.0.0.1:9"]

    @Test func sourceWinsOverDetection() async throws {
        let output = try await Self.triage(Self.check + ["--source", "file:issues.json"], environment: Self.insideGitHubActions)
        #expect(output.status == 0, "\(output)")
        #expect(output.stderr == "", "\(output)")
        #expect(Self.numbers(output) == Self.matches, "\(output)")
    }

    @Test func theRuleFilesSourceWinsOverDetection() async throws {
        let output = try await Self.triage(Self.check, rules: "source: file:issues.json\n" + Self.rules, environment: Self.insideGitHubActions)
        #expect(output.status == 0, "\(output)")
        #expect(output.stderr == "", "\(output)")
        #expect(Self.numbers(output) == Self.matches, "\(output)")
    }

    static let noSource = "error: no source: pass --source (e.g. --source file:issues.jsonl) or set `source:` in a rule file (in GitHub Actions or GitLab CI the job's own repository is the default)\n"

    @Test(arguments: [
        [:],
        ["GITHUB_ACTIONS": "true"],
        ["GITHUB_REPOSITORY": "acme/app", "CI_PROJECT_PATH": "acme/app"],
        ["GITLAB_CI": "true", "CI_PROJECT_PATH": ""],
    ])
    func withoutCIOrSourceItIsAUsageError(_ environment: [String: String]) async throws {
        let output = try await Self.triage(Self.check, environment: environment)
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
        #expect(output.stderr == Self.noSource, "\(output)")
    }
}
