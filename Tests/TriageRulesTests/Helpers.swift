import Foundation
import TriageRules

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Diagnostics as `line:column code` strings, the shape most assertions compare.
func positions(_ diagnostics: [FileDiagnostic]) -> [String] {
    diagnostics.map { "\($0.start.line):\($0.start.column) \($0.code)" }
}
