import Testing
import TriageTestSupport
@testable import TriageLanguage
import TriageRules

/// `ExpressionFacts`, computed in one pass as the checker builds each node, agree with what the
/// separate walks it replaced computed (reproduced here as reference implementations) on every
/// condition of the starter rules, and on a few shapes the starter rules lack.
struct ExpressionFactsTests {
    static let lazyFields = IssueFieldSet(IssueField.allCases.filter { $0.descriptor.isLazy })

    /// `Rule.collectFields` as it was: lazy comment fields count as reading the comment count only;
    /// SPEC §8's fields read the kind (pull-request data is never loaded for issues), `human_idle`
    /// also the comment count and `created`, `linked_prs` nothing stored.
    static func referenceFields(_ expression: CheckedExpression, into fields: inout IssueFieldSet) {
        switch expression.node {
        case .field(.humanIdle):
            fields.formUnion(IssueFieldSet([.comments, .created, .kind]))
        case .field(.reviewState), .field(.checks):
            fields.insert(.kind)
        case .field(.linkedPrs):
            break
        case let .field(field) where field.descriptor.isLazy:
            fields.insert(.comments)
        case let .field(field):
            fields.insert(field)
            if field == .age { fields.insert(.created) }
            if field == .idle { fields.insert(.updated) }
        case .call(.labelAge, _):
            fields.insert(.labels)
            fields.insert(.created)
        default:
            break
        }
        for child in expression.children { referenceFields(child, into: &fields) }
    }

    /// `CheckedExpression.dependsOnNow` as it was.
    static func referenceDependsOnNow(_ expression: CheckedExpression) -> Bool {
        switch expression.node {
        case .now, .field(.age), .field(.idle), .field(.humanIdle), .call(.labelAge, _): true
        default: expression.children.contains { referenceDependsOnNow($0) }
        }
    }

    /// The checker's `usesLazyData` as it was: a lazy field or `label_age` anywhere below.
    static func referenceUsesLazyData(_ expression: CheckedExpression) -> Bool {
        switch expression.node {
        case let .field(field) where field.descriptor.isLazy: true
        case .call(.labelAge, _): true
        default: expression.children.contains { referenceUsesLazyData($0) }
        }
    }

    /// The checker's cost as it was, rule by rule; a lazy field costs 1000 per request (SPEC §8:
    /// `checks` three on GitHub, `human_idle` two on pull requests).
    static func referenceCost(_ expression: CheckedExpression) -> Int {
        let children = expression.children.map(referenceCost)
        let sum = children.reduce(0, +)
        switch expression.node {
        case .literal: return 0
        case .field(.checks): return 3000
        case .field(.humanIdle): return 2000
        case let .field(field): return field.descriptor.isLazy ? 1000 : 1
        case .now, .local, .listConstant: return 1
        case .macro, .lambda: return sum
        case .list, .logical: return 1 + sum
        case .member, .not, .negate: return sum + 1
        case let .call(function, _) where function.takesLambda: return children[0] + 4 * children[1] + 5
        case .call(.labelAge, _): return 1000 + sum
        case .call: return 2 + sum
        case let .binary(op, _, right) where op == .in || op == .notIn: return sum + (right.type.base == .string ? 4 : 2)
        case .binary: return sum + 1
        case let .match(_, matcher, _):
            if case .regex = matcher.strategy { return sum + 20 }
            return sum + 3
        }
    }

    static func conditions() -> [(rule: String, checked: CheckedExpression)] {
        let loaded = RuleLoader.load(paths: [StarterRulesTests.rulesDirectory])
        var all = loaded.ruleSet.rules.flatMap { rule in rule.conditionParts.map { (rule.name, $0.checked) } }
        let extra = loadRuleFile("""
            macros:
              waiting: "\\"waiting\\" in labels and idle > 7d"
            rules:
              - name: extra
                when:
                  - waiting and label_age("waiting") > 3d
                  - any(commenters, c => c == author) or last_comment.bot
                  - count(labels, l => starts_with(l, "area/")) > 1 and now - created > 1d
            """)
        #expect(loaded.diagnostics.isEmpty && extra.diagnostics.isEmpty)
        all += extra.ruleSet.rules.flatMap { rule in rule.conditionParts.map { (rule.name, $0.checked) } }
        return all
    }

    @Test func factsAgreeWithTheWalksTheyReplace() {
        let conditions = Self.conditions()
        #expect(conditions.count >= 13)
        var sawNow = false, sawLazy = false
        for (rule, checked) in conditions {
            var fields = IssueFieldSet()
            Self.referenceFields(checked, into: &fields)
            // The new facts also name the lazy fields themselves; decoders only look at stored ones.
            #expect(checked.facts.fieldsRead.subtracting(Self.lazyFields) == fields, "\(rule): \(checked.sourceText)")
            #expect(checked.dependsOnNow == Self.referenceDependsOnNow(checked), "\(rule): \(checked.sourceText)")
            #expect(checked.usesLazyData == Self.referenceUsesLazyData(checked), "\(rule): \(checked.sourceText)")
            checked.forEachNodeForTests { node in
                #expect(node.cost == Self.referenceCost(node), "\(rule): \(node.sourceText)")
            }
            sawNow = sawNow || checked.dependsOnNow
            sawLazy = sawLazy || checked.usesLazyData
        }
        #expect(sawNow && sawLazy, "the conditions cover time and lazy data")
    }

    @Test func theRuleSetReadsTheUnionOfItsConditionsFields() {
        let loaded = RuleLoader.load(paths: [StarterRulesTests.rulesDirectory])
        var expected = IssueFieldSet()
        for rule in loaded.ruleSet.rules {
            for part in rule.conditionParts { Self.referenceFields(part.checked, into: &expected) }
        }
        #expect(loaded.ruleSet.fieldsRead.subtracting(Self.lazyFields) == expected)
        #expect(!expected.contains(.body) || loaded.ruleSet.rules.contains { $0.conditionParts.contains { $0.source.contains("body") } })
    }

    @Test func conjunctsLookThroughAndsAndMacros() throws {
        let loaded = loadRuleFile("""
            macros:
              fresh: state == "open" and age < 7d
            rules:
              - name: conjuncts
                when: fresh and (draft or locked) and "bug" in labels
            """)
        let checked = try #require(loaded.ruleSet.rules.first?.conditionParts.first?.checked)
        #expect(checked.conjuncts.map(\.sourceText) == ["state == \"open\"", "age < 7d", "draft or locked", "\"bug\" in labels"])
        // Parts found in the macro are reported where the macro is used.
        #expect(checked.conjuncts[0].range == checked.conjuncts[1].range)
    }
}

extension CheckedExpression {
    func forEachNodeForTests(_ visit: (CheckedExpression) -> Void) {
        visit(self)
        for child in children { child.forEachNodeForTests(visit) }
    }
}
