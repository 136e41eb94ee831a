/// Prints a diagnostic the way compilers do: `path:line:col: error[code]: message`, the source line,
/// a caret range under the offending text, and `help:` with the suggestion.
public struct DiagnosticRenderer: Sendable {
    public var useColor: Bool

    /// The most columns of a source line a snippet shows: a longer line (a minified or generated
    /// file) is cut to a window around the caret, with `…` where text was left out.
    public static let maximumSnippetWidth = 120

    public init(useColor: Bool = false) {
        self.useColor = useColor
    }

    /// - Parameters:
    ///   - start, end: positions in the file (end exclusive); a range over several lines underlines
    ///     to the end of the first line.
    ///   - lineText: the text of `start.line`.
    public func render(path: String, severity: Severity, code: String, message: String, suggestion: String?,
                       start: LineColumn, end: LineColumn, lineText: Substring) -> String {
        let label: String
        switch severity {
        case .error: label = paint("error", "1;31")
        case .warning: label = paint("warning", "1;33")
        case .info: label = paint("info", "1;36")
        }
        var output = "\(paint("\(path):\(start.line):\(start.column):", "1")) \(label)\(paint("[\(code)]", "1")): \(message)\n"
        output += snippet(start: start, end: end, lineText: lineText, caretColor: severity == .error ? "1;31" : "1;33")
        if let suggestion {
            let pad = String(repeating: " ", count: String(start.line).count)
            output += "\(pad) \(paint("= help:", "1;36")) \(suggestion)\n"
        }
        return output
    }

    /// Another place a finding points at, as compilers show it under the finding:
    /// `path:line:col: note: message` and the snippet with its carets.
    public func renderNote(path: String, message: String, start: LineColumn, end: LineColumn, lineText: Substring) -> String {
        "\(paint("\(path):\(start.line):\(start.column):", "1")) \(paint("note", "1;36")): \(message)\n"
            + snippet(start: start, end: end, lineText: lineText, caretColor: "1;36")
    }

    /// The source line of `start` with carets under `start..<end` (to the line's end when the range
    /// spans lines), behind a gutter with the line number.
    private func snippet(start: LineColumn, end: LineColumn, lineText: Substring, caretColor: String) -> String {
        let gutter = String(start.line)
        let pad = String(repeating: " ", count: gutter.count)
        let scalars = Array(lineText.unicodeScalars)
        let caretStart = max(1, start.column)
        let lineEndColumn = scalars.count + 1
        let caretEnd = end.line == start.line ? max(caretStart + 1, end.column) : max(caretStart + 1, lineEndColumn)
        let snippet = DiagnosticSnippet(line: lineText, scalars: scalars, caretStart: caretStart, caretEnd: caretEnd)
        var output = "\(pad) \(paint("|", "34"))\n"
        output += "\(paint(gutter, "34")) \(paint("|", "34")) \(snippet.text)\n"
        // Columns count scalars; tabs were shown as single spaces, so one column is one cell here.
        let prefix = String(repeating: " ", count: snippet.caretOffset)
        let carets = String(repeating: "^", count: snippet.caretWidth)
        output += "\(pad) \(paint("|", "34")) \(prefix)\(paint(carets, caretColor))\n"
        return output
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
