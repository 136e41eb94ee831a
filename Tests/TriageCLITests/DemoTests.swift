import Foundation
import Testing

/// The README's main job (`scripts/demo.sh`): every starter rule over the bundled sample issues.
/// It must run clean — exit 0, no evaluation error — and, as `Samples/README.md` promises, every
/// starter rule file must find something. A starter rule that reaches lazy data the samples do not
/// carry (a reordered conjunct, a new field) fails here instead of on a new user's first run.
@Suite struct DemoTests {
    static let arguments = ["--source", "file:Samples/issues.jsonl", "--now", "2024-06-01T00:00:00Z", "--fail-on", "none"]

    @Test func theMainJobRunsCleanOverTheSamples() async throws {
        let output = try await Triage.run(["check", "--rules", "Rules"] + Self.arguments, in: Triage.packageRoot)
        #expect(output.status == 0, "\(output)")
        #expect(!output.stdout.contains("errors:"), "\(output)")
        #expect(output.stderr.isEmpty, "\(output)")
    }

    @Test func everyStarterRuleFileFindsSomethingInTheSamples() async throws {
        let rules = Triage.packageRoot.appendingPathComponent("Rules")
        let files = try FileManager.default.contentsOfDirectory(atPath: rules.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 10)
        for file in files {
            let output = try await Triage.run(["check", "--rules", "Rules/\(file)", "--format", "json"] + Self.arguments, in: Triage.packageRoot)
            #expect(output.status == 0, "\(file): \(output)")
            let report = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any], "\(file)")
            let matches = (report["rules"] as? [[String: Any]] ?? []).reduce(0) { $0 + (($1["matches"] as? [Any])?.count ?? 0) }
            #expect(matches > 0, "\(file) finds nothing in the samples")
            #expect((report["errors"] as? [Any] ?? []).isEmpty, "\(file): \(output.stdout)")
        }
    }
}
