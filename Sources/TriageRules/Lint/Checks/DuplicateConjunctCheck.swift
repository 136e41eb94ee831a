import TriageLanguage

/// The same condition twice in one `and` (including across `when:` list items and macros): harmless
/// but usually a sign that something else was meant.
struct DuplicateConjunctCheck: LintCheck {
    let code = DiagnosticCode.duplicateConjunct

    let triggeringExamples = [
        """
        rules:
          - name: twice
            when: state == "open" and draft and state == "open"
        """,
        """
        rules:
          - name: twice
            when:
              - state == "open"
              - state == "open"
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: once
            when: state == "open" and draft
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        for rule in file.rules {
            var seen = Set<String>()
            for part in rule.conditionParts {
                for conjunct in part.checked.conjuncts {
                    let text = conjunct.unwrapped.sourceText
                    if !seen.insert(text).inserted {
                        findings.append(file.diagnostic(code, "`\(text)` is already required by rule `\(rule.name)`", severity: severity,
                                                        at: conjunct.range, in: part, rule: rule.name, suggestion: "remove the repetition"))
                    }
                }
            }
        }
        return findings
    }
}
