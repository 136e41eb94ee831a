public import TriageLanguage

/// One lint check: a code, what it finds, and examples that show it (SwiftLint style). The
/// examples are rule files; a test runs every check on its own examples, so the documentation in
/// the README and the behaviour cannot drift. Its summary and severity are its code's, from the
/// `DiagnosticCode` registry.
public protocol LintCheck: Sendable {
    var code: DiagnosticCode { get }
    /// Rule files on which the check must report `code`.
    var triggeringExamples: [String] { get }
    /// Rule files on which it must not.
    var nonTriggeringExamples: [String] { get }
    func findings(in file: LoadedFile) -> [FileDiagnostic]
}

extension LintCheck {
    public var summary: String { code.summary }
    public var severity: Severity { code.defaultSeverity }
}

/// All lint checks, in the order their findings are listed.
public enum LintCheckCatalog {
    public static let checks: [any LintCheck] = [
        UnusedDefinitionCheck(), ConstantConditionCheck(), DuplicateConjunctCheck(), CatastrophicRegexCheck(),
        UnguardedLazyFieldCheck(), UntestedRuleCheck(), FlipFlopCheck(),
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
