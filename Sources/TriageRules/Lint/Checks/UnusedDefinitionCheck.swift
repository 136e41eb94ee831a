import TriageLanguage

/// A macro or list that no condition uses: dead configuration, or a typo in the name that uses it.
struct UnusedDefinitionCheck: LintCheck {
    let code = DiagnosticCode.unusedDefinition

    let triggeringExamples = [
        """
        macros:
          untriaged: not any(labels, l => l ~ "^triage/")
        rules:
          - name: open-issues
            when: state == "open"
        """,
        """
        lists:
          maintainers: [alice, bob]
        rules:
          - name: open-issues
            when: state == "open"
        """,
        """
        lists:
          maintainers: [alice, bob]
        macros:
          by_maintainer: author in maintainers
        rules:
          - name: open-issues
            when: state == "open"
        """,
    ]
    let nonTriggeringExamples = [
        """
        lists:
          maintainers: [alice, bob]
        macros:
          by_maintainer: author in maintainers
        rules:
          - name: maintainer-issues
            when: by_maintainer
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        file.definitions.filter { !$0.isReferenced }.map { definition in
            var finding = definition.diagnosticAnchor
            finding.code = code.rawValue
            finding.severity = severity
            finding.message = "\(definition.kind.rawValue) `\(definition.name)` is never used"
            finding.suggestion = "remove it, or use it in a rule"
            return finding
        }
    }
}
