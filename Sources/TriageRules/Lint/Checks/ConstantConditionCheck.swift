import TriageLanguage

/// A condition that can never hold (or always holds) whatever the issue: usually a copy-paste slip
/// such as `state == "open" and state == "closed"`.
struct ConstantConditionCheck: LintCheck {
    let code = DiagnosticCode.constantCondition

    let triggeringExamples = [
        """
        rules:
          - name: never
            when: state == "open" and state == "closed"
        """,
        """
        rules:
          - name: never
            when: draft and not draft
        """,
        """
        rules:
          - name: always
            when: "true"
        """,
        """
        rules:
          - name: never
            when: >-
              "bug" in labels and "bug" not in labels
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: open-bugs
            when: state == "open" and kind == "issue"
        """,
        """
        rules:
          - name: either
            when: state == "open" or state == "closed" and locked
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        for rule in file.rules {
            let parts = rule.conditionParts.flatMap { part in part.checked.conjuncts.map { ($0, part) } }
            for (conjunct, part) in parts {
                if case let .literal(value) = conjunct.unwrapped.node {
                    findings.append(file.diagnostic(code, "this condition is always \(value.isTrue ? "true" : "false")", severity: severity,
                                                    at: conjunct.range, in: part, rule: rule.name))
                }
            }
            for (laterIndex, (later, laterPart)) in parts.enumerated() {
                for (earlier, _) in parts[..<laterIndex] {
                    if let reason = Self.contradiction(earlier.unwrapped, later.unwrapped) {
                        findings.append(file.diagnostic(code, "this contradicts `\(earlier.sourceText)`: \(reason), so rule `\(rule.name)` never matches",
                                                        severity: severity, at: later.range, in: laterPart, rule: rule.name))
                        break
                    }
                }
            }
        }
        return findings
    }

    /// Why `a and b` can never hold, or nil.
    static func contradiction(_ a: CheckedExpression, _ b: CheckedExpression) -> String? {
        if case let .not(inner) = b.node, inner.unwrapped.sourceText == a.sourceText { return "both it and its negation must hold" }
        if case let .not(inner) = a.node, inner.unwrapped.sourceText == b.sourceText { return "both it and its negation must hold" }
        guard case let .binary(op1, left1, right1) = a.node, case let .binary(op2, left2, right2) = b.node,
              left1.sourceText == left2.sourceText
        else { return nil }
        switch (op1, op2) {
        case (.equal, .equal):
            if case let .literal(x) = right1.node, case let .literal(y) = right2.node, x != y {
                return "`\(left1.sourceText)` cannot equal both \(x) and \(y)"
            }
        case (.equal, .notEqual), (.notEqual, .equal), (.in, .notIn), (.notIn, .in):
            if right1.sourceText == right2.sourceText { return "the two conditions are opposites" }
        default:
            break
        }
        return nil
    }
}
