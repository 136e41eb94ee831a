import Foundation
import Testing

/// `triage apply` through the binary on a file source, which cannot be written: the dry run and the
/// refusals. Writes to GitHub and GitLab fakes are in `ApplyWriteTests`.
struct ApplyCommandTests {
    static let samples = Triage.packageRoot.appendingPathComponent("Samples/issues.jsonl").path
    static let rules = Triage.packageRoot.appendingPathComponent("Rules").path

    @Test func dryRunPrintsThePlanAndWritesNothing() async throws {
        let output = try await Triage.run(["apply", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--now", "2024-06-01T00:00:00Z",
                                     "--rule", "close-stale", "--rule", "mark-stale"])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("#9 Windows paths with spaces break `rocket init`\n  comment \"Closing this issue because it stayed inactive for 14 days af…\"  (rule close-stale)\n  close as not_planned  (rule close-stale)\n"))
        #expect(output.stdoutLines.last == "8 writes planned on file:\(Self.samples) (dry run: pass --yes to write)")
    }

    @Test func jsonPlan() async throws {
        let output = try await Triage.run(["apply", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--now", "2024-06-01T00:00:00Z",
                                     "--rule", "close-stale", "--format", "json"])
        #expect(output.status == 0, "\(output)")
        let document = try #require(try JSONSerialization.jsonObject(with: output.stdoutData) as? [String: Any])
        #expect(document["dry_run"] as? Bool == true)
        let writes = try #require(document["writes"] as? [[String: Any]])
        #expect(writes.map { $0["action"] as? String } == ["comment", "close"])
        #expect(writes.allSatisfy { $0["number"] as? Int == 9 && $0["rule"] as? String == "close-stale" && $0["status"] == nil })
    }

    @Test func theBlastRadiusGuardHoldsARuleBackAndExits1() async throws {
        let output = try await Triage.run(["apply", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--now", "2024-06-01T00:00:00Z",
                                     "--rule", "mark-stale", "--max-per-rule", "2"])
        #expect(output.status == 1, "\(output)")
        #expect(output.stdout.contains("held back: rule mark-stale would act on 3 issues, more than --max-per-rule allows; nothing of it is written (--force to override)\n"))
        let forced = try await Triage.run(["apply", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--now", "2024-06-01T00:00:00Z",
                                     "--rule", "mark-stale", "--max-per-rule", "2", "--force"])
        #expect(forced.status == 0, "\(forced)")
    }

    @Test func aFileSourceCannotBeWritten() async throws {
        let output = try await Triage.run(["apply", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--now", "2024-06-01T00:00:00Z", "--yes"])
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("error: file:\(Self.samples) cannot be written to; apply --yes needs a source that supports writes"))
        #expect(output.stdout.isEmpty)
    }
}
