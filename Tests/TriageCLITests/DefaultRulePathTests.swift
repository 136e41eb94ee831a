import Foundation
import Testing
import TriageTestSupport

/// `--rules` (and lint's and test's paths) may be left out when the working directory has
/// `.triage.yml`, `.triage.yaml` or a `.triage/` directory (SPEC §6); two of them is an error
/// naming both, none is the usual usage error, now naming the defaults.
struct DefaultRulePathTests {
    static let rules = """
        rules:
          - name: open-bugs
            when: >-
              state == "open" and "bug" in labels
            actions:
              - label: needs-triage
            tests:
              - issue: {state: open, labels: [bug]}
                expect: match
        """

    /// A working directory holding `layout` (relative path → rule text; a path ending in `/` is a
    /// directory holding `rules.yaml`) and `issues.json`.
    static func directory(_ layout: [String]) throws -> URL {
        let directory = try makeTemporaryDirectory()
        for path in layout {
            var file = directory.appendingPathComponent(path)
            if path.hasSuffix("/") {
                try FileManager.default.createDirectory(at: file, withIntermediateDirectories: true)
                file = file.appendingPathComponent("rules.yaml")
            }
            try rules.write(to: file, atomically: true, encoding: .utf8)
        }
        try FakeIssueTracker(count: 12).gitHubFile.write(to: directory.appendingPathComponent("issues.json"), atomically: true, encoding: .utf8)
        return directory
    }

    static let check = ["check", "--source", "file:issues.json", "--now", "2024-06-01", "--format", "jsonl", "--fail-on", "none"]

    @Test(arguments: [".triage.yml", ".triage.yaml", ".triage/"])
    func eachDefaultIsReadByEveryCommand(_ path: String) async throws {
        let directory = try Self.directory([path])
        defer { try? FileManager.default.removeItem(at: directory) }
        let check = try await Triage.run(Self.check, in: directory)
        #expect(check.status == 0, "\(check)")
        #expect(check.stdoutLines.count == 2 && check.stdout.contains(#""rule":"open-bugs""#), "\(check)")
        let apply = try await Triage.run(["apply", "--source", "file:issues.json", "--now", "2024-06-01"], in: directory)
        #expect(apply.status == 0 && apply.stdoutLines.last == "2 writes planned on file:issues.json (dry run: pass --yes to write)", "\(apply)")
        let lint = try await Triage.run(["lint"], in: directory)
        #expect(lint.status == 0, "\(lint)")
        let test = try await Triage.run(["test"], in: directory)
        #expect(test.status == 0 && test.stdoutLines.last == "1 passed, 0 failed", "\(test)")
    }

    @Test func explicitRulesWinOverTheDefaults() async throws {
        let directory = try Self.directory([".triage.yml", ".triage/"])
        defer { try? FileManager.default.removeItem(at: directory) }
        try "rules:\n  - name: everything\n    when: number > 0\n".write(to: directory.appendingPathComponent("other.yaml"), atomically: true, encoding: .utf8)
        let output = try await Triage.run(Self.check + ["--rules", "other.yaml"], in: directory)
        #expect(output.status == 0 && output.stdoutLines.count == 12, "\(output)")
    }

    @Test(arguments: [
        ([".triage.yml", ".triage.yaml"], ".triage.yml and .triage.yaml"),
        ([".triage.yaml", ".triage/"], ".triage.yaml and .triage/"),
        ([".triage.yml", ".triage.yaml", ".triage/"], ".triage.yml and .triage.yaml and .triage/"),
    ])
    func twoDefaultsAreAUsageErrorNamingThem(_ layout: [String], _ named: String) async throws {
        let directory = try Self.directory(layout)
        defer { try? FileManager.default.removeItem(at: directory) }
        for arguments in [Self.check, ["lint"]] {
            let output = try await Triage.run(arguments, in: directory)
            #expect(output.status == 2, "\(output)")
            #expect(output.stdout == "")
            #expect(output.stderrLines.first == "Error: both \(named) exist in the working directory; name the one to use", "\(output)")
        }
    }

    @Test func withoutADefaultTheUsageErrorNamesThem() async throws {
        let directory = try Self.directory([])
        defer { try? FileManager.default.removeItem(at: directory) }
        // A `.triage.yml` that is a directory is not a rule file.
        try FileManager.default.createDirectory(at: directory.appendingPathComponent(".triage.yml"), withIntermediateDirectories: true)
        let check = try await Triage.run(Self.check, in: directory)
        #expect(check.status == 2, "\(check)")
        #expect(check.stderrLines.first == "Error: give at least one rule file with --rules (or create .triage.yml, .triage.yaml or a .triage/ directory in the working directory)", "\(check)")
        for command in ["lint", "test"] {
            let output = try await Triage.run([command], in: directory)
            #expect(output.status == 2, "\(output)")
            #expect(output.stderrLines.first == "Error: give at least one rule file or directory (or create .triage.yml, .triage.yaml or a .triage/ directory in the working directory)", "\(output)")
        }
    }
}
