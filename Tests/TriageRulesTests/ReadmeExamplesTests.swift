import Foundation
import Testing
import TriageTestSupport
import TriageRules

/// The rule files shown in README.md load, lint clean and pass their tests, so the documentation
/// cannot drift from the tool.
struct ReadmeExamplesTests {
    static func examples() throws -> [String] {
        let readme = try String(contentsOf: repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        var blocks: [String] = []
        var current: [Substring]?
        for line in readme.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```yaml" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n"))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks.filter { $0.contains("rules:") && $0.contains("- name:") }
    }

    @Test func readmeRuleFilesAreValid() async throws {
        let examples = try Self.examples()
        #expect(examples.count >= 2)
        var testsRun = 0
        for example in examples {
            let loaded = loadRuleFile(example, path: "README.yaml")
            #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics.map(\.message))\n\(example)")
            #expect(Linter.lint(loaded).isEmpty, "\(Linter.lint(loaded).map(\.message))\n\(example)")
            for result in await RuleTestRunner.run(loaded.ruleSet.rules) {
                testsRun += 1
                #expect(result.passed, "\(result.title)\n\(example)")
            }
        }
        #expect(testsRun > 0, "the README's examples carry rule tests; none ran")
    }
}
