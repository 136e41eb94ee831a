import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// SPEC §3: "inside an expression it points at the offending token, also in block scalars and quoted
/// scalars". Each case writes `1️⃣` where the diagnostic must start in the file.
struct ExpressionPositionTests {
    @Test func plainSingleLine() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: state == "open" and "x" in 1️⃣lables
            """)
        let diagnostic = expectSingle(file, "unknown-name")
        #expect(diagnostic?.suggestion == "labels")
        #expect(diagnostic?.end == LineColumn(line: 3, column: file["1️⃣"].column + 6))
        #expect(diagnostic?.lineText == #"    when: state == "open" and "x" in lables"#)
    }

    @Test func plainMultiLine() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: state == "open"
                  and kind == "issue"
                  and "x" in 1️⃣lables
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func singleQuotedWithEscapedQuotes() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: 'title == "it''s" and body == "''" and "x" in 1️⃣lables'
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func singleQuotedOverTwoLines() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: 'title == "it''s"
                  and "x" in 1️⃣lables'
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func doubleQuotedWithEscapesBeforeTheError() {
        let file = MarkedRuleFile(#"""
            rules:
              - name: a
                when: "title == \"caf\u00e9 \\\\ ok\" and\t\"x\" in 1️⃣lables"
            """#)
        expectSingle(file, "unknown-name")
    }

    @Test func anExpressionEscapeErrorBehindAYAMLEscape() {
        // YAML turns `\\ ` into `\ `, which the expression language rejects at the backslash:
        // the diagnostic points at the YAML escape that produced it.
        let file = MarkedRuleFile(#"""
            rules:
              - name: a
                when: "title == \"caf\u00e9 1️⃣\\ ok\""
            """#)
        expectSingle(file, "invalid-escape")
    }

    @Test func doubleQuotedWithNonASCIIBeforeTheError() {
        // Columns count Unicode scalars: é (2 bytes) and 🐛 (4 bytes) are one column each.
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: "title == \\"café 🐛\\" and \\"x\\" in 1️⃣lables"
            """)
        let diagnostic = expectSingle(file, "unknown-name")
        #expect(diagnostic?.start.column == 45)
    }

    @Test func literalBlockErrorOnSecondLine() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: |
                  state == "open"
                  and "x" in 1️⃣lables
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func foldedBlockErrorOnThirdLine() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: >-
                  state == "open"
                  and kind == "issue"
                  and "x" in 1️⃣lables
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func foldedBlockWithMoreIndentedLinesAndBlankLine() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: >-
                  state == "open"

                    and kind == "issue"
                  and "x" in 1️⃣42
            """)
        expectSingle(file, "type-mismatch")
    }

    @Test func blockScalarWithExplicitIndentation() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: |2-
                     state == "open"
                     and "x" in 1️⃣lables
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func whenListErrorInSecondItem() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when:
                  - state == "open"
                  - '"x" in 1️⃣lables'
                  - kind == "issue"
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func whenListErrorsInSeveralItemsAreAllReported() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when:
                  - 1️⃣stat == "open"
                  - >-
                    kind == "issue"
                    and 2️⃣draft == 1
            """)
        #expect(file.diagnostics.map(\.code) == ["unknown-name", "type-mismatch"], "\(describe(file.diagnostics))")
        #expect(file.diagnostics.map(\.start) == [file["1️⃣"], file["2️⃣"]])
    }

    @Test func macroBodyErrorsPointIntoTheMacro() {
        let file = MarkedRuleFile("""
            macros:
              broken: >-
                state == "open"
                and "x" in 1️⃣lables
            rules:
              - name: a
                when: broken and draft
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func macroSyntaxErrorsPointIntoTheMacro() {
        let file = MarkedRuleFile("""
            macros:
              broken: 'state == "open" 1️⃣&& draft'
            rules:
              - name: a
                when: broken
            """)
        expectSingle(file, "not-an-operator")
    }

    @Test func anUnusedBrokenMacroIsStillReported() {
        let file = MarkedRuleFile("""
            macros:
              unused: draft and 1️⃣lockd
            rules:
              - name: a
                when: draft
            """)
        expectSingle(file, "unknown-name")
    }

    @Test func syntaxErrorsPointAtTheToken() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: >-
                  state == "open"
                  1️⃣|| draft
            """)
        let diagnostic = expectSingle(file, "not-an-operator")
        #expect(diagnostic?.suggestion?.contains("or") == true)
    }

    @Test func anUnterminatedStringPointsAtItsQuote() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: |
                  state == "open" and
                  title == 1️⃣"no end
            """)
        expectSingle(file, "unterminated-string")
    }

    @Test func commentTemplatePlaceholder() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - comment: "Hi {{ author }}, about 1️⃣{{ titel }}: thanks"
                tests:
                  - {issue: {draft: true}, expect: match}
            """)
        let diagnostic = expectSingle(file, "invalid-template")
        #expect(diagnostic?.suggestion == "{{ title }}")
        #expect(diagnostic?.end.column == file["1️⃣"].column + 11)
    }

    @Test func commentTemplateInALiteralBlock() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - comment: |
                      Hi @{{ author }},

                      this has been idle for {{ idle }} days; see 1️⃣{{ last_comment }}.
            """)
        let diagnostic = expectSingle(file, "invalid-template")
        #expect(diagnostic?.message.contains("lazy fields cannot be used in templates") == true)
    }

    @Test func unclosedTemplatePlaceholder() {
        let file = MarkedRuleFile("""
            rules:
              - name: a
                when: draft
                actions:
                  - comment: 'Hi 1️⃣{{ author'
            """)
        expectSingle(file, "invalid-template")
    }

    @Test func diagnosticsInSecondFileNameThatFile() {
        let first = loadRuleFile("rules: [{name: a, when: draft}]", path: "a.yaml")
        #expect(first.diagnostics.isEmpty)
        let loaded = RuleLoader.load([
            (path: "a.yaml", bytes: Array("rules: [{name: a, when: draft}]".utf8)),
            (path: "b.yaml", bytes: Array("rules:\n  - name: b\n    when: lockd\n".utf8)),
        ])
        #expect(positions(loaded.diagnostics) == ["3:11 unknown-name"])
        #expect(loaded.diagnostics.first?.file == "b.yaml")
    }
}
