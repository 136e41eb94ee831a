import Foundation
import Testing

/// `triage lint` on the broken rule files in `Fixtures/lint`: positions, codes, formats, exit codes.
@Suite struct LintTests {
    static let directory = fixture("lint")

    static func lint(_ arguments: [String], in directory: URL = directory) async throws -> Triage.Output {
        try await Triage.run(["lint"] + arguments, in: directory)
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var path: String
        var firstLine: String
        var status: Int32 = 1
        var testDescription: String { path }
    }

    /// The first line of the text output, `file:line:col: severity[code]: message`, of each broken file.
    static let cases: [Case] = [
        Case(path: "unknown-key.yaml",
             firstLine: "unknown-key.yaml:3:5: error[unknown-key]: unknown key `descripton` in a rule; did you mean `description`? (allowed: name, description, when, severity, actions, tests, lint)"),
        Case(path: "yaml-syntax.yaml",
             firstLine: "yaml-syntax.yaml:3:17: error[yaml-syntax]: invalid YAML: did not find expected key (while parsing a block mapping that started at line 2, column 5)"),
        // `age > 30` on the second line of a `>-` block scalar, indented by six spaces after `and `.
        Case(path: "block-scalar-type-error.yaml",
             firstLine: "block-scalar-type-error.yaml:5:11: error[type-mismatch]: cannot compare duration with int using `>`; durations have units: write `30d` (or m, h, w)"),
        // In a double-quoted scalar, after `\"`, `\\`, `\u00e9` escapes; the token itself starts with the escape `\u0063` ("c").
        Case(path: "quoted-type-error.yaml", firstLine: "quoted-type-error.yaml:3:41: error[type-mismatch]: cannot compare int with string using `>`"),
        Case(path: "unknown-template-field.yaml",
             firstLine: "unknown-template-field.yaml:5:26: error[invalid-template]: unknown template field `autor`; did you mean `author`?"),
        Case(path: "duplicates",
             firstLine: "duplicates/b.yaml:4:11: error[duplicate-rule]: rule `open-issues` is already defined at duplicates/a.yaml:2:11"),
        Case(path: "bad-severity.yaml", firstLine: "bad-severity.yaml:4:15: error[invalid-severity]: severity must be info, warning or error, not `warn`"),
        Case(path: "tabs.yaml",
             firstLine: "tabs.yaml:3:1: error[yaml-syntax]: invalid YAML: found a tab character that violates indentation (while scanning a plain scalar that started at line 2, column 11)"),
        Case(path: "empty.yaml", firstLine: "empty.yaml:1:1: error[empty-file]: the rule file is empty; it needs `rules:`"),
        Case(path: "non-utf8.yaml", firstLine: "non-utf8.yaml:2:14: error[unreadable-file]: the file is not UTF-8 text (invalid byte 0xE9)", status: 2),
        Case(path: "binary.yaml", firstLine: "binary.yaml:2:14: error[unreadable-file]: the file holds a NUL byte: it is binary, not a rule file", status: 2),
        Case(path: "multi-document.yaml",
             firstLine: "multi-document.yaml:4:1: error[yaml-syntax]: invalid YAML: a rule file holds one YAML document; found a second one here"),
        // 👍🏽 is two Unicode scalars: columns count scalars.
        Case(path: "unicode-columns.yaml", firstLine: "unicode-columns.yaml:3:34: error[unknown-name]: unknown name `labls`; did you mean `labels`?"),
        Case(path: "clean.yaml", firstLine: "no problems found", status: 0),
    ]

    @Test(arguments: cases)
    func firstLine(_ testCase: Case) async throws {
        let output = try await Self.lint(["--color", "never", testCase.path])
        #expect(output.stdoutLines.first == testCase.firstLine)
        #expect(output.status == testCase.status, "\(output)")
        #expect(output.stderr == "")
    }

    @Test func yamlMisreadingAnExpressionSuggestsABlockScalar() async throws {
        let output = try await Self.lint(["--color", "never", "yaml-syntax.yaml"])
        #expect(output.stdout == """
            yaml-syntax.yaml:3:17: error[yaml-syntax]: invalid YAML: did not find expected key (while parsing a block mapping that started at line 2, column 5)
              |
            3 |     when: "bug" in labels
              |                 ^
              = help: write the expression as a block scalar (`when: >-` with the expression on the next lines) or quote all of it

            1 error, 0 warnings, 0 notes

            """)
    }

    @Test func caretsUnderTheTokenInsideAQuotedScalar() async throws {
        let output = try await Self.lint(["--color", "never", "quoted-type-error.yaml"])
        #expect(output.stdout == #"""
            quoted-type-error.yaml:3:41: error[type-mismatch]: cannot compare int with string using `>`
              |
            3 |     when: "title != \"a\\tb\u00e9\" and \u0063omments > \"3\""
              |                                         ^^^^^^^^^^^^^^^^^^^^^

            1 error, 0 warnings, 0 notes

            """#)
    }

    @Test func tabsAndNonUTF8ShowTheLine() async throws {
        let tabs = try await Self.lint(["--color", "never", "tabs.yaml"])
        #expect(Array(tabs.stdoutLines.dropFirst().prefix(4)) == [
            "  |",
            "3 |  when: state == \"open\"",
            "  | ^",
            "  = help: indent with spaces; YAML does not allow tabs for indentation",
        ])
        let bytes = try await Self.lint(["--color", "never", "non-utf8.yaml"])
        #expect(Array(bytes.stdoutLines.dropFirst().prefix(3)) == ["  |", "2 |   - name: caf\u{FFFD}", "  |              ^"])
    }

    @Test func colorOnlyWhenAsked() async throws {
        let never = try await Self.lint(["--color", "never", "codes/unused-definition.yaml"])
        let auto = try await Self.lint(["codes/unused-definition.yaml"])
        let always = try await Self.lint(["--color", "always", "codes/unused-definition.yaml"])
        #expect(!never.stdout.contains("\u{1B}["))
        #expect(auto.stdout == never.stdout, "stdout is a pipe, so auto means no color")
        #expect(always.stdout.hasPrefix("\u{1B}[1mcodes/unused-definition.yaml:2:3:\u{1B}[0m \u{1B}[1;33mwarning\u{1B}[0m"))
        #expect(always.stdout.replacing(/\x{1B}\[[0-9;]*m/, with: "") == never.stdout)
    }

    // MARK: Formats

    @Test func jsonFormat() async throws {
        let output = try await Self.lint(["--format", "json", "unknown-key.yaml", "yaml-syntax.yaml", "unicode-columns.yaml", "codes/unused-definition.yaml"])
        #expect(output.status == 1)
        let diagnostics = try parseJSON(output.stdoutData)
        expectJSON(diagnostics, equals: [
            ["file": "codes/unused-definition.yaml", "line": 2, "column": 3, "end_line": 2, "end_column": 14, "severity": "warning",
             "code": "unused-definition", "message": "list `maintainers` is never used", "suggestion": "remove it, or use it in a rule"],
            ["file": "unicode-columns.yaml", "line": 3, "column": 34, "end_line": 3, "end_column": 39, "severity": "error", "code": "unknown-name",
             "message": "unknown name `labls`; did you mean `labels`?", "suggestion": "labels"],
            ["file": "unknown-key.yaml", "line": 3, "column": 5, "end_line": 3, "end_column": 15, "severity": "error", "code": "unknown-key",
             "message": "unknown key `descripton` in a rule; did you mean `description`? (allowed: name, description, when, severity, actions, tests, lint)",
             "suggestion": "description"],
            ["file": "yaml-syntax.yaml", "line": 3, "column": 17, "end_line": 3, "end_column": 18, "severity": "error", "code": "yaml-syntax",
             "message": "invalid YAML: did not find expected key (while parsing a block mapping that started at line 2, column 5)",
             "suggestion": "write the expression as a block scalar (`when: >-` with the expression on the next lines) or quote all of it"],
        ] as [Any])
        // Without a suggestion the key is left out, not null.
        let missing = try await Self.lint(["--format", "json", "codes/missing-key.yaml"])
        expectJSON(try parseJSON(missing.stdoutData), equals: [
            ["file": "codes/missing-key.yaml", "line": 2, "column": 5, "end_line": 2, "end_column": 39, "severity": "error",
             "code": "missing-key", "message": "a rule needs a `name`"],
        ] as [Any])
        let clean = try await Self.lint(["--format", "json", "clean.yaml"])
        #expect(clean.status == 0)
        expectJSON(try parseJSON(clean.stdoutData), equals: [] as [Any])
    }

    /// SPEC §5 lists lint severities "error" and "warning"; notes such as `untested-rule` use the
    /// third severity rule files already have, "info" (a documented extension, see the README).
    @Test func jsonSeveritiesAreErrorWarningOrInfo() async throws {
        let output = try await Self.lint(["--format", "json", "codes/untested-rule.yaml", "codes/unused-definition.yaml", "unknown-key.yaml"])
        let diagnostics = try #require(try parseJSON(output.stdoutData) as? [[String: Any]])
        let severities = Set(diagnostics.compactMap { $0["severity"] as? String })
        #expect(severities == ["error", "warning", "info"], "\(severities)")
        #expect(diagnostics.first { $0["code"] as? String == "untested-rule" }?["severity"] as? String == "info")
    }

    @Test func githubFormat() async throws {
        let output = try await Self.lint(["--format", "github", "unknown-key.yaml", "yaml-syntax.yaml", "codes/unused-definition.yaml", "codes/missing-key.yaml"])
        #expect(output.status == 1)
        #expect(output.stdoutLines == [
            "::error file=codes/missing-key.yaml,line=2,col=5,endColumn=39,title=missing-key::a rule needs a `name`",
            "::warning file=codes/unused-definition.yaml,line=2,col=3,endColumn=14,title=unused-definition::list `maintainers` is never used%0Ahelp: remove it, or use it in a rule",
            "::error file=unknown-key.yaml,line=3,col=5,endColumn=15,title=unknown-key::unknown key `descripton` in a rule; did you mean `description`? (allowed: name, description, when, severity, actions, tests, lint)%0Ahelp: description",
            "::error file=yaml-syntax.yaml,line=3,col=17,endColumn=18,title=yaml-syntax::invalid YAML: did not find expected key (while parsing a block mapping that started at line 2, column 5)%0Ahelp: write the expression as a block scalar (`when: >-` with the expression on the next lines) or quote all of it",
        ])
    }

    /// Workflow commands escape `%`, CR and LF in messages, and also `:` and `,` in properties.
    @Test func githubFormatEscaping() async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let name = "odd:name,100%.yaml"
        try Data("rules:\n  - name: odd\n    when: state == \"open\"\n    descriptio%n: 100%\n".utf8).write(to: directory.appendingPathComponent(name))
        let output = try await Self.lint(["--format", "github", name], in: directory)
        #expect(output.status == 1)
        #expect(output.stdout == """
            ::error file=odd%3Aname%2C100%25.yaml,line=4,col=5,endColumn=17,title=unknown-key::unknown key `descriptio%25n` in a rule; did you mean `description`? (allowed: name, description, when, severity, actions, tests, lint)%0Ahelp: description

            """)
    }

    @Test func sarifValidatesAgainstTheSchema() async throws {
        // Every broken fixture at once: many codes, all three severities, paths with directories.
        let fixtures = try LintCodeCoverageTests.fixtureFiles()
        let output = try await Self.lint(["--format", "sarif"] + fixtures)
        #expect(output.status == 2, "non-utf8.yaml and binary.yaml are unreadable input")
        try await Self.expectValidSARIF(output.stdoutData)

        let log = try #require(try parseJSON(output.stdoutData) as? [String: Any])
        #expect(log["version"] as? String == "2.1.0")
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["ruleId"] as? String }) == Set(rules.compactMap { $0["id"] as? String }))
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["error", "warning", "note"])
        let unknownKey = try #require(results.first { $0["ruleId"] as? String == "unknown-key" })
        expectJSON(unknownKey["locations"] ?? NSNull(), equals: [
            ["physicalLocation": [
                "artifactLocation": ["uri": "unknown-key.yaml"],
                "region": ["startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 15],
            ]],
        ] as [Any])

        let clean = try await Self.lint(["--format", "sarif", "clean.yaml"])
        #expect(clean.status == 0)
        try await Self.expectValidSARIF(clean.stdoutData)
    }

    /// Validates with the official SARIF 2.1.0 schema (`Fixtures/sarif-schema-2.1.0.json`) and
    /// Python's `jsonschema`; a missing `jsonschema` fails the test.
    static func expectValidSARIF(_ data: Data, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let document = directory.appendingPathComponent("lint.sarif")
        try data.write(to: document)
        let script = """
            import json, sys
            import jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            document = json.load(open(sys.argv[2], encoding="utf-8"))
            jsonschema.Draft4Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft4Validator(schema).iter_errors(document), key=lambda e: "/".join(map(str, e.absolute_path)))
            for error in errors:
                print("/".join(map(str, error.absolute_path)) + ": " + error.message)
            sys.exit(1 if errors else 0)
            """
        let python = try await Subprocess.run(URL(fileURLWithPath: "/usr/bin/env"),
                                        ["python3", "-c", script, fixture("sarif-schema-2.1.0.json").path, document.path], in: directory)
        #expect(python.status == 0, "SARIF does not validate (or python3 with jsonschema is missing: pip install jsonschema):\n\(python)",
                sourceLocation: sourceLocation)
    }

    // MARK: Exit codes and inputs

    @Test func warningsFailOnlyWithStrict() async throws {
        let warning = try await Self.lint(["--color", "never", "codes/unused-definition.yaml"])
        #expect(warning.status == 0)
        #expect(warning.stdoutLines.last == "0 errors, 1 warning, 0 notes")
        #expect(try await Self.lint(["--strict", "codes/unused-definition.yaml"]).status == 1)
        // An info finding is not a warning: it fails neither way.
        let info = try await Self.lint(["--color", "never", "--strict", "codes/untested-rule.yaml"])
        #expect(info.status == 0)
        #expect(info.stdoutLines.last == "0 errors, 0 warnings, 1 note")
        #expect(try await Self.lint(["--strict", "clean.yaml"]).status == 0)
    }

    @Test func directoryLintsItsYAMLFiles() async throws {
        let output = try await Self.lint(["--color", "never", "directory"])
        #expect(output.status == 1)
        #expect(output.stdout == """
            directory/first.yaml:3:31: error[unknown-name]: unknown name `labls`; did you mean `labels`?
              |
            3 |     when: state == "open" and labls == []
              |                               ^^^^^
              = help: labels

            directory/second.yml:2:3: warning[unused-definition]: list `unused` is never used
              |
            2 |   unused: [a]
              |   ^^^^^^
              = help: remove it, or use it in a rule

            1 error, 1 warning, 0 notes

            """)
    }

    @Test func unreadablePathExits2() async throws {
        let missing = try await Self.lint(["--color", "never", "no-such-dir/rules.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stdoutLines.first == "no-such-dir/rules.yaml:1:1: error[unreadable-file]: cannot read no-such-dir/rules.yaml: no such file or directory")
        // Even next to a readable file with findings.
        #expect(try await Self.lint(["no-such-dir/rules.yaml", "unknown-key.yaml"]).status == 2)

        let empty = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: empty) }
        let none = try await Self.lint([empty.path])
        #expect(none.status == 2)
        #expect(none.stderr == "error: no rule files (*.yaml, *.yml) found in \(empty.path)\n")
        #expect(none.stdout.isEmpty, "nothing to report, so no report")
    }
}
