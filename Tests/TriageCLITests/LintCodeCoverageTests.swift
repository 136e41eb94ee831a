import Foundation
import Testing

/// Every diagnostic code `triage lint` has (the language's `DiagnosticCode`, the rule-file format's
/// `RuleFileCode`, the lint checks' codes) is produced by some fixture, through the CLI.
@Suite struct LintCodeCoverageTests {
    /// `Fixtures/lint/codes/NAME.yaml`: the first line of its text output (after `codes/NAME.yaml:`)
    /// and lint's exit status. Its first finding has code NAME (`mixed-list-literal` too: the code is
    /// `mixed-list`, from a list literal in an expression instead of a `lists:` entry).
    static let codeFixtures: [String: (firstLine: String, status: Int32)] = [
        "catastrophic-regex": ("3:31: warning[catastrophic-regex]: the group `(a+)+` repeats something that already repeats; this regex can take exponential time on crafted input", 0),
        "chained-comparison": ("3:24: error[chained-comparison]: comparison operators cannot be chained: `<` already compares two values", 1),
        "constant-condition": ("3:31: warning[constant-condition]: this contradicts `state == \"open\"`: `state` cannot equal both \"open\" and \"closed\", so rule `never` never matches", 0),
        "duplicate-conjunct": ("5:19: warning[duplicate-conjunct]: `state == \"open\"` is already required by rule `twice`", 0),
        "empty-expression": ("3:15: error[empty-expression]: the condition is empty", 1),
        "flip-flop": ("11:9: warning[flip-flop]: rule `unmark-stale` undoes rule `mark-stale`'s `label: stale` (line 6) on the next run: its condition can hold right after `mark-stale` writes", 0),
        "invalid-action": ("5:9: error[invalid-action]: unknown action `lable`; did you mean `label`? (actions: label, unlabel, comment, close, reopen, assign, unassign, lock, unlock, milestone, report)", 1),
        "invalid-duration": ("3:37: error[invalid-duration]: durations have no months: write days instead", 1),
        "invalid-escape": ("3:20: error[invalid-escape]: unknown escape `\\[` (escapes are \\\" \\\\ \\n \\t \\r \\u{…}); in a regex, double the backslash", 1),
        "invalid-name": ("2:11: error[invalid-name]: rule name `Needs_Triage` must be lowercase-kebab (a-z, 0-9, single dashes)", 1),
        "invalid-number": ("3:22: error[invalid-number]: integer literal is too large", 1),
        "invalid-regex": ("3:19: error[invalid-regex]: invalid regular expression: `(` is not closed", 1),
        "invalid-test": ("6:17: error[invalid-test]: `expect` is `match` or `no-match`, not `matches`", 1),
        "invalid-time": ("3:21: error[invalid-time]: not a valid date or time", 1),
        "invalid-timestamp": ("5:14: error[invalid-timestamp]: `now` must be a date (2024-01-31) or an RFC 3339 time (2024-01-31T12:00:00Z), not `yesterday`", 1),
        "invalid-version": ("1:10: error[invalid-version]: `version` must be 1, the only version there is", 1),
        "macro-cycle": ("3:16: error[macro-cycle]: macro `waiting` refers to itself: `waiting` → `stalled` → `waiting`", 1),
        "misplaced-lambda": ("3:15: error[misplaced-lambda]: `len` takes no lambda: len(list | string) -> int", 1),
        "missing-key": ("2:5: error[missing-key]: a rule needs a `name`", 1),
        "mixed-list-literal": ("4:21: error[mixed-list]: list elements must all have one type: this is string, the first was int", 1),
        "mixed-list": ("2:8: error[mixed-list]: list `ids` mixes strings and integers; quote the numbers to make them strings", 1),
        "nesting-too-deep": ("4:263: error[nesting-too-deep]: expression is nested more than 256 levels deep", 1),
        "non-boolean-condition": ("3:11: error[non-boolean-condition]: a condition must be bool, but this is int", 1),
        "not-an-operator": ("3:17: error[not-an-operator]: `&&` is not an operator; write `and`", 1),
        "pattern-not-literal": ("5:19: error[pattern-not-literal]: the pattern of `~` must be a string literal, so it is compiled once", 1),
        "reserved-name": ("2:3: error[reserved-name]: list `labels` would hide the field, function or keyword of that name; rename it", 1),
        "test-needs-now": ("5:9: error[test-needs-now]: rule `old` depends on the current time, so its tests must give `now:`", 1),
        "type-mismatch": ("3:11: error[type-mismatch]: cannot compare time with duration using `>`; a time is compared with a time; for how long ago, compare `age` with the duration", 1),
        "unclosed-delimiter": ("3:11: error[unclosed-delimiter]: `(` is not closed", 1),
        "unexpected-character": ("3:40: error[unexpected-character]: strings are written in double quotes", 1),
        "unexpected-token": ("3:27: error[unexpected-token]: `)` has no opening partner", 1),
        "unguarded-lazy-field": ("3:11: warning[unguarded-lazy-field]: `last_comment` costs an API call per issue and nothing cheaper filters issues first", 0),
        "unknown-function": ("3:11: error[unknown-function]: unknown function `strats_with`; did you mean `starts_with`?", 1),
        "unknown-lint-code": ("2:12: error[unknown-lint-code]: unknown lint code `unused-definitions`; did you mean `unused-definition`?", 1),
        "unknown-member": ("3:61: error[unknown-member]: a comment has no member `athor`; did you mean `author`?", 1),
        "unknown-name": ("3:31: error[unknown-name]: unknown name `labls`; did you mean `labels`?", 1),
        "unterminated-string": ("4:16: error[unterminated-string]: string literal is not closed", 1),
        "untested-rule": ("2:5: info[untested-rule]: rule `label-crashes` has actions but no tests", 0),
        "unused-definition": ("2:3: warning[unused-definition]: list `maintainers` is never used", 0),
        "wrong-arity": ("3:11: error[wrong-arity]: `starts_with` takes 2 arguments but got 1: starts_with(string, prefix) -> bool", 1),
        "wrong-type": ("4:18: error[wrong-type]: `description` must be text, found a list", 1),
    ]

    @Test(arguments: codeFixtures.keys.sorted())
    func codeFixture(_ name: String) async throws {
        let expected = try #require(Self.codeFixtures[name])
        let path = "codes/\(name).yaml"
        let output = try await Triage.run(["lint", "--color", "never", path], in: LintTests.directory)
        #expect(output.stdoutLines.first == "\(path):\(expected.firstLine)")
        #expect(output.status == expected.status, "\(output)")
        let json = try await Triage.run(["lint", "--format", "json", path], in: LintTests.directory)
        let codes = try #require(try parseJSON(json.stdoutData) as? [[String: Any]]).compactMap { $0["code"] as? String }
        let code = name == "mixed-list-literal" ? "mixed-list" : name
        // One finding, or the same finding twice (`\[` and `\]` in invalid-escape.yaml).
        #expect(!codes.isEmpty && codes.allSatisfy { $0 == code }, "\(codes)")
    }

    /// Every rule file under `Fixtures/lint`, relative to it, sorted.
    static func fixtureFiles() throws -> [String] {
        let root = LintTests.directory
        let enumerator = try #require(FileManager.default.enumerator(atPath: root.path))
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
    }

    /// The codes declared in the sources: `case x = "code"` in `DiagnosticCode` and `RuleFileCode`,
    /// `let code = "code"` in the lint checks.
    static func declaredCodes() throws -> Set<String> {
        let sources = Triage.packageRoot.appendingPathComponent("Sources")
        var codes = Set<String>()
        for path in ["TriageLanguage/Diagnostics/DiagnosticCode.swift", "TriageRules/Model/FileDiagnostic.swift"] {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for match in text.matches(of: /case \w+ = "([a-z-]+)"/) { codes.insert(String(match.output.1)) }
        }
        let checks = sources.appendingPathComponent("TriageRules/Lint/Checks")
        for file in try FileManager.default.contentsOfDirectory(atPath: checks.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: checks.appendingPathComponent(file), encoding: .utf8)
            for match in text.matches(of: /let code = "([a-z-]+)"/) { codes.insert(String(match.output.1)) }
        }
        return codes
    }

    @Test func everyCodeIsProducedByAFixture() async throws {
        let declared = try Self.declaredCodes()
        // 24 language codes, 18 rule-file codes (two share their names with language codes), 7 checks.
        #expect(declared.count >= 47, "\(declared.sorted())")

        var produced = Set<String>()
        var arguments = try Self.fixtureFiles().map { [$0] }
        arguments.append(["duplicates"])
        arguments.append(["no-such-file.yaml"])
        for paths in arguments {
            let output = try await Triage.run(["lint", "--format", "json"] + paths, in: LintTests.directory)
            let diagnostics = try #require(try parseJSON(output.stdoutData) as? [[String: Any]], "\(paths)")
            for diagnostic in diagnostics { produced.insert(try #require(diagnostic["code"] as? String)) }
        }
        #expect(declared.subtracting(produced).sorted() == [], "codes no fixture produces")
        #expect(produced.subtracting(declared).sorted() == [], "codes the sources do not declare")
    }

    /// A fixture nobody asserts anything about is dead weight: each is a case of `LintTests` or here.
    @Test func everyFixtureIsChecked() async throws {
        var covered = Set(LintTests.cases.map(\.path))
        covered.formUnion(Self.codeFixtures.keys.map { "codes/\($0).yaml" })
        covered.formUnion(["duplicates/a.yaml", "duplicates/b.yaml", "directory/first.yaml", "directory/second.yml"])
        #expect(Set(try Self.fixtureFiles()).subtracting(covered).sorted() == [])
    }
}
