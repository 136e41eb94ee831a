import Foundation
import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// Hostile and broken rule files: each gives one clear diagnostic with a line and a column, fast,
/// never a crash or a hang.
struct BadInputTests {
    static func loadBytes(_ bytes: [UInt8], path: String = "rules.yaml") -> LoadedRules {
        RuleLoader.load([(path: path, bytes: bytes)])
    }

    /// Expects exactly one error with `code` at `line:column` and returns it.
    @discardableResult
    static func expectOne(_ loaded: LoadedRules, _ code: String, _ line: Int, _ column: Int,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FileDiagnostic? {
        #expect(loaded.diagnostics.count == 1, "\(describe(loaded.diagnostics))", sourceLocation: sourceLocation)
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.code == code, "\(describe(loaded.diagnostics))", sourceLocation: sourceLocation)
        #expect(diagnostic?.start == LineColumn(line: line, column: column), "\(describe(loaded.diagnostics))", sourceLocation: sourceLocation)
        #expect(diagnostic?.severity == .error, sourceLocation: sourceLocation)
        #expect(loaded.files.isEmpty || loaded.ruleSet.rules.isEmpty, sourceLocation: sourceLocation)
        return diagnostic
    }

    // MARK: Empty

    @Test(arguments: ["", "\n\n", "# only a comment\n# and another\n", "---\n", "---\n...\n", "   \n   \n"])
    func emptyFilesSayTheyAreEmpty(text: String) {
        let diagnostic = Self.expectOne(loadRuleFile(text), "empty-file", 1, 1)
        #expect(diagnostic?.message.contains("rules:") == true)
    }

    @Test func aFileWithRulesButNoneInIt() {
        #expect(loadRuleFile("rules: []\n").diagnostics.isEmpty)
        Self.expectOne(loadRuleFile("rules:\n"), "wrong-type", 1, 7)
    }

    @Test(arguments: ["- a\n- b\n", "just text\n", "42\n"])
    func aRootThatIsNoMappingIsTheWrongType(text: String) {
        let diagnostic = Self.expectOne(loadRuleFile(text), "wrong-type", 1, 1)
        #expect(diagnostic?.message.contains("a rule file must be a mapping") == true)
    }

    // MARK: Not text

    @Test func aNULByteMeansBinary() {
        let file = MarkedRuleFile("rules:\n  - name: a1️⃣\u{0}b\n    when: draft\n")
        let diagnostic = expectSingle(file, "unreadable-file")
        #expect(diagnostic?.message.contains("NUL") == true)
    }

    @Test func aBinaryFileIsReportedNotParsed() {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        bytes += (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let loaded = Self.loadBytes(bytes)
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.code == "unreadable-file")
        #expect(loaded.diagnostics.first?.start.line == 1)
    }

    @Test(arguments: [
        // (text before the bad bytes, the bad bytes, the byte named in the message)
        ("rules:\n  - name: caf", [0xC3, 0x28] as [UInt8], "0xC3"),
        ("rules:\n  - name: é🐛", [0xFF], "0xFF"),
        ("rules:\n  - name: x\n    when: >-\n      title == \"", [0xC0, 0xAF], "0xC0"),
        ("rules:\n  - name: x\n    description: ", [0xED, 0xA0, 0x80], "0xED"),
        ("rules:\n  - name: truncated ", [0xE2, 0x82], "0xE2"),
    ])
    func invalidUTF8IsReportedAtTheBadByte(prefix: String, bad: [UInt8], byte: String) {
        let bytes = Array(prefix.utf8) + bad + Array(" rest\n".utf8)
        let lines = prefix.split(separator: "\n", omittingEmptySubsequences: false)
        let line = lines.count
        let column = lines.last!.unicodeScalars.count + 1
        let diagnostic = Self.expectOne(Self.loadBytes(bytes), "unreadable-file", line, column)
        #expect(diagnostic?.message.contains("not UTF-8") == true)
        #expect(diagnostic?.message.contains(byte) == true, "\(diagnostic?.message ?? "")")
    }

    @Test func aUTF16FileIsNotUTF8() {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in "rules: []\n".utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        Self.expectOne(Self.loadBytes(bytes), "unreadable-file", 1, 1)
    }

    @Test func aByteOrderMarkIsNotAColumn() {
        let loaded = loadRuleFile("\u{FEFF}rules:\n  - name: a\n    when: lockd\n")
        #expect(positions(loaded.diagnostics) == ["3:11 unknown-name"])
        let first = loadRuleFile("\u{FEFF}verison: 1\nrules: []\n")
        #expect(positions(first.diagnostics) == ["1:1 unknown-key"], "a BOM is invisible in editors, so it takes no column")
    }

    @Test func windowsLineEndingsKeepPositions() {
        let loaded = loadRuleFile("rules:\r\n  - name: a\r\n    when: >-\r\n      draft\r\n      and lockd\r\n")
        #expect(positions(loaded.diagnostics) == ["5:11 unknown-name"])
    }

    // MARK: YAML structure

    @Test func aSecondDocumentIsAnError() {
        let diagnostic = Self.expectOne(loadRuleFile("rules: []\n---\nrules: []\n"), "yaml-syntax", 2, 1)
        #expect(diagnostic?.message.isEmpty == false)
    }

    @Test(arguments: [
        ("rules:\n  - name: a\n\twhen: draft\n", 3),
        ("rules:\n\t- name: a\n\t  when: draft\n", 2),
        ("rules:\n  - name: a\n    when: >-\n\tdraft\n", 4),
        ("rules:\n  - name: a\n    when: draft\n\t\n", 4),
    ])
    func tabsForIndentationSayToUseSpaces(text: String, line: Int) {
        let diagnostic = Self.expectOne(loadRuleFile(text), "yaml-syntax", line, 1)
        #expect(diagnostic?.suggestion?.contains("spaces") == true, "\(diagnostic?.message ?? "") / \(diagnostic?.suggestion ?? "no suggestion")")
    }

    @Test(arguments: [#"when: "bug" in labels"#, #"when: title ~ "type: bug""#, "when: state == \"open\" and title ~ \"fix: \""])
    func expressionsYAMLMisreadsSayHowToWriteThem(when: String) {
        let loaded = loadRuleFile("rules:\n  - name: a\n    \(when)\n")
        #expect(loaded.diagnostics.count == 1, "\(describe(loaded.diagnostics))")
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.code == "yaml-syntax")
        #expect(diagnostic?.start.line == 3)
        #expect(diagnostic?.suggestion?.contains("when: >-") == true, "\(diagnostic?.message ?? ""): \(diagnostic?.suggestion ?? "no suggestion")")
    }

    @Test func anUnclosedFlowCollection() {
        let loaded = loadRuleFile("rules: [{name: a, when: draft}\n")
        #expect(loaded.diagnostics.count == 1)
        #expect(loaded.diagnostics.first?.code == "yaml-syntax")
        #expect(loaded.diagnostics.first?.start.line == 2)
    }

    // MARK: Resource exhaustion

    @Test func tenThousandNestedFlowSequencesFailFast() {
        let text = "rules: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"
        // Failing fast means failing at the nesting limit, not after parsing everything: the
        // error's position says where the loader stopped. Load times are in `triage-bench`.
        let loaded = loadRuleFile(text)
        #expect(loaded.diagnostics.count == 1, "\(describe(loaded.diagnostics))")
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.code == "yaml-syntax")
        #expect(diagnostic?.start.line == 1)
        #expect((diagnostic?.start.column ?? 0) > 8, "points into the brackets")
        #expect(diagnostic?.message.contains("nest") == true, "\(diagnostic?.message ?? "")")
    }

    @Test func deeplyNestedBlockMappingsFailFast() {
        var text = ""
        for depth in 0..<1_000 { text += String(repeating: " ", count: depth) + "a:\n" }
        let loaded = loadRuleFile(text)
        #expect(loaded.diagnostics.count == 1, "\(describe(loaded.diagnostics))")
        #expect(loaded.diagnostics.first?.code == "yaml-syntax")
        #expect((loaded.diagnostics.first?.start.line ?? 0) > 1)
    }

    @Test func aBillionLaughsAliasBombIsStopped() {
        var text = "lol0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...9 {
            text += "lol\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        text += "rules: []\n"
        // Stopped at the alias that went over the budget (its line, below), not after expanding
        // 10^10 nodes. Load times are in `triage-bench`.
        let loaded = loadRuleFile(text)
        #expect(loaded.diagnostics.count == 1, "\(describe(loaded.diagnostics))")
        let diagnostic = loaded.diagnostics.first
        #expect(diagnostic?.code == "yaml-syntax")
        #expect((diagnostic?.start.line ?? 0) > 1, "points at the alias that went over the limit")
        #expect(diagnostic?.message.contains("alias") == true, "\(diagnostic?.message ?? "")")
    }

    @Test func aFiveMegabyteFileOfFiveThousandRulesLoads() throws {
        let padding = String(repeating: "Long descriptions are what make rule files big. ", count: 16)
        var text = "lists:\n  maintainers: [alice, bob, carol]\nmacros:\n  untriaged: not any(labels, l => l ~ \"^triage/\")\nrules:\n"
        for index in 0..<5_000 {
            text += """
                  - name: rule-\(index)
                    description: >-
                      \(padding)\(index)
                    severity: \(["info", "warning", "error"][index % 3])
                    when:
                      - state == "open" and untriaged
                      - author not in maintainers and idle > \(index % 90 + 1)d
                    actions:
                      - label: [needs-triage, rule-\(index)]
                      - comment: "Hi @{{ author }}, rule \(index) noticed this."
                    tests:
                      - now: 2024-06-01T00:00:00Z
                        issue: {state: open, author: dave, updated: 2023-01-01}
                        expect: match

                """
        }
        #expect(text.utf8.count > 5_000_000)
        // How long this takes is measured by `triage-bench` (BENCHMARKS.md), not asserted here.
        let loaded = loadRuleFile(text)
        #expect(loaded.diagnostics.isEmpty, "\(describe(Array(loaded.diagnostics.prefix(5))))")
        #expect(loaded.ruleSet.rules.count == 5_000)
        #expect(loaded.ruleSet.rules.last?.name == "rule-4999")
    }
}
