import Foundation
import Testing

/// `triage providers`, help, and usage errors.
@Suite struct CommandLineTests {
    @Test func providersListsFileAndStdin() async throws {
        let output = try await Triage.run(["providers"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        // One block per provider: its name, then indented details.
        var blocks: [String: [String]] = [:]
        var current = ""
        for line in output.stdoutLines {
            if line.hasPrefix(" ") { blocks[current, default: []].append(line) } else { current = line; blocks[line] = [] }
        }
        #expect(blocks["file"] == [
            "  JSON array or JSON Lines of GitHub, GitLab or normalized issue objects",
            "  lazy fields: none (only data embedded in the source)",
            "  write actions: none",
        ])
        #expect(blocks["stdin"] == [
            "  JSON Lines on standard input (source `-`)",
            "  lazy fields: none (only data embedded in the source)",
            "  write actions: none",
        ])
    }

    @Test(arguments: [["--help"], ["-h"], ["help"], ["check", "--help"], ["lint", "--help"], ["test", "--help"], ["explain", "--help"],
                      ["providers", "--help"], ["help", "check"]])
    func helpExits0(_ arguments: [String]) async throws {
        let output = try await Triage.run(arguments)
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.hasPrefix("OVERVIEW: "))
        #expect(output.stdout.contains("USAGE: triage"))
        #expect(output.stderr == "")
    }

    @Test func version() async throws {
        let output = try await Triage.run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(output.stdout)")
    }

    /// SPEC §5: usage errors exit 2 (ArgumentParser's own default would be 64). ArgumentParser
    /// words its own messages, so only what they must mention is checked.
    @Test(arguments: [
        (["check", "--rules", "check/rules.yaml", "--bogus"], ["Unknown option", "--bogus"]),
        (["lint", "--bogus", "lint/clean.yaml"], ["Unknown option", "--bogus"]),
        (["frobnicate"], ["Unexpected argument", "frobnicate"]),
        (["check", "--source", "file:check/github.jsonl"], ["give at least one rule file with --rules"]),
        (["check", "--rules", "check/rules.yaml", "--format", "xml"], ["'xml'", "--format", "'text', 'json', 'jsonl', 'markdown' or 'html'"]),
        (["check", "--rules", "check/rules.yaml", "--fail-on", "severe"], ["'severe'", "--fail-on", "'none', 'info', 'warning' or 'error'"]),
        (["check", "--rules", "check/rules.yaml", "--concurrency", "0"], ["--concurrency must be at least 1"]),
        (["lint", "--format", "xml", "lint/clean.yaml"], ["'xml'", "--format", "'text', 'json', 'sarif' or 'github'"]),
        (["explain", "--rules", "check/rules.yaml", "--source", "file:check/github.jsonl", "--issue", "many"], ["'many'", "--issue"]),
        (["lint"], ["give at least one rule file or directory", ".triage.yml, .triage.yaml or a .triage/ directory"]),
        (["explain", "--rules", "check/rules.yaml", "--source", "file:check/github.jsonl"], ["Missing expected argument", "--issue"]),
    ])
    func usageErrorsExit2(_ arguments: [String], _ mentions: [String]) async throws {
        let output = try await Triage.run(arguments)
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
        let firstLine = try #require(output.stderrLines.first)
        #expect(firstLine.hasPrefix("Error: "))
        for text in mentions { #expect(firstLine.contains(text), "\(firstLine)") }
    }
}
