import Foundation
import Testing
import TriageRules

/// The rule files in `Rules/` are what users copy: they must load cleanly, lint clean in strict
/// mode, and pass their own tests.
struct StarterRulesTests {
    static let rulesDirectory = repositoryRoot.appendingPathComponent("Rules").path

    @Test func starterRulesLoadWithoutErrors() throws {
        let loaded = RuleLoader.load(paths: [Self.rulesDirectory])
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map { "\($0.location): \($0.code): \($0.message)" })")
        #expect(loaded.files.count >= 6)
        #expect(loaded.ruleSet.rules.count >= 10)
    }

    @Test func starterRulesLintClean() {
        let loaded = RuleLoader.load(paths: [Self.rulesDirectory])
        let findings = Linter.lint(loaded)
        #expect(findings.isEmpty, "\(findings.map { "\($0.location): \($0.code): \($0.message)" })")
    }

    @Test func starterRulesPassTheirTests() async {
        let loaded = RuleLoader.load(paths: [Self.rulesDirectory])
        let results = await RuleTestRunner.run(loaded.ruleSet.rules)
        #expect(results.count >= 20)
        for result in results where !result.passed {
            Issue.record("\(result.title) at \(result.test.location): expected \(result.test.expectMatch ? "match" : "no-match"), got \(result.matched.map { $0 ? "match" : "no-match" } ?? "error: \(result.error ?? "")")\n\(result.explanation.map { $0.render() }.joined(separator: "\n"))")
        }
    }

    @Test func everyRuleHasAMatchingAndANonMatchingTest() throws {
        let loaded = RuleLoader.load(paths: [Self.rulesDirectory])
        try #require(!loaded.ruleSet.rules.isEmpty, "no starter rules loaded from \(Self.rulesDirectory)")
        for rule in loaded.ruleSet.rules {
            #expect(rule.tests.contains { $0.expectMatch }, "\(rule.name) has no match test")
            #expect(rule.tests.contains { !$0.expectMatch }, "\(rule.name) has no no-match test")
        }
    }
}
