import Foundation
import Testing

/// `triage check` over the fixture issues in `Fixtures/check`: seven issues of `Samples/issues.jsonl`
/// (#100, #99, #98, #89, #87, #81, #64) as GitHub REST objects, and the same issues as GitLab REST
/// objects and as normalized objects.
@Suite struct CheckTests {
    static let now = ["--now", "2024-06-01T00:00:00Z"]
    static let directory = fixture("check")

    static func check(_ arguments: [String], stdin: Data? = nil) async throws -> Triage.Output {
        try await Triage.run(["check"] + arguments, stdin: stdin, in: directory)
    }

    /// Every match of `rules.yaml`, in issue order, then rule order within an issue.
    static let expectedLines = [
        #"{"rule":"crash-reports","severity":"error","number":100,"title":"rocket panics on `launch --dry-run`","url":"https://github.com/acme/rocket/issues/100"}"#,
        #"{"rule":"pull-requests","severity":"info","number":99,"title":"docs: fix typo in the quick start","url":"https://github.com/acme/rocket/pull/99"}"#,
        #"{"rule":"crash-reports","severity":"error","number":98,"title":"Crash when the config file is empty","url":"https://github.com/acme/rocket/issues/98"}"#,
        #"{"rule":"unowned-bugs","severity":"warning","number":89,"title":"Security: config loader follows symlinks outside the project","url":"https://github.com/acme/rocket/issues/89"}"#,
        #"{"rule":"closed-in-milestone","severity":"info","number":87,"title":"Panic when a stage name is empty","url":"https://github.com/acme/rocket/issues/87"}"#,
        #"{"rule":"crash-reports","severity":"error","number":81,"title":"Segfault with musl build","url":"https://github.com/acme/rocket/issues/81"}"#,
        #"{"rule":"unowned-bugs","severity":"warning","number":81,"title":"Segfault with musl build","url":"https://github.com/acme/rocket/issues/81"}"#,
        #"{"rule":"unowned-bugs","severity":"warning","number":64,"title":"`rocket doctor` hangs without network","url":"https://github.com/acme/rocket/issues/64"}"#,
    ]

    // MARK: Formats

    @Test(arguments: ["github.jsonl", "gitlab.json", "normalized.jsonl"])
    func jsonLinesAreTheSameForEveryShape(_ file: String) async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:\(file)", "--format", "jsonl"] + Self.now)
        #expect(output.status == 1, "crash-reports is an error-severity rule and matches")
        #expect(output.stdoutLines == Self.expectedLines)
        #expect(output.stderr == "")
    }

    /// The other formats name the source; apart from that, GitLab and normalized objects give what
    /// the GitHub objects give.
    @Test(arguments: ["gitlab.json", "normalized.jsonl"], ["text", "json", "markdown"])
    func everyFormatIsTheSameForEveryShape(_ file: String, _ format: String) async throws {
        func run(_ file: String) async throws -> String {
            let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:\(file)", "--format", format] + Self.now)
            #expect(output.status == 1)
            return withoutElapsedTime(output.stdout).replacing("file:\(file)", with: "file:SOURCE")
        }
        let expected = try await run("github.jsonl")
        #expect(try await run(file) == expected)
    }

    @Test func text() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:github.jsonl"] + Self.now)
        #expect(output.status == 1)
        #expect(output.stderr == "")
        // The summary ends with the wall time, which changes from run to run.
        let stdout = withoutElapsedTime(output.stdout)
        #expect(stdout == """
            crash-reports [error]: 3 matches — Open reports of crashes
              #100 rocket panics on `launch --dry-run`
                  https://github.com/acme/rocket/issues/100
              #98 Crash when the config file is empty
                  https://github.com/acme/rocket/issues/98
              #81 Segfault with musl build
                  https://github.com/acme/rocket/issues/81
            unowned-bugs [warning]: 3 matches — Open bugs nobody is assigned to
              #89 Security: config loader follows symlinks outside the project
                  https://github.com/acme/rocket/issues/89
              #81 Segfault with musl build
                  https://github.com/acme/rocket/issues/81
              #64 `rocket doctor` hangs without network
                  https://github.com/acme/rocket/issues/64
            pull-requests [info]: 1 match
              #99 docs: fix typo in the quick start
                  https://github.com/acme/rocket/pull/99
            closed-in-milestone [info]: 1 match — Closed with a milestone
              #87 Panic when a stage name is empty
                  https://github.com/acme/rocket/issues/87
            7 issues read from file:github.jsonl, 8 matches of 4 rules, 0 API calls, <elapsed>

            """)
    }

    @Test func json() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--format", "json"] + Self.now)
        #expect(output.status == 1)
        #expect(output.stderr == "")
        let document = try #require(try parseJSON(output.stdoutData) as? [String: Any])
        // SPEC §5: {"source", "now", "issues": N, "rules": [{"name", "severity", "matches": [{"number", "title", "url"}]}], "errors": [...]}
        #expect(Set(document.keys) == ["source", "now", "issues", "rules", "errors"])
        let rules = try #require(document["rules"] as? [[String: Any]])
        for rule in rules {
            #expect(Set(rule.keys) == ["name", "severity", "matches"])
            for match in try #require(rule["matches"] as? [[String: Any]]) { #expect(Set(match.keys) == ["number", "title", "url"]) }
        }
        func match(_ number: Int, _ title: String, _ path: String = "issues") -> [String: Any] {
            ["number": number, "title": title, "url": "https://github.com/acme/rocket/\(path)/\(number)"]
        }
        expectJSON(document, equals: [
            "source": "file:github.jsonl",
            "now": "2024-06-01T00:00:00Z",
            "issues": 7,
            "rules": [
                ["name": "crash-reports", "severity": "error", "matches": [
                    match(100, "rocket panics on `launch --dry-run`"), match(98, "Crash when the config file is empty"),
                    match(81, "Segfault with musl build"),
                ]],
                ["name": "unowned-bugs", "severity": "warning", "matches": [
                    match(89, "Security: config loader follows symlinks outside the project"), match(81, "Segfault with musl build"),
                    match(64, "`rocket doctor` hangs without network"),
                ]],
                ["name": "pull-requests", "severity": "info", "matches": [match(99, "docs: fix typo in the quick start", "pull")]],
                ["name": "closed-in-milestone", "severity": "info", "matches": [match(87, "Panic when a stage name is empty")]],
            ] as [Any],
            "errors": [] as [Any],
        ] as [String: Any])
    }

    @Test func markdown() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--format", "markdown"] + Self.now)
        #expect(output.status == 1)
        #expect(output.stderr == "")
        try expectSnapshot(output.stdout, named: "check.md")
    }

    @Test func standardInput() async throws {
        let input = try Data(contentsOf: Self.directory.appendingPathComponent("normalized.jsonl"))
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "-", "--format", "jsonl"] + Self.now, stdin: input)
        #expect(output.status == 1)
        #expect(output.stdoutLines == Self.expectedLines)
        #expect(output.stderr == "")
        let json = try await Self.check(["--rules", "rules.yaml", "--source", "-", "--format", "json"] + Self.now, stdin: input)
        let document = try #require(try parseJSON(json.stdoutData) as? [String: Any])
        #expect(document["issues"] as? Int == 7)
    }

    /// SPEC §3: a rule file's `source:` is relative to the file; `--source` wins over it.
    @Test func sourceFromTheRuleFile() async throws {
        let output = try await Triage.run(["check", "--rules", "check/with-source/rules.yaml", "--format", "json"] + Self.now)
        #expect(output.status == 0, "\(output)")
        let document = try #require(try parseJSON(output.stdoutData) as? [String: Any])
        #expect(document["source"] as? String == "file:check/with-source/../github.jsonl")
        #expect(document["issues"] as? Int == 7)

        let pullRequest = #"{"number": 5, "title": "A pull request", "kind": "pull_request", "created": "2024-05-01"}"# + "\n"
        let overridden = try await Triage.run(["check", "--rules", "check/with-source/rules.yaml", "--source", "-", "--format", "jsonl"] + Self.now,
                                        stdin: Data(pullRequest.utf8))
        #expect(overridden.status == 0)
        #expect(overridden.stdoutLines == [#"{"rule":"pull-requests","severity":"info","number":5,"title":"A pull request","url":""}"#])
    }

    /// With several rule files, "rule order" is the order of the files on the command line.
    @Test func ruleOrderFollowsTheRuleFiles() async throws {
        let issue81 = try #require(try String(contentsOf: Self.directory.appendingPathComponent("normalized.jsonl"), encoding: .utf8)
            .split(separator: "\n").first { $0.contains(#""number": 81,"#) })
        let input = Data((issue81 + "\n").utf8)
        let lazyLine = #"{"rule":"maintainer-spoke-last","severity":"warning","number":81,"title":"Segfault with musl build","url":"https://github.com/acme/rocket/issues/81"}"#
        let lazyFirst = try await Self.check(["--rules", "lazy.yaml", "--rules", "rules.yaml", "--source", "-", "--format", "jsonl"] + Self.now, stdin: input)
        #expect(lazyFirst.stdoutLines == [lazyLine, Self.expectedLines[5], Self.expectedLines[6]])
        let lazyLast = try await Self.check(["--rules", "rules.yaml", "--rules", "lazy.yaml", "--source", "-", "--format", "jsonl"] + Self.now, stdin: input)
        #expect(lazyLast.stdoutLines == [Self.expectedLines[5], Self.expectedLines[6], lazyLine])
    }

    // MARK: Exit codes

    @Test func failOnThresholds() async throws {
        let base = ["--rules", "rules.yaml", "--source", "file:github.jsonl", "--format", "jsonl"] + Self.now
        // Only the info rule: below the default threshold (error).
        let infoOnly = try await Self.check(base + ["--rule", "pull-requests"])
        #expect(infoOnly.status == 0, "\(infoOnly)")
        #expect(infoOnly.stdoutLines == [Self.expectedLines[1]])
        #expect(try await Self.check(base + ["--rule", "pull-requests", "--fail-on", "info"]).status == 1)
        #expect(try await Self.check(base + ["--rule", "pull-requests", "--fail-on", "warning"]).status == 0)
        #expect(try await Self.check(base + ["--rule", "unowned-bugs", "--fail-on", "warning"]).status == 1)
        #expect(try await Self.check(base + ["--rule", "unowned-bugs"]).status == 0)
        // An error-severity match fails by default, and never with --fail-on none.
        #expect(try await Self.check(base).status == 1)
        #expect(try await Self.check(base + ["--fail-on", "error"]).status == 1)
        let none = try await Self.check(base + ["--fail-on", "none"])
        #expect(none.status == 0)
        #expect(none.stdoutLines == Self.expectedLines)
        // --rule keeps the order of the rule files, not of the flags.
        let two = try await Self.check(base + ["--rule", "unowned-bugs", "--rule", "crash-reports"])
        #expect(two.stdoutLines == Self.expectedLines.filter { $0.contains(#""unowned-bugs""#) || $0.contains(#""crash-reports""#) })
    }

    @Test func unknownRuleNameIsAUsageErrorWithASuggestion() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--rule", "pull-request"] + Self.now)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: no rule named `pull-request`; did you mean `pull-requests`?\n")
    }

    @Test func invalidRulesExit2() async throws {
        let output = try await Self.check(["--rules", "../lint/codes/unknown-name.yaml", "--source", "file:github.jsonl"] + Self.now)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderrLines.first == "../lint/codes/unknown-name.yaml:3:31: error[unknown-name]: unknown name `labls`; did you mean `labels`?")
        #expect(output.stderrLines.last == "1 error, 0 warnings, 0 notes")
    }

    @Test func badNowIsAUsageError() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:github.jsonl", "--now", "yesterday"])
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: --now must be a date (2024-06-01) or an RFC 3339 time (2024-06-01T12:00:00Z), not `yesterday`\n")
    }

    @Test func missingSourceIsAUsageError() async throws {
        let output = try await Self.check(["--rules", "rules.yaml"] + Self.now)
        #expect(output.status == 2)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: no source: pass --source (e.g. --source file:issues.jsonl) or set `source:` in a rule file (in GitHub Actions or GitLab CI the job's own repository is the default)\n")
    }

    @Test func missingSourceFileExits3() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:no-such-issues.jsonl"] + Self.now)
        #expect(output.status == 3)
        #expect(output.stdout == "")
        #expect(output.stderr == "error: no-such-issues.jsonl: No such file or directory\n")
    }

    /// `malformed.jsonl` is `normalized.jsonl` with line 4 (#89) cut short.
    @Test func malformedLineExits3NamingFileAndLine() async throws {
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "file:malformed.jsonl", "--format", "jsonl"] + Self.now)
        #expect(output.status == 3)
        #expect(output.stderr == "error: malformed.jsonl:4: incomplete JSON object: JSON Lines needs one whole object per line (put pretty-printed objects in a JSON array, or use jq -c)\n")
        // Nothing is printed: the three issues before the bad line are still in the engine's first
        // batch when the source fails, and a failed source discards the work in flight. (A prefix
        // check of the expected lines would pass on any empty output.)
        #expect(output.stdout == "")
    }

    @Test func malformedLineOnStandardInput() async throws {
        let input = Data(#"""
            {"number": 1, "created": "2024-01-01", "title": "ok"}
            {"number": 2, "created": "2024-01-01", "title": "bad" "x"}

            """#.utf8)
        let output = try await Self.check(["--rules", "rules.yaml", "--source", "-", "--format", "jsonl"] + Self.now, stdin: input)
        #expect(output.status == 3)
        #expect(output.stderr == "error: <stdin>:2: unexpected '\"', expected ',' or '}' (at byte 54)\n")
    }

    @Test func keepGoingSkipsTheMalformedLine() async throws {
        let base = ["--rules", "rules.yaml", "--source", "file:malformed.jsonl", "--format", "jsonl", "--keep-going"] + Self.now
        let output = try await Self.check(base)
        #expect(output.status == 1)
        #expect(output.stdoutLines == Self.expectedLines.filter { !$0.contains(#""number":89,"#) })
        #expect(output.stderr == "warning: skipped 1 malformed record (--keep-going)\n")
        let clean = try await Self.check(base + ["--rule", "pull-requests"])
        #expect(clean.status == 0)
        #expect(clean.stdoutLines == [Self.expectedLines[1]])
        #expect(clean.stderr == "warning: skipped 1 malformed record (--keep-going)\n")
        let json = try await Self.check(base.map { $0 == "jsonl" ? "json" : $0 })
        let document = try #require(try parseJSON(json.stdoutData) as? [String: Any])
        #expect(document["issues"] as? Int == 6)
    }

    // MARK: Lazy fields

    /// `lazy.yaml` reads `last_comment`; only #81 embeds `comments_data`, and #89 and #64 have
    /// comments but no comment data (#100, #98 have none, so they need no fetch).
    @Test func lazyFieldWithoutEmbeddedCommentsIsAPerIssueError() async throws {
        let text = try await Self.check(["--rules", "lazy.yaml", "--source", "file:github.jsonl"] + Self.now)
        #expect(text.status == 3)
        #expect(withoutElapsedTime(text.stdout) == """
            maintainer-spoke-last [warning]: 1 match
              #81 Segfault with musl build
                  https://github.com/acme/rocket/issues/81
            errors: 2
              maintainer-spoke-last on #89: file:github.jsonl has no comments for this issue
              maintainer-spoke-last on #64: file:github.jsonl has no comments for this issue
            7 issues read from file:github.jsonl, 1 match of 1 rule, 2 errors, 0 API calls, <elapsed>

            """)
        #expect(text.stderr == "error: 2 rule evaluations failed (listed in the report)\n")

        let json = try await Self.check(["--rules", "lazy.yaml", "--source", "file:github.jsonl", "--format", "json"] + Self.now)
        #expect(json.status == 3)
        let document = try #require(try parseJSON(json.stdoutData) as? [String: Any])
        expectJSON(document["errors"] ?? NSNull(), equals: [
            ["rule": "maintainer-spoke-last", "number": 89, "message": "file:github.jsonl has no comments for this issue"],
            ["rule": "maintainer-spoke-last", "number": 64, "message": "file:github.jsonl has no comments for this issue"],
        ] as [Any])

        let lines = try await Self.check(["--rules", "lazy.yaml", "--source", "file:github.jsonl", "--format", "jsonl"] + Self.now)
        #expect(lines.status == 3)
        #expect(lines.stdoutLines == [
            #"{"rule":"maintainer-spoke-last","severity":"warning","number":81,"title":"Segfault with musl build","url":"https://github.com/acme/rocket/issues/81"}"#,
        ])
        #expect(lines.stderrLines == [
            "error: rule maintainer-spoke-last on #89: file:github.jsonl has no comments for this issue",
            "error: rule maintainer-spoke-last on #64: file:github.jsonl has no comments for this issue",
            "error: 2 rule evaluations failed (listed above on stderr)",
        ])
    }

    @Test(arguments: ["github.jsonl", "normalized.jsonl"])
    func lazyFieldWithEmbeddedCommentsEvaluates(_ file: String) async throws {
        // Only #81, which embeds comments_data: the last comment is by carol, a maintainer.
        let line = try #require(try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            .split(separator: "\n").first { $0.contains(#""number":81,"#) || $0.contains(#""number": 81,"#) })
        let output = try await Self.check(["--rules", "lazy.yaml", "--source", "-", "--format", "jsonl"] + Self.now, stdin: Data((line + "\n").utf8))
        #expect(output.status == 0, "a warning is below the default --fail-on error")
        #expect(output.stdoutLines == [
            #"{"rule":"maintainer-spoke-last","severity":"warning","number":81,"title":"Segfault with musl build","url":"https://github.com/acme/rocket/issues/81"}"#,
        ])
        #expect(output.stderr == "")
    }
}
