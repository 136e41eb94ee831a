import Foundation
import Testing
import TriageTestSupport

/// `GITHUB_STEP_SUMMARY` (SPEC §6): `check` and `apply` append Markdown to the file it names —
/// never overwriting what earlier steps wrote — capped with "… and N more"; `apply --format
/// markdown` prints the same text; the token never shows.
struct JobSummaryCLITests {
    static let rules = """
        rules:
          - name: everything
            severity: info
            when: number > 0
          - name: open-bugs
            when: >-
              state == "open" and "bug" in labels
        """

    /// A working directory with the rules and `count` issues as a GitHub-shaped file.
    static func directory(count: Int) throws -> URL {
        let directory = try makeTemporaryDirectory()
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try FakeIssueTracker(count: count).gitHubFile.write(to: directory.appendingPathComponent("issues.json"), atomically: true, encoding: .utf8)
        try "## earlier step\n".write(to: directory.appendingPathComponent("summary.md"), atomically: true, encoding: .utf8)
        return directory
    }

    static func summary(in directory: URL) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("summary.md"), encoding: .utf8)
    }

    static let check = ["check", "--rules", "rules.yaml", "--source", "file:issues.json", "--now", "2024-06-01", "--fail-on", "none"]

    @Test func checkAppendsEachRulesMatchesAsLinks() async throws {
        let directory = try Self.directory(count: 12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("summary.md").path]
        let output = try await Triage.run(Self.check, in: directory, environment: environment)
        #expect(output.status == 0, "\(output)")
        let summary = try Self.summary(in: directory)
        #expect(summary.hasPrefix("## earlier step\n\n## triage check\n\n`file:issues.json` at 2024-06-01T00:00:00Z: 12 issues read, 14 matches.\n"), "\(summary)")
        #expect(summary.contains("| `everything` | info | 12 |\n| `open-bugs` | warning | 2 |\n"))
        #expect(summary.contains("### `open-bugs`\n\n- [#5](https://github.com/acme/app/issues/5) Issue 5\n- [#10](https://github.com/acme/app/pull/10) Issue 10\n"), "\(summary)")
        // The run's own output is unchanged by the summary (jsonl: text has the elapsed time).
        let plain = try await Triage.run(Self.check + ["--format", "jsonl"], in: directory)
        let withSummary = try await Triage.run(Self.check + ["--format", "jsonl"], in: directory,
                                               environment: ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("other.md").path])
        #expect(plain.stdout == withSummary.stdout && plain.stderr == withSummary.stderr && plain.stdoutLines.count == 14)
        #expect(try String(contentsOf: directory.appendingPathComponent("other.md"), encoding: .utf8).contains("## triage check"))

        let again = try await Triage.run(Self.check, in: directory, environment: environment)
        #expect(again.status == 0)
        let twice = try Self.summary(in: directory)
        #expect(twice == summary + summary.dropFirst("## earlier step\n".count))
    }

    @Test func aRunWithManyMatchesIsCapped() async throws {
        let directory = try Self.directory(count: 250)
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try await Triage.run(Self.check, in: directory,
                                          environment: ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("summary.md").path])
        #expect(output.status == 0, "\(output)")
        let summary = try Self.summary(in: directory)
        let everything = try #require(summary.firstRange(of: "### `everything`\n\n").map { summary[$0.upperBound...] })
        let items = everything.split(separator: "\n").prefix { $0.hasPrefix("- ") }
        #expect(items.count == 101)
        #expect(items.last == "- … and 150 more", "\(summary)")
        #expect(summary.utf8.count < 64 * 1024)
    }

    @Test func aSummaryFileThatCannotBeWrittenIsOnlyAWarning() async throws {
        let directory = try Self.directory(count: 12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("no-such-directory/summary.md").path
        let output = try await Triage.run(Self.check, in: directory, environment: ["GITHUB_STEP_SUMMARY": path])
        #expect(output.status == 0, "\(output)")
        #expect(output.stderrLines.first?.hasPrefix("warning: cannot write the job summary to \(path) (GITHUB_STEP_SUMMARY): ") == true, "\(output)")
    }

    #if os(Linux)
    /// A summary file that fills up mid-way (`/dev/full`: every write fails with ENOSPC) is a
    /// warning naming the reason; the run's output and exit status are those of a run without it.
    @Test func aSummaryFileThatFillsUpIsOnlyAWarning() async throws {
        let directory = try Self.directory(count: 12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = Self.check.dropLast(2) + ["--fail-on", "warning", "--format", "jsonl"]
        let plain = try await Triage.run(Array(check), in: directory)
        let full = try await Triage.run(Array(check), in: directory, environment: ["GITHUB_STEP_SUMMARY": "/dev/full"])
        #expect(plain.status == 1 && full.status == plain.status && full.stdout == plain.stdout, "\(full)")
        #expect(full.stderr == plain.stderr + "warning: the job summary in /dev/full is incomplete: \(String(cString: strerror(ENOSPC)))\n", "\(full)")
    }
    #endif

    /// 36 issues and a budget of 5 writes: the summary counts done, left by the budget, held back
    /// and failed, like the text report's last line.
    @Test func applyCountsWhatWasDoneAndWhatWasLeft() async throws {
        let token = "ghp_SUMMARYSECRET_0123456789"
        let tracker = FakeIssueTracker(count: 36, pageSize: 10)
        let server = try await TestHTTPServer.start { request in tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")") }
        let directory = try Self.directory(count: 1)
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            rules:
              - name: label-bugs
                when: >-
                  state == "open" and "bug" in labels
                actions:
                  - label: needs-triage
              - name: close-everything
                when: state == "open"
                actions:
                  - close: {reason: not_planned}
            """.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try await server.serving {
            let arguments = ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01",
                             "--yes", "--concurrency", "1", "--max-operations", "3", "--max-per-rule", "10", "--write-interval", "0"]
            let environment = ["GITHUB_STEP_SUMMARY": directory.appendingPathComponent("summary.md").path, "GITHUB_TOKEN": token]
            let output = try await Triage.run(arguments, in: directory, environment: environment)
            #expect(output.status == 1, "\(output)")
            #expect(output.stdoutLines.last == "5 writes planned on github:acme/app; 3 done, 0 failed, 2 not done", "\(output)")
            let summary = try Self.summary(in: directory)
            #expect(summary.hasPrefix("## earlier step\n\n## triage apply\n\n`github:acme/app`: 5 writes planned.\n\n"), "\(summary)")
            #expect(summary.contains("| Done | Left by the budget | Held back by the guard | Failed |\n|---:|---:|---:|---:|\n| 3 | 2 | 1 rule (24 issues) | 0 |\n"), "\(summary)")
            #expect(summary.contains("### Held back by the guard (--max-per-rule)\n\n- rule `close-everything` would act on 24 issues"), "\(summary)")
            #expect(summary.contains("### Left by the budget (--max-operations)\n\n- [#25]("), "\(summary)")
            #expect(!summary.contains(token) && !output.stdout.contains(token) && !output.stderr.contains(token))

            let markdown = try await Triage.run(arguments.filter { $0 != "--yes" } + ["--format", "markdown"], in: directory, environment: environment)
            #expect(markdown.status == 1, "\(markdown)")
            #expect(markdown.stdout.hasPrefix("## triage apply\n\n`github:acme/app`: 2 writes planned, 3 actions already in effect (dry run: nothing was written; pass --yes to write).\n"), "\(markdown)")
            #expect(try Self.summary(in: directory).hasSuffix("\n" + markdown.stdout))
        }
    }
}
