import ArgumentParser
import TriageLanguage
import TriageRules

/// `triage test FILE|DIR…`: run the tests written inside rule files.
struct TestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the tests written in rule files; the last line is `N passed, N failed`.",
        discussion: "Exit codes: 0 all pass, 1 a test failed, 2 invalid rules."
    )

    @Argument(help: "Rule files, or directories of them. Default: \(DefaultRulePaths.described) in the working directory.")
    var paths: [String] = []

    @Option(name: .customLong("rule"), help: "Run only this rule's tests (repeatable).")
    var selectedRules: [String] = []

    @Flag(help: "List every test, not only failures.")
    var verbose = false

    mutating func validate() throws {
        paths = try DefaultRulePaths.resolve(paths, missing: "give at least one rule file or directory")
    }

    func run() async throws {
        let rules = try RuleFiles.load(paths, selecting: selectedRules).rules
        let results = await RuleTestRunner.run(rules)
        var passed = 0, failed = 0
        for result in results {
            if result.passed {
                passed += 1
                if verbose { StandardStream.output.write("PASS \(result.title)\n") }
                continue
            }
            failed += 1
            StandardStream.output.write(Self.describeFailure(result))
        }
        StandardStream.output.write("\(passed) passed, \(failed) failed\n")
        StandardStream.output.flush()
        if failed > 0 { throw ExitCode(ExitStatus.findings) }
    }

    static func describeFailure(_ result: RuleTestResult) -> String {
        let expected = result.test.expectMatch ? "match" : "no-match"
        let actual = result.matched.map { $0 ? "match" : "no-match" } ?? "error"
        var text = "FAIL \(result.title) (\(result.test.location))\n"
        text += "  expected: \(expected)\n  actual:   \(actual)\n"
        if let error = result.error { text += "  error:    \(error)\n" }
        if result.isReport { text += "  note:     the issue is a report (its body carries `\(ReportMarker.prefix)`): no rule matches it, as in check\n" }
        text += "  condition:\n"
        for tree in result.explanation {
            text += tree.render(indent: "    ") + "\n"
        }
        return text
    }
}
