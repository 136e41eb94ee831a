import Foundation
import Testing

/// `flip-flop` findings carry their code in every machine-readable format `triage lint` writes.
@Suite struct FlipFlopOutputTests {
    static let path = "codes/flip-flop.yaml"

    @Test func jsonCarriesTheCodeAndTheUndoingAction() async throws {
        let output = try await Triage.run(["lint", "--format", "json", Self.path], in: LintTests.directory)
        let findings = try #require(try parseJSON(output.stdoutData) as? [[String: Any]])
        #expect(findings.count == 1)
        let finding = try #require(findings.first)
        #expect(finding["code"] as? String == "flip-flop")
        #expect(finding["severity"] as? String == "warning")
        #expect(finding["line"] as? Int == 11 && finding["column"] as? Int == 9 && finding["end_column"] as? Int == 16)
        #expect((finding["suggestion"] as? String)?.contains("human_idle") == true)
    }

    @Test func sarifCarriesTheCodeAndItsRule() async throws {
        let output = try await Triage.run(["lint", "--format", "sarif", Self.path], in: LintTests.directory)
        #expect(output.status == 0)
        try await LintTests.expectValidSARIF(output.stdoutData)
        let log = try #require(try parseJSON(output.stdoutData) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.compactMap { $0["ruleId"] as? String } == ["flip-flop"])
        #expect(results.first?["level"] as? String == "warning")
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String }.contains("flip-flop"))
    }

    @Test func strictFailsOnTheWarning() async throws {
        #expect(try await Triage.run(["lint", "--strict", Self.path], in: LintTests.directory).status == 1)
    }
}
