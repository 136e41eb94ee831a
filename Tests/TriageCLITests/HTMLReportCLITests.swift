import Foundation
import Testing

/// `check --format html` and `apply --format html` from the command line: the page on stdout like
/// every other format (redirect it to a file), exit codes as for the other formats, and the fields
/// the page shows decoded even when no rule reads them. What a browser makes of the page:
/// `HTMLReportBrowserTests`.
struct HTMLReportCLITests {
    static let rules = """
        rules:
          - name: crashes
            severity: error
            when: title ~ "(?i)crash"
            actions:
              - label: bug
          - name: everything
            severity: info
            when: number > 0
        """

    static func directory() throws -> URL {
        let directory = try makeTemporaryDirectory()
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        let issues = """
            [{"number": 1, "title": "Crash <b>now</b>", "state": "open", "user": {"login": "ann"}, "labels": [{"name": "p&1"}], "comments": 0,
              "created_at": "2024-05-30T00:00:00Z", "updated_at": "2024-05-31T00:00:00Z", "html_url": "https://github.com/acme/app/issues/1"},
             {"number": 2, "title": "Docs", "state": "open", "user": {"login": "bo"}, "labels": [], "comments": 0,
              "created_at": "2023-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z", "html_url": "https://github.com/acme/app/issues/2"}]
            """
        try issues.write(to: directory.appendingPathComponent("issues.json"), atomically: true, encoding: .utf8)
        return directory
    }

    @Test func checkWritesThePageToStandardOutputAndExitsAsTheOtherFormatsDo() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = ["check", "--rules", "rules.yaml", "--source", "file:issues.json", "--now", "2024-06-01", "--format", "html"]
        let output = try await Triage.run(arguments, in: directory)
        // An error-severity match fails the run (--fail-on error), as with every format.
        #expect(output.status == 1 && output.stderr.isEmpty, "\(output)")
        #expect(output.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(output.stdout.contains(#"data-rule="crashes" data-matches="1""#) && output.stdout.contains(#"data-rule="everything" data-matches="2""#))
        // Author and labels are shown although no rule reads them (the decoder skips them otherwise).
        #expect(output.stdout.contains("<td>ann</td><td class=\"labels\"><span class=\"chip\">p&amp;1</span></td>"))
        #expect(output.stdout.contains("<td class=\"title\">Crash &lt;b&gt;now&lt;/b&gt;</td>"))
        #expect(output.stdout.contains("<dt>Source</dt><dd>file:issues.json</dd>"))
        let passing = try await Triage.run(arguments + ["--fail-on", "none"], in: directory)
        #expect(passing.status == 0)
    }

    @Test func applyWritesThePlanAsAPage() async throws {
        let directory = try Self.directory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = try await Triage.run(["apply", "--rules", "rules.yaml", "--source", "file:issues.json", "--now", "2024-06-01", "--format", "html"],
                                          in: directory)
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("<title>Triage plan</title>"))
        #expect(output.stdout.contains(#"<section class="rule" id="rule-0" data-rule="crashes" data-writes="1" data-issues="1">"#))
        #expect(!output.stdout.contains(#"data-rule="everything""#))
        #expect(output.stdout.contains(#"<tr data-number="1" data-status="planned">"#))
        #expect(output.stdout.contains("<dt>Mode</dt><dd>dry run: nothing written</dd>"))
    }
}
