import Foundation
import Testing
import TriageTestSupport

/// SPEC §6 "Conventions": `NO_COLOR` and a non-terminal disable colour (an explicit `--color always`
/// still forces it); completion scripts for bash, zsh and fish; time options take durations.
struct ConventionsTests {
    // MARK: Colour

    /// `triage lint` with its output on a pseudo-terminal, as a person at a shell sees it: util-linux
    /// `script` runs it on one and copies what it shows to a pipe.
    static func lintOnATerminal(_ arguments: [String], environment: [String: String]) async throws -> String {
        let binary = try #require(Triage.binary)
        let script = URL(fileURLWithPath: "/usr/bin/script")
        try #require(FileManager.default.isExecutableFile(atPath: script.path), "util-linux `script` gives the test a terminal")
        let command = ([binary.path, "lint"] + arguments).map { "'" + $0.replacing("'", with: "'\\''") + "'" }.joined(separator: " ")
        let output = try await Subprocess.run(script, ["-q", "-e", "-c", command, "/dev/null"], in: fixture("lint"), environment: environment)
        #expect(output.status == 0, "\(output)")
        return output.stdout
    }

    static let warning = "\u{1B}[1;33mwarning\u{1B}[0m"

    @Test func aTerminalIsColouredUnlessNoColorIsSet() async throws {
        let coloured = try await Self.lintOnATerminal(["codes/unused-definition.yaml"], environment: [:])
        #expect(coloured.contains(Self.warning), "\(coloured)")
        let emptyNoColor = try await Self.lintOnATerminal(["codes/unused-definition.yaml"], environment: ["NO_COLOR": ""])
        #expect(emptyNoColor.contains(Self.warning), "an empty NO_COLOR does not count")
        let plain = try await Self.lintOnATerminal(["codes/unused-definition.yaml"], environment: ["NO_COLOR": "1"])
        #expect(plain.contains("warning") && !plain.contains("\u{1B}["), "\(plain)")
        let forced = try await Self.lintOnATerminal(["--color", "always", "codes/unused-definition.yaml"], environment: ["NO_COLOR": "1"])
        #expect(forced.contains(Self.warning), "--color always wins over NO_COLOR")
    }

    @Test func invalidRulesOnStderrAreNotColouredThroughAPipe() async throws {
        let output = try await Triage.run(["check", "--rules", "lint/codes/unknown-name.yaml", "--source", "file:check/github.jsonl"],
                                          environment: ["NO_COLOR": "1"])
        #expect(output.status == 2)
        #expect(!output.stderr.contains("\u{1B}["), "\(output)")
    }

    // MARK: Completion scripts

    @Test(arguments: [("bash", "complete -"), ("zsh", "#compdef triage"), ("fish", "complete -c 'triage'")])
    func completionScripts(_ shell: String, _ marker: String) async throws {
        let output = try await Triage.run(["--generate-completion-script", shell])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains(marker), "\(output.stdout.prefix(300))")
        for command in ["check", "lint", "apply", "explain", "providers"] { #expect(output.stdout.contains(command)) }
        #expect(output.stdout.contains("max-wait"))
    }

    @Test func anUnknownShellIsAUsageError() async throws {
        let output = try await Triage.run(["--generate-completion-script", "tcsh"])
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
    }

    // MARK: Durations

    /// A rate limit that resets in the year 2100 exceeds any wait: the message says the wait
    /// `--max-wait` allowed, in seconds.
    @Test(arguments: [("15m", 900), ("90", 90), ("90s", 90), ("24h", 86_400), ("1d", 86_400), ("2w", 1_209_600), ("1d12h", 129_600), ("0", 0)])
    func maxWaitTakesADuration(_ value: String, _ seconds: Int) async throws {
        let server = try await TestHTTPServer.start { _ in
            TestHTTPResponse(status: 403, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "4102444800")],
                             json: #"{"message":"API rate limit exceeded"}"#)
        }
        try await server.serving {
            let output = try await Triage.run(["check", "--rules", "check/rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                                               "--now", "2024-06-01", "--max-wait", value])
            #expect(output.status == 3, "\(output)")
            #expect(output.stderr.contains("longer than --max-wait \(seconds)s;"), "\(output)")
        }
    }

    @Test(arguments: ["15x", "m", "-5", "1.5h", "15 m", "99999999999999999999d"])
    func aBadDurationIsAUsageErrorThatSaysWhatIsExpected(_ value: String) async throws {
        let output = try await Triage.run(["check", "--rules", "check/rules.yaml", "--source", "file:check/github.jsonl", "--max-wait=\(value)"])
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
        #expect(output.stderrLines.first == "Error: The value '\(value)' is invalid for '--max-wait <duration>'", "\(output)")
        #expect(output.stderr.contains("90s, 15m, 24h, 1d, 1d12h; a bare number is seconds"), "\(output)")
    }
}
