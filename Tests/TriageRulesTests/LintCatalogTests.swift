import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// Every lint check documents itself with examples (SwiftLint style); the examples are the tests.
struct LintCatalogTests {
    static let codes = LintCheckCatalog.checks.map(\.code.rawValue)

    static func check(_ code: String) -> any LintCheck {
        LintCheckCatalog.checks.first { $0.code.rawValue == code }!
    }

    static func lint(_ yaml: String) -> (loaded: LoadedRules, findings: [FileDiagnostic]) {
        let loaded = loadRuleFile(yaml, path: "example.yaml")
        return (loaded, Linter.lint(loaded))
    }

    @Test func theCatalogHasUniqueKnownCodes() {
        #expect(Set(Self.codes).count == Self.codes.count)
        #expect(Self.codes.count >= 6)
        // The catalog and the registry's lint domain are the same codes, in the same order.
        #expect(Self.codes == DiagnosticCode.allCases.filter { $0.domain == .lint }.map(\.rawValue))
    }

    /// The unguarded-lazy-field message counts the requests the field costs: `checks` takes up to
    /// three (SPEC §8: the pull request, the combined status, the check runs), not one.
    @Test(arguments: [("last_comment != null", "`last_comment` costs an API call per issue"),
                      (#"checks == "success""#, "`checks` costs up to 3 API calls per issue"),
                      ("human_idle > 7d", "`human_idle` costs up to 2 API calls per issue")])
    func unguardedLazyFieldCountsItsRequests(condition: String, message: String) {
        let (_, findings) = Self.lint("rules:\n  - name: r\n    when: \(condition)\n")
        #expect(findings.filter { $0.code == "unguarded-lazy-field" }.map { $0.message.hasPrefix(message) } == [true], "\(findings.map(\.message))")
    }

    @Test(arguments: codes)
    func triggeringExamplesTrigger(code: String) {
        let check = Self.check(code)
        #expect(!check.triggeringExamples.isEmpty, "\(code) has no triggering example")
        for example in check.triggeringExamples {
            let (loaded, findings) = Self.lint(example)
            #expect(loaded.diagnostics.isEmpty, "the example does not load:\n\(example)\n\(describe(loaded.diagnostics))")
            let own = findings.filter { $0.code == code }
            #expect(!own.isEmpty, "\(code) not reported on:\n\(example)")
            for finding in own {
                #expect(finding.severity == check.severity)
                #expect(finding.file == "example.yaml")
                #expect(finding.start.line >= 1 && finding.start.column >= 1)
                #expect(finding.end > finding.start)
                #expect(!finding.lineText.isEmpty)
            }
        }
    }

    @Test(arguments: codes)
    func nonTriggeringExamplesDoNotTrigger(code: String) {
        let check = Self.check(code)
        #expect(!check.nonTriggeringExamples.isEmpty, "\(code) has no non-triggering example")
        for example in check.nonTriggeringExamples {
            let (loaded, findings) = Self.lint(example)
            #expect(loaded.diagnostics.isEmpty, "the example does not load:\n\(example)\n\(describe(loaded.diagnostics))")
            #expect(!findings.contains { $0.code == code }, "\(code) reported on:\n\(example)\n\(describe(findings))")
        }
    }

    @Test(arguments: codes)
    func aRuleCanSuppressEveryCheckOnItsExamples(code: String) {
        #expect(!Self.check(code).triggeringExamples.isEmpty, "\(code) has no example to suppress")
        for example in Self.check(code).triggeringExamples {
            let suppressed = example + "\nlint: {ignore: [\(code)]}\n"
            let (loaded, findings) = Self.lint(suppressed)
            #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
            #expect(!findings.contains { $0.code == code }, "file-level suppression ignored:\n\(suppressed)")
        }
    }

    // MARK: Positions

    @Test func findingsPointAtTheOffendingPart() {
        let file = MarkedRuleFile("""
            macros:
              1️⃣unused: draft
            rules:
              - name: twice
                when: state == "open" and draft and 2️⃣state == "open"
              - name: never
                when:
                  - state == "open"
                  - >-
                    locked and 3️⃣state == "closed"
              - name: slow
                when: state == "open" and 4️⃣body ~ "(x+)+y"
              - name: lazy
                when: 5️⃣last_comment.author == author
              6️⃣- name: untested
                when: draft
                actions: [{label: x}]
            """)
        #expect(file.diagnostics.isEmpty, "\(describe(file.diagnostics))")
        let findings = Linter.lint(file.loaded)
        let found = Dictionary(findings.map { ($0.code, $0.start) }, uniquingKeysWith: { first, _ in first })
        #expect(found["unused-definition"] == file["1️⃣"])
        #expect(found["duplicate-conjunct"] == file["2️⃣"])
        #expect(found["constant-condition"] == file["3️⃣"])
        #expect(found["catastrophic-regex"] == file["4️⃣"])
        #expect(found["unguarded-lazy-field"] == file["5️⃣"])
        // The rule's position is where its mapping starts, just after the dash.
        #expect(found["untested-rule"] == LineColumn(line: file["6️⃣"].line, column: file["6️⃣"].column + 2))
        #expect(findings.count == 6, "\(describe(findings))")
    }

    // MARK: Suppression

    static let twoDuplicates = """
        rules:
          - name: quiet
            when: draft and draft
            lint: {ignore: [duplicate-conjunct]}
          - name: loud
            when: locked and locked
        """

    @Test func perRuleSuppressionSilencesOnlyThatRule() {
        let (loaded, findings) = Self.lint(Self.twoDuplicates)
        #expect(loaded.diagnostics.isEmpty)
        #expect(findings.map(\.code) == ["duplicate-conjunct"])
        #expect(findings.first?.rule == "loud")
        #expect(findings.first?.start.line == 6)
    }

    @Test func perFileSuppressionSilencesEveryRule() {
        let (_, findings) = Self.lint("lint:\n  ignore: [duplicate-conjunct]\n" + Self.twoDuplicates)
        #expect(findings.isEmpty, "\(describe(findings))")
    }

    @Test func aSuppressionOfOneCodeKeepsTheOthers() {
        let (_, findings) = Self.lint("""
            rules:
              - name: both
                when: last_comment.bot and last_comment.bot
                lint: {ignore: [duplicate-conjunct]}
            """)
        #expect(findings.map(\.code) == ["unguarded-lazy-field"])
    }

    @Test func aSuppressionInOneFileDoesNotReachAnother() {
        let loaded = RuleLoader.load([
            (path: "a.yaml", bytes: Array("lint: {ignore: [duplicate-conjunct]}\nrules: [{name: a, when: draft and draft}]\n".utf8)),
            (path: "b.yaml", bytes: Array("rules: [{name: b, when: locked and locked}]\n".utf8)),
        ])
        #expect(Linter.lint(loaded).map { "\($0.file) \($0.code)" } == ["b.yaml duplicate-conjunct"])
    }

    @Test func definitionsAreSuppressedPerFileNotPerRule() {
        // An unused macro belongs to no rule, so only the file-level setting can silence it.
        let perRule = Self.lint("""
            macros:
              spare: draft
            rules:
              - name: a
                when: locked
                lint: {ignore: [unused-definition]}
            """)
        #expect(perRule.findings.map(\.code) == ["unused-definition"])
        let perFile = Self.lint("""
            lint: {ignore: [unused-definition]}
            macros:
              spare: draft
            rules:
              - name: a
                when: locked
            """)
        #expect(perFile.findings.isEmpty)
    }
}
