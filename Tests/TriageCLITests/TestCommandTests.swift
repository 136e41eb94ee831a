import Foundation
import Testing

/// `triage test`: the tests written inside rule files.
@Suite struct TestCommandTests {
    @Test func starterRulesPass() async throws {
        let rules = Triage.packageRoot.appendingPathComponent("Rules")
        let output = try await Triage.run(["test", "Rules"], in: Triage.packageRoot)
        #expect(output.status == 0, "\(output)")
        #expect(output.stderr == "")
        // Only the summary: passing tests are listed with --verbose only.
        let summary = try #require(output.stdoutLines.last)
        let counts = try #require(summary.wholeMatch(of: /(\d+) passed, (\d+) failed/), "last line: \(summary)")
        #expect(output.stdoutLines.count == 1)
        #expect(counts.output.2 == "0")

        // As many tests as the files have `expect:` lines (they are all written in block style).
        var expectLines = 0
        for file in try FileManager.default.contentsOfDirectory(atPath: rules.path) where file.hasSuffix(".yaml") {
            let text = try String(contentsOf: rules.appendingPathComponent(file), encoding: .utf8)
            expectLines += text.split(separator: "\n").filter { $0.trimmingPrefix(while: \.isWhitespace).hasPrefix("expect:") }.count
        }
        #expect(expectLines > 0, "no `expect:` lines found under \(rules.path)")
        #expect(Int(counts.output.1) == expectLines)

        let verbose = try await Triage.run(["test", "--verbose", "Rules"], in: Triage.packageRoot)
        #expect(verbose.status == 0)
        #expect(verbose.stdoutLines.filter { $0.hasPrefix("PASS ") }.count == expectLines)
        #expect(verbose.stdoutLines.last == summary)
    }

    @Test func failingTestShowsExpectedActualAndTheConditionTree() async throws {
        let output = try await Triage.run(["test", "failing.yaml"], in: fixture("test"))
        #expect(output.status == 1)
        #expect(output.stderr == "")
        #expect(output.stdout == """
            FAIL untriaged-bug › accepted bugs are triaged (failing.yaml:15:9)
              expected: match
              actual:   no-match
              condition:
                ✓ state == "open" and "bug" in labels
                  ✓ state == "open"
                    "open" state
                  ✓ "bug" in labels
                    ["bug", "triage/accepted"] labels
                ✗ not any(labels, l => starts_with(l, "triage/")) and author not in maintainers
                  ✗ not any(labels, l => starts_with(l, "triage/"))
                    ✓ any(labels, l => starts_with(l, "triage/"))
                      ["bug", "triage/accepted"] labels
                  ✓ author not in maintainers
                    "dana" author
            1 passed, 1 failed

            """)
        let verbose = try await Triage.run(["test", "--verbose", "failing.yaml"], in: fixture("test"))
        #expect(verbose.stdoutLines.first == "PASS untriaged-bug › open bug from a user")
        #expect(verbose.status == 1)
    }

    /// A test whose issue is a report (its body carries the report marker) does not match, as in
    /// `check`, and the failure says why, since every condition node is true.
    @Test func aReportIssueInATestDoesNotMatchAndTheFailureSaysWhy() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try """
            rules:
              - name: open-issues
                when: state == "open"
                tests:
                  - issue: {body: "<!-- triage:report=open-bugs -->"}
                    expect: match
            """.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let output = try await Triage.run(["test", "rules.yaml"], in: directory)
        #expect(output.status == 1, "\(output)")
        #expect(output.stdout == """
            FAIL open-issues › test at line 5 (rules.yaml:5:9)
              expected: match
              actual:   no-match
              note:     the issue is a report (its body carries `<!-- triage:report=`): no rule matches it, as in check
              condition:
                ✓ state == "open"
                  "open" state
            0 passed, 1 failed

            """, "\(output)")
    }

    @Test func invalidRulesExit2() async throws {
        let output = try await Triage.run(["test", "--", "../lint/codes/unknown-name.yaml"], in: fixture("test"))
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderrLines.first == "../lint/codes/unknown-name.yaml:3:31: error[unknown-name]: unknown name `labls`; did you mean `labels`?")
        let broken = try await Triage.run(["test", "../lint/yaml-syntax.yaml", "failing.yaml"], in: fixture("test"))
        #expect(broken.status == 2, "one invalid file makes the whole run invalid")
        #expect(broken.stdout == "")
    }

    @Test func selectingRules() async throws {
        let output = try await Triage.run(["test", "--rule", "triage-overdue", "Rules/needs-triage.yaml"], in: Triage.packageRoot)
        #expect(output.status == 0)
        #expect(output.stdout == "3 passed, 0 failed\n")
        let unknown = try await Triage.run(["test", "--rule", "needs-triag", "Rules/needs-triage.yaml"], in: Triage.packageRoot)
        #expect(unknown.status == 2)
        #expect(unknown.stderr == "error: no rule named `needs-triag`; did you mean `needs-triage`?\n")
    }
}
