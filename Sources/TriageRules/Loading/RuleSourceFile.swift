import TriageLanguage
import TriageYAML

/// A rule file's text, for turning YAML marks and expression offsets into file diagnostics.
struct RuleSourceFile {
    let path: String
    let text: SourceText

    init(path: String, text: String) {
        self.path = path
        self.text = SourceText(text)
    }

    func lineText(_ line: Int) -> String { String(text.line(line)) }

    func diagnostic(_ code: String, _ message: String, from start: YAMLMark, to end: YAMLMark, severity: Severity = .error,
                    suggestion: String? = nil, rule: String? = nil) -> FileDiagnostic {
        let startPosition = LineColumn(line: start.line, column: start.column)
        var endPosition = LineColumn(line: end.line, column: end.column)
        if endPosition <= startPosition { endPosition = LineColumn(line: start.line, column: start.column + 1) }
        let text = lineText(start.line)
        // `firstLineEnd` marks "to the end of the first line" with a huge column: make it the real end.
        if endPosition.line == startPosition.line, endPosition.column >= Int.max / 2 {
            endPosition.column = max(startPosition.column + 1, text.unicodeScalars.count + 1)
        }
        return FileDiagnostic(file: path, start: startPosition, end: endPosition, severity: severity, code: code, message: message,
                              suggestion: suggestion, lineText: text, rule: rule)
    }

    func diagnostic(_ code: DiagnosticCode, _ message: String, at node: YAMLNode, suggestion: String? = nil, rule: String? = nil) -> FileDiagnostic {
        diagnostic(code.rawValue, message, from: node.start, to: Self.firstLineEnd(of: node), suggestion: suggestion, rule: rule)
    }

    /// Where a node's underline should end: its end, or the end of its first line for multi-line nodes.
    static func firstLineEnd(of node: YAMLNode) -> YAMLMark {
        let end = node.end
        if end.line == node.start.line { return end }
        return YAMLMark(offset: node.start.offset, line: node.start.line, column: Int.max / 2)
    }

    /// An expression diagnostic mapped from offsets in `scalar`'s value to file positions.
    func diagnostic(_ diagnostic: Diagnostic, in scalar: YAMLScalar, rule: String?) -> FileDiagnostic {
        let start = scalar.mark(forValueOffset: diagnostic.range.start)
        var end = scalar.mark(forValueOffset: diagnostic.range.end)
        if end.line != start.line { end = YAMLMark(offset: start.offset, line: start.line, column: Int.max / 2) }
        var mapped = self.diagnostic(diagnostic.code.rawValue, diagnostic.message, from: start, to: end, severity: diagnostic.severity,
                                     suggestion: diagnostic.suggestion, rule: rule)
        if mapped.end.column > mapped.lineText.unicodeScalars.count + 1, end.line == start.line, end.column >= Int.max / 2 {
            mapped.end = LineColumn(line: start.line, column: mapped.lineText.unicodeScalars.count + 1)
        }
        return mapped
    }
}
