import TriageLanguage

/// Every code `triage lint` can report: the language's, the rule-file format's and the lint checks'.
public enum RuleCodes {
    /// Each code once (the language and the rule-file layer share `mixed-list` and `reserved-name`).
    public static var all: [String] {
        var seen = Set<String>()
        let codes = DiagnosticCode.allCases.map(\.rawValue) + RuleFileCode.allCases.map(\.rawValue) + LintCheckCatalog.checks.map(\.code)
        return codes.filter { seen.insert($0).inserted }
    }

    /// One line describing a code, for SARIF rule metadata.
    public static func summary(of code: String) -> String {
        if let language = DiagnosticCode(rawValue: code) { return language.summary }
        if let file = RuleFileCode(rawValue: code) { return file.summary }
        return LintCheckCatalog.checks.first { $0.code == code }?.summary ?? code
    }
}
