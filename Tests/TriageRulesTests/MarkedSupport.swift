import Testing
import TriageLanguage
import TriageRules
import TriageTestSupport

/// A rule file written with position markers (`1️⃣`…), loaded without them.
struct MarkedRuleFile {
    let source: String
    let loaded: LoadedRules
    /// Each marker's file position: 1-based line, column in Unicode scalars.
    let positions: [String: LineColumn]

    init(_ marked: String, path: String = "rules.yaml") {
        let extracted = extractMarkers(marked)
        source = extracted.source
        loaded = loadRuleFile(extracted.source, path: path)
        let text = SourceText(extracted.source)
        positions = extracted.markers.mapValues { text.lineColumn(ofOffset: $0) }
    }

    subscript(marker: String) -> LineColumn {
        guard let position = positions[marker] else { preconditionFailure("no marker \(marker)") }
        return position
    }

    var diagnostics: [FileDiagnostic] { loaded.diagnostics }
}

/// `line:column code` of each diagnostic, with its message, for readable failures.
func describe(_ diagnostics: [FileDiagnostic]) -> String {
    diagnostics.map { "\($0.start.line):\($0.start.column) \($0.code): \($0.message)" }.joined(separator: "\n")
}

/// Expects exactly one diagnostic, with `code`, starting at `position`; returns it.
@discardableResult
func expectSingle(_ file: MarkedRuleFile, _ code: String, at marker: String = "1️⃣",
                  sourceLocation: Testing.SourceLocation = #_sourceLocation) -> FileDiagnostic? {
    let diagnostics = file.diagnostics
    #expect(diagnostics.count == 1, "expected one diagnostic, got:\n\(describe(diagnostics))", sourceLocation: sourceLocation)
    guard let diagnostic = diagnostics.first else { return nil }
    #expect(diagnostic.code == code, "\(describe([diagnostic]))", sourceLocation: sourceLocation)
    #expect(diagnostic.start == file[marker], "\(describe([diagnostic])); expected \(file[marker])", sourceLocation: sourceLocation)
    #expect(diagnostic.file == "rules.yaml", sourceLocation: sourceLocation)
    return diagnostic
}
