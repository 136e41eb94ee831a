import TriageLanguage

/// A rule that writes (labels, comments, closes) but has no `tests:`: the actions run on real
/// issues without ever having been tried on an example.
struct UntestedRuleCheck: LintCheck {
    let code = DiagnosticCode.untestedRule

    let triggeringExamples = [
        """
        rules:
          - name: label-bugs
            when: title ~ "(?i)crash"
            actions: [{label: bug}]
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: label-bugs
            when: title ~ "(?i)crash"
            actions: [{label: bug}]
            tests:
              - issue: {title: App crashes}
                expect: match
        """,
        """
        rules:
          - name: report-only
            when: title ~ "(?i)crash"
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        file.rules.filter { !$0.actions.isEmpty && $0.tests.isEmpty }.map { rule in
            var finding = file.diagnostic(code, "rule `\(rule.name)` has actions but no tests", severity: severity, at: rule.location, rule: rule.name)
            finding.suggestion = "add `tests:` with an issue that matches and one that does not"
            return finding
        }
    }
}
