import Foundation
import Testing
import TriageTestSupport

/// A token never reaches any channel a run writes to (issue 13, item 6): stdout and stderr of
/// check, explain, apply and lint in every format, the `--verbose` request trace, SARIF, and the CI
/// job summary file. The fake echoes the credential in an error body, as some servers do, so the
/// scrubbing of server messages is exercised, not only the header redaction.
struct SecretChannelsTests {
    static let token = "ghp_PLANTEDSECRET_7c1f0e9a2b4d6e8f"
    static let gitLabToken = "glpat-PLANTEDSECRET-3a5c7e9b1d"
    static let rules = """
        rules:
          - name: welcome
            when: state == "open"
            actions:
              - label: triaged
              - comment: "Thanks, @{{ author }}: a maintainer will look."
        """

    /// Every output a run made: stdout, stderr and the job summary file.
    struct Channels {
        var named: [(String, String)] = []
        mutating func add(_ name: String, _ output: Triage.Output) {
            named += [("\(name) stdout", output.stdout), ("\(name) stderr", output.stderr)]
        }
    }

    @Test func aPlantedTokenShowsNowhere() async throws {
        let tracker = FakeIssueTracker(count: 12, pageSize: 5)
        let server = try await TestHTTPServer.start { request in
            if request.method == "POST", request.path.hasSuffix("/issues/5/comments") || request.path.hasSuffix("/issues/5/notes") {
                // A server that quotes the credential back in its error message.
                let credential = request.header("authorization") ?? request.header("private-token") ?? ""
                return TestHTTPResponse(status: 422, json: #"{"message":"Validation Failed for \#(credential)"}"#)
            }
            return tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let summary = directory.appendingPathComponent("summary.md")
        let github = ["--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01"]
        let gitlab = ["--rules", "rules.yaml", "--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4", "--now", "2024-06-01"]
        var channels = Channels()
        try await server.serving {
            for (variable, value, source) in [("GITHUB_TOKEN", Self.token, github), ("GH_TOKEN", Self.token, github),
                                              ("GITLAB_TOKEN", Self.gitLabToken, gitlab)] {
                let environment = [variable: value, "GITHUB_STEP_SUMMARY": summary.path]
                func run(_ name: String, _ arguments: [String]) async throws -> Triage.Output {
                    let output = try await Triage.run(arguments, in: directory, environment: environment)
                    channels.add("\(variable) \(name)", output)
                    return output
                }
                for format in ["text", "json", "jsonl", "markdown"] {
                    _ = try await run("check \(format)", ["check"] + source + ["--verbose", "--format", format])
                }
                _ = try await run("explain", ["explain"] + source + ["--issue", "5", "--verbose"])
                for format in ["text", "json", "markdown"] {
                    _ = try await run("apply dry run \(format)", ["apply"] + source + ["--verbose", "--format", format, "--write-interval", "0"])
                }
                let applied = try await run("apply --yes", ["apply"] + source + ["--yes", "--verbose", "--format", "json", "--write-interval", "0"])
                // The echoing failure happened and was reported, scrubbed.
                #expect(applied.status == 3, "\(applied)")
                #expect(applied.stdout.contains("Validation Failed for"), "\(applied)")
                #expect(applied.stderr.contains("[redacted]"), "the trace shows the credential header, redacted")
                _ = try await run("apply --yes markdown", ["apply"] + source + ["--yes", "--format", "markdown", "--write-interval", "0"])
                _ = try await run("lint sarif", ["lint", "--format", "sarif", "rules.yaml"])
            }
        }
        channels.named.append(("job summary", try String(contentsOf: summary, encoding: .utf8)))
        // Eleven runs per token variable, two streams each, and the summary file.
        #expect(channels.named.count == 3 * 2 * 11 + 1)
        #expect(channels.named.contains { $0.0.hasSuffix("lint sarif stdout") && $0.1.contains("\"$schema\"") })
        #expect(channels.named.contains { $0.0 == "job summary" && $0.1.contains("## triage apply") })
        for (name, text) in channels.named {
            for secret in [Self.token, Self.gitLabToken, "PLANTEDSECRET"] {
                #expect(!text.contains(secret), "\(name) shows \(secret)")
            }
        }
    }
}
