public import TriageLanguage

/// One lint check: a code, what it finds, and examples that show it (SwiftLint style). The
/// examples are rule files; a test runs every check on its own examples, so the documentation in
/// the README and the behaviour cannot drift.
public protocol LintCheck: Sendable {
    var code: String { get }
    var summary: String { get }
    var severity: Severity { get }
    /// Rule files on which the check must report `code`.
    var triggeringExamples: [String] { get }
    /// Rule files on which it must not.
    var nonTriggeringExamples: [String] { get }
    func findings(in file: LoadedFile) -> [FileDiagnostic]
}

/// All lint checks, in the order their findings are listed.
public enum LintCheckCatalog {
    public static let checks: [any LintCheck] = [
        UnusedDefinitionCheck(), ConstantConditionCheck(), DuplicateConjunctCheck(), CatastrophicRegexCheck(),
        UnguardedLazyFieldCheck(), UntestedRuleCheck(),
    ]
}

/// Runs the lint checks over loaded rule files and applies suppressions.
public enum Linter {
    public static func lint(_ loaded: LoadedRules) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        for file in loaded.files {
            let ignoredByRule = Dictionary(file.rules.map { ($0.name, $0.ignoredLintCodes) }, uniquingKeysWith: { a, _ in a })
            for check in LintCheckCatalog.checks {
                for finding in check.findings(in: file) {
                    if file.ignoredCodes.contains(finding.code) { continue }
                    if let rule = finding.rule, ignoredByRule[rule]?.contains(finding.code) == true { continue }
                    findings.append(finding)
                }
            }
        }
        return findings
    }
}

extension CheckedExpression {
    /// The operands of a top-level `and` (looking through macros), or the expression itself.
    /// Operands found inside a macro take the range of the macro's use: their own ranges are
    /// offsets into the macro's text, not into the condition a finding is reported in.
    var conjuncts: [CheckedExpression] {
        switch node {
        case let .logical(.and, operands):
            return operands.flatMap(\.conjuncts)
        case let .macro(_, body):
            let inner = body.conjuncts
            guard inner.count > 1 else { return [self] }
            return inner.map { conjunct in
                var anchored = conjunct
                anchored.range = range
                return anchored
            }
        default:
            return [self]
        }
    }

    /// Every node with the range to report it at in the condition's own text (the macro's use for
    /// nodes inside a macro).
    func forEachNodeWithReportRange(_ visit: (CheckedExpression, SourceRange) -> Void, anchor: SourceRange? = nil) {
        visit(self, anchor ?? range)
        let childAnchor: SourceRange? = if case .macro = node { anchor ?? range } else { anchor }
        for child in children { child.forEachNodeWithReportRange(visit, anchor: childAnchor) }
    }

    /// The expression without macro wrappers.
    var unwrapped: CheckedExpression {
        if case let .macro(_, body) = node { return body.unwrapped }
        return self
    }

    /// Every node of the tree, depth first.
    func forEachNode(_ visit: (CheckedExpression) -> Void) {
        visit(self)
        for child in children { child.forEachNode(visit) }
    }
}
