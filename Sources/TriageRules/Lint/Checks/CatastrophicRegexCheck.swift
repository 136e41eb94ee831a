import TriageLanguage

/// A regex with a quantified group that itself contains a quantifier (`(a+)+`, `(\w*\s?)*`):
/// backtracking engines take exponential time on some inputs, and issue bodies are written by
/// anyone on the internet.
struct CatastrophicRegexCheck: LintCheck {
    let code = DiagnosticCode.catastrophicRegex

    let triggeringExamples = [
        """
        rules:
          - name: slow
            when: body ~ "(a+)+b"
        """,
        """
        rules:
          - name: slow
            when: title ~ "^(\\\\w+\\\\s?)*$"
        """,
    ]
    let nonTriggeringExamples = [
        """
        rules:
          - name: fast
            when: >-
              title ~ "^(feat|fix)(\\\\(.+\\\\))?: "
        """,
    ]

    func findings(in file: LoadedFile) -> [FileDiagnostic] {
        var findings: [FileDiagnostic] = []
        for rule in file.rules {
            for part in rule.conditionParts {
                part.checked.forEachNodeWithReportRange { node, reportRange in
                    if case let .match(_, matcher, _) = node.node, let group = Self.nestedQuantifier(in: matcher.pattern) {
                        findings.append(file.diagnostic(code, "the group `\(group)` repeats something that already repeats; this regex can take exponential time on crafted input",
                                                        severity: severity, at: reportRange, in: part, rule: rule.name,
                                                        suggestion: "remove the inner or the outer quantifier, or make the alternatives disjoint"))
                    }
                }
            }
        }
        return findings
    }

    /// The first quantified group whose content has an unbounded quantifier, or nil.
    static func nestedQuantifier(in pattern: String) -> String? {
        let characters = Array(pattern)
        var groups: [(start: Int, hasQuantifier: Bool)] = []
        var index = 0
        var inClass = false
        while index < characters.count {
            let character = characters[index]
            if character == "\\" { index += 2; continue }
            if inClass { if character == "]" { inClass = false }; index += 1; continue }
            switch character {
            case "[": inClass = true
            case "(": groups.append((index, false))
            case ")":
                guard let group = groups.popLast() else { break }
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let quantified = next == "*" || next == "+" || (next == "{" && isUnboundedBrace(characters, from: index + 1))
                if quantified && group.hasQuantifier { return String(characters[group.start...(index + 1)]) }
                if !groups.isEmpty && (group.hasQuantifier || quantified) { groups[groups.count - 1].hasQuantifier = true }
            case "*", "+":
                if !groups.isEmpty { groups[groups.count - 1].hasQuantifier = true }
            case "{":
                if !groups.isEmpty && isUnboundedBrace(characters, from: index) { groups[groups.count - 1].hasQuantifier = true }
            default:
                break
            }
            index += 1
        }
        return nil
    }

    /// `{n,}` (unbounded) at `start`.
    static func isUnboundedBrace(_ characters: [Character], from start: Int) -> Bool {
        guard let close = characters[start...].firstIndex(of: "}") else { return false }
        let body = String(characters[(start + 1)..<close])
        return body.hasSuffix(",") && body.dropLast().allSatisfy(\.isNumber)
    }
}
