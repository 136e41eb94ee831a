import TriageLanguage
import TriageYAML

/// Turns one rule file's YAML tree into rules, strictly (SPEC §3): unknown keys, wrong types and
/// malformed values are errors with the exact position and, where one exists, a suggestion.
///
/// Decoding goes on after an error so that one run reports everything wrong in the file.
struct RuleFileDecoder {
    let file: RuleSourceFile
    var diagnostics: [FileDiagnostic] = []
    var checker = TypeChecker()
    /// Macro and list definitions, for the unused-definition lint and macro diagnostics.
    var macroScalars: [String: YAMLScalar] = [:]
    var macroKeys: [String: YAMLNode] = [:]
    var listKeys: [String: YAMLNode] = [:]
    var fileIgnoredCodes: Set<String> = []
    var source: String?
    var rules: [Rule] = []
    /// Rules whose condition failed to compile: still named, so duplicate checks see them.
    var ruleNames: [(name: String, node: YAMLNode)] = []

    init(file: RuleSourceFile) {
        self.file = file
    }

    static let topLevelKeys = ["version", "source", "lists", "macros", "rules", "lint"]

    mutating func report(_ diagnostic: FileDiagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func report(_ code: DiagnosticCode, _ message: String, at node: YAMLNode, suggestion: String? = nil, rule: String? = nil) {
        diagnostics.append(file.diagnostic(code, message, at: node, suggestion: suggestion, rule: rule))
    }

    /// Checks a mapping's keys against the allowed ones; returns the entries by key.
    mutating func entries(of mapping: YAMLMapping, allowed: [String], context: String, rule: String? = nil) -> [String: YAMLMappingEntry] {
        var found: [String: YAMLMappingEntry] = [:]
        for entry in mapping.entries {
            guard let key = entry.key.scalar?.text else {
                report(.wrongType, "keys of \(context) must be plain words", at: entry.key, rule: rule)
                continue
            }
            guard allowed.contains(key) else {
                let suggestion = Suggestions.closest(to: key, in: allowed)
                report(.unknownKey, "unknown key `\(key)` in \(context)" + Suggestions.didYouMean(suggestion)
                       + " (allowed: \(allowed.joined(separator: ", ")))", at: entry.key, suggestion: suggestion, rule: rule)
                continue
            }
            found[key] = entry
        }
        return found
    }

    mutating func expectMapping(_ node: YAMLNode, _ what: String, rule: String? = nil) -> YAMLMapping? {
        if let mapping = node.mapping { return mapping }
        report(.wrongType, "\(what) must be a mapping, found \(node.kindDescription)", at: node, rule: rule)
        return nil
    }

    mutating func expectSequence(_ node: YAMLNode, _ what: String, rule: String? = nil) -> YAMLSequence? {
        if let sequence = node.sequence { return sequence }
        report(.wrongType, "\(what) must be a list, found \(node.kindDescription)", at: node, rule: rule)
        return nil
    }

    /// A text value; numbers and booleans written plainly are accepted as their text.
    mutating func expectText(_ node: YAMLNode, _ what: String, rule: String? = nil) -> YAMLScalar? {
        guard let scalar = node.scalar, !scalar.isNull else {
            report(.wrongType, "\(what) must be text, found \(node.kindDescription)", at: node, rule: rule)
            return nil
        }
        return scalar
    }

    /// Text or a list of texts (labels, assignees, lint codes).
    mutating func expectTextList(_ node: YAMLNode, _ what: String, rule: String? = nil) -> [String]? {
        if let scalar = node.scalar, !scalar.isNull { return [scalar.text] }
        guard let sequence = node.sequence else {
            report(.wrongType, "\(what) must be text or a list of texts, found \(node.kindDescription)", at: node, rule: rule)
            return nil
        }
        var values: [String] = []
        for item in sequence.items {
            guard let text = expectText(item, "each of \(what)", rule: rule) else { return nil }
            values.append(text.text)
        }
        if values.isEmpty {
            report(.wrongType, "\(what) must not be an empty list", at: node, rule: rule)
            return nil
        }
        return values
    }

    // MARK: The file

    mutating func decode(_ root: YAMLNode) {
        guard let mapping = expectMapping(root, "a rule file") else { return }
        let entries = entries(of: mapping, allowed: Self.topLevelKeys, context: "the rule file")
        if let version = entries["version"]?.value {
            if case .int(1)? = version.scalar?.resolved {} else {
                report(.invalidVersion, "`version` must be 1, the only version there is", at: version, suggestion: "1")
            }
        }
        if let sourceNode = entries["source"]?.value, let text = expectText(sourceNode, "`source`") {
            source = text.text
        }
        if let lint = entries["lint"]?.value { fileIgnoredCodes = decodeLintSettings(lint, rule: nil) }
        decodeLists(entries["lists"]?.value)
        decodeMacros(entries["macros"]?.value)
        guard let rulesNode = entries["rules"]?.value else {
            report(.missingKey, "a rule file needs `rules:`, a list of rules", at: root)
            return
        }
        guard let sequence = expectSequence(rulesNode, "`rules`") else { return }
        for item in sequence.items { decodeRule(item) }
        // Macros nobody used still get checked, so their errors surface.
        for (name, scalar) in macroScalars.sorted(by: { $0.key < $1.key }) {
            for diagnostic in checker.diagnostics(ofMacro: name) {
                report(file.diagnostic(diagnostic, in: scalar, rule: nil))
            }
        }
    }

    static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// A macro or list name: an identifier that is no field, function or keyword.
    mutating func checkDefinitionName(_ name: String, at node: YAMLNode, kind: String) -> Bool {
        guard Self.isIdentifier(name) else {
            report(.invalidName, "\(kind) name `\(name)` must be an identifier (letters, digits, _)", at: node)
            return false
        }
        if LanguageEnvironment.reservedNames.contains(name) {
            report(.reservedName, "\(kind) `\(name)` would hide the field, function or keyword of that name; rename it", at: node)
            return false
        }
        return true
    }

    private mutating func decodeLists(_ node: YAMLNode?) {
        guard let node, let mapping = expectMapping(node, "`lists`") else { return }
        var lists: [String: Value] = [:]
        for entry in mapping.entries {
            guard let name = entry.key.scalar?.text, checkDefinitionName(name, at: entry.key, kind: "list") else { continue }
            guard let sequence = expectSequence(entry.value, "list `\(name)`") else { continue }
            var strings: [String] = [], ints: [Int] = []
            var valid = true
            for item in sequence.items {
                guard let scalar = item.scalar, !scalar.isNull else {
                    report(.wrongType, "list `\(name)` holds strings or integers, not \(item.kindDescription)", at: item)
                    valid = false
                    continue
                }
                if case let .int(value) = scalar.resolved { ints.append(value) } else { strings.append(scalar.text) }
            }
            if !strings.isEmpty && !ints.isEmpty {
                report(.mixedList, "list `\(name)` mixes strings and integers; quote the numbers to make them strings", at: entry.value)
                valid = false
            }
            guard valid else { continue }
            lists[name] = ints.isEmpty ? .strings(strings) : .ints(ints)
            listKeys[name] = entry.key
        }
        checker = TypeChecker(environment: LanguageEnvironment(macros: checker.environment.macros, lists: lists))
    }

    private mutating func decodeMacros(_ node: YAMLNode?) {
        guard let node, let mapping = expectMapping(node, "`macros`") else { return }
        var macros: [String: Expression?] = [:]
        for entry in mapping.entries {
            guard let name = entry.key.scalar?.text, checkDefinitionName(name, at: entry.key, kind: "macro") else { continue }
            if checker.environment.lists[name] != nil {
                report(.reservedName, "`\(name)` is already a list; a macro and a list cannot share a name", at: entry.key)
                continue
            }
            guard let scalar = expectText(entry.value, "macro `\(name)`") else { continue }
            macroScalars[name] = scalar
            macroKeys[name] = entry.key
            switch Parser.parse(scalar.value) {
            case let .success(expression):
                macros[name] = .some(expression)
            case let .failure(list):
                macros[name] = .some(nil)
                for diagnostic in list.diagnostics { report(file.diagnostic(diagnostic, in: scalar, rule: nil)) }
            }
        }
        checker = TypeChecker(environment: LanguageEnvironment(macros: macros, lists: checker.environment.lists))
    }

    mutating func decodeLintSettings(_ node: YAMLNode, rule: String?) -> Set<String> {
        guard let mapping = expectMapping(node, "`lint`", rule: rule) else { return [] }
        let entries = entries(of: mapping, allowed: ["ignore"], context: "`lint`", rule: rule)
        guard let ignore = entries["ignore"]?.value, let codes = expectTextList(ignore, "`lint.ignore`", rule: rule) else { return [] }
        let known = DiagnosticCode.allCases.map(\.rawValue)
        for (index, code) in codes.enumerated() where !known.contains(code) {
            let item = ignore.sequence?.items[index] ?? ignore
            let suggestion = Suggestions.closest(to: code, in: known)
            report(.unknownLintCode, "unknown lint code `\(code)`" + Suggestions.didYouMean(suggestion), at: item,
                   suggestion: suggestion, rule: rule)
        }
        return Set(codes)
    }
}
