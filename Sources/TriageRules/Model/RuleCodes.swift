import TriageLanguage

/// Every code `triage lint` can report: the language's, the rule-file format's and the lint checks'.
public enum RuleCodes {
    public static var all: [String] {
        DiagnosticCode.allCases.map(\.rawValue) + RuleFileCode.allCases.map(\.rawValue) + LintCheckCatalog.checks.map(\.code)
    }

    /// One line describing a code, for SARIF rule metadata.
    public static func summary(of code: String) -> String {
        if let language = DiagnosticCode(rawValue: code) { return language.summary }
        if let file = RuleFileCode(rawValue: code) { return file.summary }
        return LintCheckCatalog.checks.first { $0.code == code }?.summary ?? code
    }
}
