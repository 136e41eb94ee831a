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
        let related = try #require(finding["related"] as? [[String: Any]])
        #expect(related.count == 1)
        #expect(related.first?["file"] as? String == Self.path)
        #expect(related.first?["line"] as? Int == 6 && related.first?["column"] as? Int == 9 && related.first?["end_column"] as? Int == 14)
        #expect(related.first?["message"] as? String == "rule `mark-stale` writes `label: stale` here")
    }

    /// The rule whose write is undone is shown under the finding as compilers show a note: its
    /// place, and its line with carets under the action.
    @Test func textShowsTheUndoneWriteAsANote() async throws {
        let output = try await Triage.run(["lint", Self.path], in: LintTests.directory)
        let lines = output.stdoutLines
        let note = try #require(lines.firstIndex(of: "\(Self.path):6:9: note: rule `mark-stale` writes `label: stale` here"))
        let finding = try #require(lines.firstIndex { $0.hasPrefix("\(Self.path):11:9: warning[flip-flop]") })
        #expect(note > finding)
        #expect(Array(lines[(note + 1)...(note + 3)]) == ["  |", "6 |       - label: stale", "  |         ^^^^^"])
        #expect(lines.last == "0 errors, 1 warning, 0 notes")
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
        let related = try #require(results.first?["relatedLocations"] as? [[String: Any]])
        let region = (related.first?["physicalLocation"] as? [String: Any])?["region"] as? [String: Any]
        #expect(related.count == 1 && related.first?["id"] as? Int == 0)
        #expect(region?["startLine"] as? Int == 6 && region?["startColumn"] as? Int == 9 && region?["endColumn"] as? Int == 14)
        #expect((related.first?["message"] as? [String: Any])?["text"] as? String == "rule `mark-stale` writes `label: stale` here")
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.compactMap { $0["id"] as? String }.contains("flip-flop"))
    }

    @Test func strictFailsOnTheWarning() async throws {
        #expect(try await Triage.run(["lint", "--strict", Self.path], in: LintTests.directory).status == 1)
    }
}
