/// Which layer reports a diagnostic code.
public enum DiagnosticDomain: String, Hashable, Sendable, CaseIterable {
    /// The expression language: parser and type checker.
    case expression
    /// The rule-file format (YAML structure, names, actions, tests).
    case ruleFile = "rule-file"
    /// `triage lint`'s checks: legal rules that are probably wrong.
    case lint
}
