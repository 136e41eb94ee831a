public import Testing
public import TriageRules

/// Loads one rule file given as text, diagnostics and all, as `triage lint` would read it from disk.
public func loadRuleFile(_ yaml: String, path: String = "rules.yaml") -> LoadedRules {
    RuleLoader.load([(path: path, bytes: Array(yaml.utf8))])
}

/// The rules of a rule file that must load cleanly: any diagnostic (any error, when
/// `allowingWarnings`) fails the test that asked, at its own source location.
public func validRuleSet(_ yaml: String, path: String = "rules.yaml", allowingWarnings: Bool = false,
                         sourceLocation: Testing.SourceLocation = #_sourceLocation) -> RuleSet {
    let loaded = loadRuleFile(yaml, path: path)
    let unexpected = loaded.diagnostics.filter { !allowingWarnings || $0.severity == .error }
    #expect(unexpected.isEmpty, "\(unexpected.map { "\($0.location) \($0.code): \($0.message)" })", sourceLocation: sourceLocation)
    return loaded.ruleSet
}
