import Testing
import TriageTestSupport
import TriageLanguage
import TriageRules

/// Every field of `FieldCatalog` works everywhere a field can appear: the checker knows it with its
/// type, the compiler reads the property a rule test sets, templates render it (or refuse a lazy
/// one), and rule tests decode it. Driven by the table, so a new field is covered by adding it.
struct FieldCatalogTests {
    static let fields = IssueField.allCases

    /// A YAML value for the field in a test's `issue:`, and a condition that holds for exactly that value
    /// (the issue a test starts from has other values: number 1, state open, no labels, times at `now`).
    static func sample(_ field: IssueField) -> (yaml: String, condition: String, template: String)? {
        let name = field.rawValue
        switch field.descriptor.testInput {
        case .int: return ("7", "\(name) == 7", "7")
        case let .text(_, options?): return (options.last!, "\(name) == \"\(options.last!)\"", options.last!)
        case .text, .optionalText: return ("sample-\(name)", "\(name) == \"sample-\(name)\"", "sample-\(name)")
        case .texts: return ("[a-\(name), b-\(name)]", "\"b-\(name)\" in \(name)", "a-\(name), b-\(name)")
        case .bool: return ("true", name, "true")
        case .time, .optionalTime:
            return ("2024-02-03T04:05:06Z", "\(name) == 2024-02-03T04:05:06Z", "2024-02-03T04:05:06Z")
        case .computed, .notInIssue: return nil
        }
    }

    static let now = "2024-03-01T00:00:00Z"

    @Test(arguments: fields)
    func theCheckerKnowsTheFieldWithItsType(_ field: IssueField) throws {
        var checker = TypeChecker()
        let source = field.descriptor.type.isOptional ? "\(field.rawValue) == null" : "\(field.rawValue) == \(field.rawValue)"
        let (checked, diagnostics) = ConditionCompiler.check(source, checker: &checker)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let comparison = try #require(checked)
        guard case let .binary(_, left, _) = comparison.node, case .field(field) = left.node else {
            Issue.record("\(field) did not resolve to the field: \(comparison.node)")
            return
        }
        #expect(left.type == field.descriptor.type)
        #expect(left.facts.fieldsRead.contains(field))
        #expect(left.usesLazyData == field.descriptor.isLazy)
        #expect(FieldCatalog.allNames.contains(field.rawValue))
    }

    @Test(arguments: fields)
    func aRuleTestSetsWhatTheCompiledConditionReads(_ field: IssueField) async throws {
        guard let sample = Self.sample(field) else { return }
        let yaml = """
            rules:
              - name: reads-\(field.rawValue.replacing("_", with: "-"))
                when: >-
                  \(sample.condition)
                tests:
                  - now: \(Self.now)
                    issue: {\(field.rawValue): \(sample.yaml)}
                    expect: match
                  - now: \(Self.now)
                    expect: no-match
            """
        let loaded = loadRuleFile(yaml)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let results = await RuleTestRunner.run(loaded.ruleSet.rules)
        #expect(results.count == 2)
        #expect(results.allSatisfy { $0.passed }, "\(results.map { result in result.explanation.map { $0.render() } })")
    }

    @Test(arguments: fields)
    func templatesRenderEveryTemplatableField(_ field: IssueField) throws {
        let yaml = """
            rules:
              - name: comments
                when: state == "open"
                actions:
                  - comment: "value: {{ \(field.rawValue) }}"
            """
        let loaded = loadRuleFile(yaml)
        guard field.descriptor.isTemplatable else {
            #expect(loaded.diagnostics.map(\.code) == [DiagnosticCode.invalidTemplate.rawValue])
            #expect(loaded.diagnostics.first?.message.contains("lazy fields cannot be used in templates") == true)
            return
        }
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let rule = try #require(loaded.ruleSet.rules.first)
        guard case let .comment(template) = rule.actions.first else {
            Issue.record("no comment action")
            return
        }
        let now = try #require(Timestamp.parseLiteral(Self.now))
        var issue = TriageLanguage.Issue(number: 1, created: now - .days(3), updated: now)
        let expected: String
        if let sample = Self.sample(field) {
            issue = try decodedIssue(field, sample.yaml)
            expected = sample.template
        } else {
            // Computed fields: age counts from `created`, idle from `updated`.
            expected = field == .age ? "3" : "0"
        }
        #expect(template.render(for: issue, now: now) == "value: \(expected)")
    }

    /// The issue a rule test decodes from `issue: {field: yaml}`.
    func decodedIssue(_ field: IssueField, _ yaml: String) throws -> TriageLanguage.Issue {
        let loaded = loadRuleFile("""
            rules:
              - name: any-issue
                when: "true"
                lint: {ignore: [constant-condition]}
                tests:
                  - now: \(Self.now)
                    issue: {\(field.rawValue): \(yaml)}
                    expect: match
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        return try #require(loaded.ruleSet.rules.first?.tests.first).issue
    }

    @Test(arguments: fields)
    func ruleTestsDecodeSettableFieldsAndExplainTheOthers(_ field: IssueField) {
        let loaded = loadRuleFile("""
            rules:
              - name: any-issue
                when: state == "open"
                tests:
                  - now: \(Self.now)
                    issue: {\(field.rawValue): \(Self.sample(field)?.yaml ?? "1")}
                    expect: match
            """)
        switch field.descriptor.testInput {
        case let .computed(origin):
            #expect(loaded.diagnostics.map(\.code) == [DiagnosticCode.unknownKey.rawValue])
            #expect(loaded.diagnostics.first?.suggestion == origin.rawValue)
        case .notInIssue:
            #expect(field.descriptor.isLazy)
            #expect(loaded.diagnostics.map(\.code) == [DiagnosticCode.unknownKey.rawValue])
        default:
            #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        }
    }

    @Test func lazyFieldsEvaluateFromTheTestsComments() async {
        let loaded = loadRuleFile("""
            rules:
              - name: replied
                when: state == "open" and last_comment.author == "bob" and "alice" in commenters
                tests:
                  - comments: [{author: alice, body: hi}, {author: bob, body: ok, created: 2000-01-02}]
                    expect: match
                  - comments: [{author: bob, body: hi}]
                    expect: no-match
            """)
        #expect(loaded.diagnostics.isEmpty, "\(describe(loaded.diagnostics))")
        let results = await RuleTestRunner.run(loaded.ruleSet.rules)
        #expect(results.map(\.passed) == [true, true])
    }

    @Test func onlyProjectableFieldsMayBeSkippedByDecoders() {
        for descriptor in FieldCatalog.descriptors {
            #expect(FieldCatalog.alwaysMaterialised.contains(descriptor.field) == !descriptor.isProjectable)
        }
        // What every output needs is always there.
        for field in [IssueField.number, .title, .url, .state, .created, .updated] {
            #expect(FieldCatalog.alwaysMaterialised.contains(field))
        }
    }
}
