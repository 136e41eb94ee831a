import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// SPEC §3: the rule file format is strict. Unknown keys are errors with did-you-mean everywhere;
/// every error names file, line and column (here: the marker).
struct SchemaErrorTests {
    // MARK: Unknown keys, everywhere

    @Test(arguments: [
        // (marked rule file, the suggestion)
        ("1️⃣rulez: []\n", "rules"),
        ("rules:\n  - name: a\n    when: draft\n    1️⃣severty: info\n", "severity"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - 1️⃣expected: match\n        issue: {draft: true}\n", "expect"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - expect: match\n        issue: {1️⃣labls: [bug]}\n", "labels"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - expect: match\n        comments: [{1️⃣autor: x}]\n", "author"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - expect: match\n        label_events: [{label: x, 1️⃣acton: added}]\n", "action"),
        ("rules:\n  - name: a\n    when: draft\n    actions:\n      - 1️⃣lable: bug\n", "label"),
        ("rules:\n  - name: a\n    when: draft\n    actions:\n      - close: {1️⃣reson: completed}\n", "reason"),
        ("rules:\n  - name: a\n    when: draft\n    lint: {1️⃣ignores: [untested-rule]}\n", "ignore"),
        ("1️⃣macro:\n  x: draft\nrules: []\n", "macros"),
    ])
    func unknownKeysAreErrorsWithASuggestion(marked: String, suggestion: String) {
        let file = MarkedRuleFile(marked)
        let diagnostic = file.diagnostics.first { $0.start == file["1️⃣"] }
        #expect(diagnostic != nil, "nothing at \(file["1️⃣"]):\n\(describe(file.diagnostics))")
        #expect(["unknown-key", "invalid-action"].contains(diagnostic?.code ?? ""), "\(describe(file.diagnostics))")
        #expect(diagnostic?.suggestion == suggestion)
        #expect(diagnostic?.message.contains("did you mean `\(suggestion)`?") == true, "\(diagnostic?.message ?? "")")
        #expect(diagnostic?.severity == .error)
    }

    @Test func computedFieldsInATestIssueSayWhatToSetInstead() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: age > 7d
                tests:
                  - now: 2024-01-10
                    issue: {1️⃣age: 8d}
                    expect: match
            """)
        let diagnostic = expectSingle(file, "unknown-key")
        #expect(diagnostic?.suggestion == "created")
    }

    // MARK: Missing keys

    @Test func aRuleWithoutANameIsAnError() {
        let file = MarkedRuleFile("""
            rules:
              - 1️⃣when: draft
            """)
        let diagnostic = expectSingle(file, "missing-key")
        #expect(diagnostic?.message.contains("name") == true)
    }

    @Test func aRuleWithoutWhenIsAnErrorAtItsName() {
        let file = MarkedRuleFile("""
            rules:
              - name: 1️⃣no-condition
                severity: info
            """)
        let diagnostic = expectSingle(file, "missing-key")
        #expect(diagnostic?.message.contains("when") == true)
    }

    @Test func aTestWithoutExpectIsAnError() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                tests:
                  - 1️⃣issue: {draft: true}
            """)
        let diagnostic = expectSingle(file, "missing-key")
        #expect(diagnostic?.message.contains("expect") == true)
    }

    @Test func aFileWithoutRulesIsAnError() {
        let file = MarkedRuleFile("""
            1️⃣lists:
              maintainers: [alice]
            """)
        expectSingle(file, "missing-key")
    }

    // MARK: Names

    @Test(arguments: [
        ("NeedsTriage", "needs-triage"), ("needs_triage", "needs-triage"), ("needs triage!", "needs-triage"),
        ("-leading", "leading"), ("double--dash", "double-dash"), ("Stale PRs", "stale-prs"), ("closeHTTPIssues", "close-httpissues"), ("v2Rule", "v2-rule"),
    ])
    func badRuleNamesSuggestKebabCase(name: String, suggestion: String) {
        let file = MarkedRuleFile("rules:\n  - name: 1️⃣'\(name)'\n    when: draft\n")
        let diagnostic = expectSingle(file, "invalid-name")
        #expect(diagnostic?.suggestion == suggestion)
    }

    @Test func duplicateRuleNamesInOneFile() {
        let file = MarkedRuleFile("""
            rules:
              - name: twice
                when: draft
              - name: 1️⃣twice
                when: locked
            """)
        let diagnostic = expectSingle(file, "duplicate-rule")
        #expect(diagnostic?.message.contains("rules.yaml:2:") == true, "\(diagnostic?.message ?? "")")
        // Only the first is kept.
        #expect(file.loaded.ruleSet.rules.map(\.name) == ["twice"])
        #expect(file.loaded.ruleSet.rules.first?.conditionParts.first?.source == "draft")
    }

    @Test func duplicateRuleNamesAcrossFiles() {
        let loaded = RuleLoader.load([
            (path: "a.yaml", bytes: Array("rules:\n  - name: shared\n    when: draft\n".utf8)),
            (path: "b.yaml", bytes: Array("rules:\n  - name: other\n    when: draft\n  - name: shared\n    when: locked\n".utf8)),
        ])
        #expect(loaded.diagnostics.map { "\($0.file):\($0.start) \($0.code)" } == ["b.yaml:4:11 duplicate-rule"])
        #expect(loaded.diagnostics.first?.message.contains("a.yaml:2:") == true)
        #expect(loaded.ruleSet.rules.map(\.name) == ["shared", "other"])
    }

    @Test func aRuleWhoseConditionFailsStillClaimsItsName() {
        let loaded = RuleLoader.load([
            (path: "a.yaml", bytes: Array("rules:\n  - name: shared\n    when: drafty\n".utf8)),
            (path: "b.yaml", bytes: Array("rules:\n  - name: shared\n    when: locked\n".utf8)),
        ])
        #expect(loaded.diagnostics.map { "\($0.file):\($0.start) \($0.code)" } == ["a.yaml:3:11 unknown-name", "b.yaml:2:11 duplicate-rule"])
    }

    // MARK: Values

    @Test func invalidSeverity() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                severity: 1️⃣warn
            """)
        let diagnostic = expectSingle(file, "invalid-severity")
        #expect(diagnostic?.suggestion == "warning")
    }

    @Test(arguments: [
        "close: 1️⃣false",
        "close: {reason: 1️⃣duplicate}",
        "reopen: 1️⃣false",
        "label: 1️⃣[]",
        "unlabel: 1️⃣{name: bug}",
        "comment: 1️⃣[a, b]",
        "lock: 1️⃣false",
        "lock: 1️⃣[off-topic]",
        "unlock: 1️⃣no",
        "milestone: 1️⃣[v1, v2]",
        "milestone: 1️⃣\"\"",
        "report: 1️⃣weekly",
        "report: 1️⃣{labels: [x]}",
        "report: {title: 1️⃣[a]}",
    ])
    func malformedActions(action: String) {
        let file = MarkedRuleFile("rules:\n  - name: a\n    when: draft\n    actions:\n      - \(action)\n")
        let diagnostic = file.diagnostics.first
        #expect(file.diagnostics.count == 1, "\(describe(file.diagnostics))")
        #expect(["invalid-action", "wrong-type"].contains(diagnostic?.code ?? ""), "\(describe(file.diagnostics))")
        #expect(diagnostic?.start == file["1️⃣"], "\(describe(file.diagnostics))")
    }

    @Test func anActionMappingWithTwoKeys() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - 1️⃣label: bug
                    comment: hi
            """)
        let diagnostic = expectSingle(file, "invalid-action")
        #expect(diagnostic?.suggestion == "- label: needs-triage")
    }

    @Test func anUnknownActionSuggestsTheClosestOne() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - 1️⃣lable: bug
            """)
        let diagnostic = expectSingle(file, "invalid-action")
        #expect(diagnostic?.suggestion == "label")
        #expect(diagnostic?.message.contains("did you mean `label`?") == true)
    }

    @Test func wellFormedActionsDecode() {
        let loaded = loadRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - label: [bug, ui]
                  - unlabel: stale
                  - comment: "Thanks @{{ author }}"
                  - close: {reason: not_planned}
                  - close: true
                  - reopen: true
                  - assign: alice
                  - unassign: [bob]
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        #expect(loaded.ruleSet.rules.first?.actions.map(\.keyword) == ["label", "unlabel", "comment", "close", "close", "reopen", "assign", "unassign"])
        #expect(loaded.ruleSet.rules.first?.actions[3] == .close(reason: .notPlanned))
    }

    @Test func aListMixingStringsAndIntegers() {
        let file = MarkedRuleFile("""
            lists:
              mixed: 1️⃣[alice, 42]
            rules:
              - name: a
                when: author in mixed
            """)
        // The list is rejected; the rule using it then names an unknown list.
        #expect(file.diagnostics.first?.code == "mixed-list", "\(describe(file.diagnostics))")
        #expect(file.diagnostics.first?.start == file["1️⃣"])
    }

    @Test func aListOfQuotedNumbersIsAListOfStrings() {
        let loaded = loadRuleFile("""
            lists:
              codes: ["1", "2", three]
              numbers: [1, 2, 3]
            rules:
              - name: a
                when: title in codes and number in numbers
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
    }

    @Test(arguments: ["lists:\n  1️⃣labels: [a]\n", "macros:\n  1️⃣state: draft\n", "macros:\n  1️⃣any: draft\n", "lists:\n  1️⃣now: [a]\n"])
    func definitionsNamedLikeAFieldOrFunction(definitions: String) {
        let file = MarkedRuleFile(definitions + "rules:\n  - name: a\n    when: draft\n")
        expectSingle(file, "reserved-name")
    }

    @Test func aMacroAndAListCannotShareAName() {
        let file = MarkedRuleFile("""
            lists:
              team: [alice]
            macros:
              1️⃣team: draft
            rules:
              - name: a
                when: author in team
            """)
        expectSingle(file, "reserved-name")
    }

    @Test func onlyVersionOneExists() {
        let file = MarkedRuleFile("""
            version: 1️⃣2
            rules:
              - name: a
                when: draft
            """)
        let diagnostic = expectSingle(file, "invalid-version")
        #expect(diagnostic?.suggestion == "1")
        #expect(loadRuleFile("version: 1\nrules: [{name: a, when: draft}]").diagnostics.isEmpty)
    }

    @Test func anUnknownLintCodeInASuppression() {
        let file = MarkedRuleFile("""
            lint: {ignore: [1️⃣nope]}
            rules:
              - name: a
                when: draft
                lint: {ignore: [unused-definition, 2️⃣untested-rules]}
            """)
        #expect(file.diagnostics.map(\.code) == ["unknown-lint-code", "unknown-lint-code"], "\(describe(file.diagnostics))")
        #expect(file.diagnostics.map(\.start) == [file["1️⃣"], file["2️⃣"]])
        #expect(file.diagnostics.last?.suggestion == "untested-rule")
    }

    @Test func aTimeDependentRuleNeedsNowInItsTests() {
        let file = MarkedRuleFile("""
            rules:
              - name: old
                when: age > 30d
                tests:
                  - now: 2024-03-01
                    issue: {created: 2024-01-01}
                    expect: match
                  - 1️⃣issue: {created: 2024-01-01}
                    expect: match
            """)
        let diagnostic = expectSingle(file, "test-needs-now")
        #expect(diagnostic?.suggestion?.hasPrefix("now: ") == true)
    }

    @Test(arguments: ["idle > 1d", "created < now", #"label_age("bug") > 1d"#, "m", #"any(labels, l => age > 1d)"#])
    func everyTimeDependenceNeedsNow(condition: String) {
        let loaded = loadRuleFile("""
            macros:
              m: idle < 2d
            rules:
              - name: a
                when: '\(condition)'
                tests:
                  - expect: no-match
            """)
        #expect(loaded.diagnostics.map(\.code).filter { $0 != "unused-definition" } == ["test-needs-now"], "\(describe(loaded.diagnostics))")
    }

    @Test func invalidTestValues() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                tests:
                  - expect: 1️⃣matches
                  - expect: match
                    now: 2️⃣yesterday
                  - expect: match
                    issue: {state: 3️⃣opened}
                  - expect: match
                    issue: {comments: 4️⃣many}
                  - expect: match
                    label_events: [{label: x, action: 5️⃣add}]
            """)
        #expect(file.diagnostics.map(\.code) == ["invalid-test", "invalid-timestamp", "invalid-test", "wrong-type", "invalid-test"],
                "\(describe(file.diagnostics))")
        #expect(file.diagnostics.map(\.start) == ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"].map { file[$0] })
        #expect(file.diagnostics.first?.suggestion == "match")
    }

    @Test func wrongTypesNameWhatWasFound() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: 1️⃣{state: open}
              - 2️⃣just-a-string
            """)
        #expect(file.diagnostics.map(\.code) == ["wrong-type", "wrong-type"], "\(describe(file.diagnostics))")
        #expect(file.diagnostics.map(\.start) == [file["1️⃣"], file["2️⃣"]])
        #expect(file.diagnostics.first?.message.contains("found a mapping") == true)
    }

    @Test func everythingWrongInOneFileIsReportedInOneRun() {
        let file = MarkedRuleFile("""
            1️⃣verison: 1
            rules:
              - name: 2️⃣Bad_Name
                when: 3️⃣stat == "open"
                severity: 4️⃣fatal
              - name: fine
                when: draft
                actions:
                  - 5️⃣lable: x
            """)
        #expect(file.diagnostics.map(\.start).sorted() == ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣"].map { file[$0] }, "\(describe(file.diagnostics))")
    }

    @Test(arguments: [
        ("rules:\n  - name: a\n    when: draft\n    1️⃣when: locked\n", "yaml-syntax"),
        ("rules:\n  - name: a\n    when: \"1️⃣\"\n", "empty-expression"),
        ("rules:\n  - name: a\n    when:1️⃣\n", "wrong-type"),
        ("rules:\n  - name: a\n    when: 1️⃣[]\n", "wrong-type"),
        ("rules:\n  - name: a\n    when: draft\n    tests: 1️⃣{}\n", "wrong-type"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - expect: match\n        issue: {labels: 1️⃣bug}\n", "wrong-type"),
        ("rules:\n  - name: a\n    when: draft\n    tests:\n      - expect: match\n        issue: {created: 1️⃣\"2024-13-01\"}\n", "invalid-timestamp"),
    ])
    func moreMalformedValues(marked: String, code: String) {
        expectSingle(MarkedRuleFile(marked), code)
    }
}
