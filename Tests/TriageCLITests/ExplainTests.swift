import Foundation
import Testing

/// `triage explain`: the condition tree of every rule for one issue.
@Suite struct ExplainTests {
    static let now = ["--now", "2024-06-01T00:00:00Z"]

    static func explain(_ arguments: [String]) async throws -> Triage.Output {
        try await Triage.run(["explain"] + arguments + now, in: fixture("check"))
    }

    /// #81 of the samples: an open bug with no assignee whose title says "Segfault".
    @Test func textTree() async throws {
        let output = try await Self.explain(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--issue", "81"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        try expectSnapshot(output.stdout, named: "explain-81.txt")
    }

    /// A lazy field the file cannot supply is an error in the tree, not a silent false; a null
    /// operand shows as null.
    @Test func errorsAndNullsInTheTree() async throws {
        let output = try await Self.explain(["--rules", "lazy.yaml", "--source", "file:github.jsonl", "--issue", "64"])
        // The tree is printed, and, as with `check`, a rule that could not be evaluated exits 3.
        #expect(output.status == 3)
        #expect(output.stderr == "error: 1 rule could not be evaluated on #64\n")
        #expect(output.stdout == """
            #64 `rocket doctor` hangs without network
            https://github.com/acme/rocket/issues/64
            evaluated at 2024-06-01T00:00:00Z

            maintainer-spoke-last [warning]: error: file:github.jsonl has no comments for this issue
              error state == "open" and comments > 0 and last_comment.author in maintainers  (file:github.jsonl has no comments for this issue)
                ✓ state == "open"
                  "open" state
                ✓ comments > 0
                  3 comments
                error last_comment.author in maintainers  (file:github.jsonl has no comments for this issue)
                  error last_comment.author  (file:github.jsonl has no comments for this issue)
                    error last_comment  (file:github.jsonl has no comments for this issue)


            """)
        // #100 has no comments, so `last_comment` is null without any fetch.
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("rules:\n  - name: bot-spoke\n    when: state == \"open\" and (last_comment.bot or draft)\n".utf8)
            .write(to: directory.appendingPathComponent("rules.yaml"))
        let null = try await Triage.run(["explain", "--rules", "rules.yaml", "--source", "file:\(fixture("check/github.jsonl").path)", "--issue", "100"] + Self.now,
                                  in: directory)
        #expect(null.status == 0)
        #expect(null.stdoutLines.suffix(9) == [
            "bot-spoke [warning]: ✗ does not match",
            "  ✗ state == \"open\" and (last_comment.bot or draft)",
            "    ✓ state == \"open\"",
            "      \"open\" state",
            "    ✗ last_comment.bot or draft",
            "      null last_comment.bot",
            "        null last_comment",
            "      ✗ draft",
            "",
        ])
    }

    @Test func json() async throws {
        let output = try await Self.explain(["--rules", "lazy.yaml", "--source", "file:github.jsonl", "--issue", "81", "--format", "json"])
        #expect(output.status == 0)
        #expect(output.stderr == "")
        func node(_ source: String, _ value: Any, _ children: [Any] = []) -> [String: Any] {
            ["source": source, "value": value, "children": children]
        }
        expectJSON(try parseJSON(output.stdoutData), equals: [
            "issue": ["number": 81, "title": "Segfault with musl build", "url": "https://github.com/acme/rocket/issues/81"],
            "now": "2024-06-01T00:00:00Z",
            "rules": [
                ["name": "maintainer-spoke-last", "severity": "warning", "matched": true, "conditions": [
                    node(#"state == "open" and comments > 0 and last_comment.author in maintainers"#, true, [
                        node(#"state == "open""#, true, [node("state", "open")]),
                        node("comments > 0", true, [node("comments", 3)]),
                        node("last_comment.author in maintainers", true, [
                            node("last_comment.author", "carol", [
                                node("last_comment", #"comment(author: "carol", created: 2024-05-14T16:00:00Z)"#),
                            ]),
                        ]),
                    ]),
                ] as [Any]],
            ] as [Any],
        ] as [String: Any])
    }

    @Test func unknownIssueExits3() async throws {
        let output = try await Self.explain(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--issue", "1"])
        #expect(output.status == 3)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: file:github.jsonl has no issue #1\n")
    }

    @Test func invalidRulesAndMissingSourceFile() async throws {
        let invalid = try await Self.explain(["--rules", "../lint/codes/unknown-name.yaml", "--source", "file:github.jsonl", "--issue", "81"])
        #expect(invalid.status == 2)
        let missingFile = try await Self.explain(["--rules", "rules.yaml", "--source", "file:no-such-issues.jsonl", "--issue", "81"])
        #expect(missingFile.status == 3)
    }
}

/// `explain` shows SPEC §8's fields with their values, from the sample issues' pull-request data.
@Suite struct PullRequestExplainTests {
    static let samples = Triage.packageRoot.appendingPathComponent("Samples/issues.jsonl").path
    static let rules = Triage.packageRoot.appendingPathComponent("Rules/pull-request-reviews.yaml").path
    static let stale = Triage.packageRoot.appendingPathComponent("Rules/human-activity-stale.yaml").path

    @Test func reviewStateAndChecksOfAPullRequest() async throws {
        let output = try await Triage.run(["explain", "--rules", Self.rules, "--source", "file:\(Self.samples)", "--issue", "86",
                                           "--rule", "ready-to-merge", "--now", "2024-06-01T00:00:00Z"])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("""
                ✓ review_state == "approved"
                  "approved" review_state
                ✓ checks == "success"
                  "success" checks
            """))
    }

    @Test func humanIdleAndLinkedPullsOfAnIssue() async throws {
        let output = try await Triage.run(["explain", "--rules", Self.stale, "--source", "file:\(Self.samples)", "--issue", "36",
                                           "--rule", "mark-inactive", "--now", "2024-06-01T00:00:00Z"])
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.contains("""
                ✓ human_idle > 60d
                  101d14h human_idle
            """))
        #expect(output.stdout.contains(#"[pull(number: 38, state: "merged", draft: false, author: "oskar")] linked_prs"#))
    }

    /// In JSON a `pull` is an object and `linked_prs` an array of them, so a script reads the
    /// members instead of parsing the text form.
    @Test func jsonGivesLinkedPullsAsObjects() async throws {
        let output = try await Triage.run(["explain", "--rules", Self.stale, "--source", "file:\(Self.samples)", "--issue", "36",
                                           "--rule", "mark-inactive", "--now", "2024-06-01T00:00:00Z", "--format", "json"])
        #expect(output.status == 0, "\(output)")
        let compact = String(output.stdout.filter { !$0.isWhitespace })
        #expect(compact.contains(#""source":"linked_prs","value":[{"number":38,"state":"merged","draft":false,"author":"oskar"}],"#), "\(output)")
        #expect(compact.contains(#""source":"human_idle","value":"101d14h","#), "\(output)")
    }
}
