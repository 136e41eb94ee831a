import TriageLanguage
import TriageYAML

extension RuleFileDecoder {
    static let ruleKeys = ["name", "description", "when", "severity", "actions", "tests", "lint"]

    static func isRuleName(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        return !name.isEmpty && parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    /// A suggested kebab-case spelling of a rule name.
    static func kebabCase(_ name: String) -> String {
        var output = ""
        var previousWasSeparator = true
        // A word starts at an uppercase letter after a lowercase one or a digit (`needsTriage`),
        // not inside a run of capitals (`PRs` is one word, not `p-rs`).
        var previousWasLowercaseOrDigit = false
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                let isUppercase = scalar.properties.isUppercase
                if isUppercase, previousWasLowercaseOrDigit { output += "-" }
                output += String(scalar).lowercased()
                previousWasSeparator = false
                previousWasLowercaseOrDigit = !isUppercase
            } else if !previousWasSeparator {
                output += "-"
                previousWasSeparator = true
                previousWasLowercaseOrDigit = false
            }
        }
        while output.hasSuffix("-") { output.removeLast() }
        return output
    }

    mutating func decodeRule(_ node: YAMLNode) {
        guard let mapping = expectMapping(node, "each rule") else { return }
        let nameNode = mapping.entries.first { $0.key.scalar?.text == "name" }?.value
        let provisionalName = nameNode?.scalar?.text
        let entries = entries(of: mapping, allowed: Self.ruleKeys, context: "a rule", rule: provisionalName)

        guard let nameNode = entries["name"]?.value else {
            report(.missingKey, "a rule needs a `name`", at: node)
            return
        }
        guard let nameScalar = expectText(nameNode, "a rule's `name`") else { return }
        let name = nameScalar.text
        if !Self.isRuleName(name) {
            let suggestion = Self.kebabCase(name)
            report(.invalidName, "rule name `\(name)` must be lowercase-kebab (a-z, 0-9, single dashes)", at: nameNode,
                   suggestion: suggestion.isEmpty ? nil : suggestion, rule: name)
        }
        ruleNames.append((name, nameNode))

        var description: String?
        if let node = entries["description"]?.value { description = expectText(node, "`description`", rule: name)?.text }

        var severity = Severity.warning
        if let node = entries["severity"]?.value, let text = expectText(node, "`severity`", rule: name) {
            if let parsed = Severity(rawValue: text.text) {
                severity = parsed
            } else {
                let suggestion = Suggestions.closest(to: text.text.lowercased(), in: Severity.allCases.map(\.rawValue))
                    ?? (["warn", "warnings"].contains(text.text.lowercased()) ? "warning" : nil)
                report(.invalidSeverity, "severity must be info, warning or error, not `\(text.text)`", at: node,
                       suggestion: suggestion, rule: name)
            }
        }

        let ignored = entries["lint"].map { decodeLintSettings($0.value, rule: name) } ?? []
        let actions = entries["actions"].map { decodeActions($0.value, rule: name) } ?? []
        let tests = entries["tests"].map { decodeTests($0.value, rule: name) } ?? []

        guard let whenNode = entries["when"]?.value else {
            report(.missingKey, "rule `\(name)` needs a `when:` condition", at: nameNode, rule: name)
            return
        }
        guard let parts = decodeCondition(whenNode, rule: name) else { return }
        if parts.contains(where: { $0.checked.dependsOnNow }) {
            for test in tests where test.now == nil {
                report(file.diagnostic(DiagnosticCode.testNeedsNow.rawValue,
                                       "rule `\(name)` depends on the current time, so its tests must give `now:`",
                                       from: YAMLMark(offset: 0, line: test.location.line, column: test.location.column),
                                       to: YAMLMark(offset: 0, line: test.location.line, column: test.location.column + 1),
                                       suggestion: "now: 2024-01-01T00:00:00Z", rule: name))
            }
        }
        let location = SourceLocation(file: file.path, line: node.start.line, column: node.start.column)
        rules.append(Rule(name: name, description: description, severity: severity, conditionParts: parts, actions: actions.map(\.action),
                          tests: tests, ignoredLintCodes: ignored.union(fileIgnoredCodes), location: location,
                          actionLocations: actions.map(\.location)))
    }

    /// `when:` as one expression or a list of expressions that must all hold; nil on any error.
    mutating func decodeCondition(_ node: YAMLNode, rule: String) -> [ConditionPart]? {
        var scalars: [YAMLScalar] = []
        if let sequence = node.sequence {
            if sequence.items.isEmpty {
                report(.wrongType, "`when` must not be an empty list", at: node, rule: rule)
                return nil
            }
            for item in sequence.items {
                guard let scalar = expectText(item, "each part of `when`", rule: rule) else { return nil }
                scalars.append(scalar)
            }
        } else {
            guard let scalar = expectText(node, "`when`", rule: rule) else { return nil }
            scalars.append(scalar)
        }
        var parts: [ConditionPart] = []
        var failed = false
        for scalar in scalars {
            // Checked only: `Rule` compiles all parts together, once.
            let (checked, found) = ConditionCompiler.check(scalar.value, checker: &checker)
            for diagnostic in found { report(file.diagnostic(diagnostic, in: scalar, rule: rule)) }
            guard let checked else {
                failed = true
                continue
            }
            let start = scalar.mark(forValueOffset: 0)
            parts.append(ConditionPart(source: scalar.value, checked: checked,
                                       location: SourceLocation(file: file.path, line: start.line, column: start.column), scalar: scalar))
        }
        return failed ? nil : parts
    }
}
