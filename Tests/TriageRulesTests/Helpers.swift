import Foundation
import TriageRules

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Loads one rule file given as text.
func load(_ yaml: String, path: String = "rules.yaml") -> LoadedRules {
    RuleLoader.load([(path: path, bytes: Array(yaml.utf8))])
}

/// Diagnostics as `line:column code` strings, the shape most assertions compare.
func positions(_ diagnostics: [FileDiagnostic]) -> [String] {
    diagnostics.map { "\($0.start.line):\($0.start.column) \($0.code)" }
}
