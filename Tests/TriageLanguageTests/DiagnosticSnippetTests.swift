import Testing
import TriageLanguage

/// A snippet of a very long line (a minified or generated file) shows a window of at most
/// `maximumSnippetWidth` columns around the caret, marked `…` where it was cut, with the caret
/// still under the reported column.
struct DiagnosticSnippetTests {
    static let width = DiagnosticRenderer.maximumSnippetWidth

    /// The source line and caret line of a rendered diagnostic.
    static func render(_ line: String, column: Int, endColumn: Int) -> (source: String, carets: String) {
        let rendered = DiagnosticRenderer().render(path: "min.yaml", severity: .error, code: "unknown-name", message: "m", suggestion: nil,
                                                   start: LineColumn(line: 1, column: column), end: LineColumn(line: 1, column: endColumn),
                                                   lineText: Substring(line))
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return (String(lines[2].dropFirst("1 | ".count)), String(lines[3].dropFirst("  | ".count)))
    }

    /// A 10,000-column line of digits with `marker` at 1-based `column`.
    static func longLine(marker: String, at column: Int, length: Int = 10_000) -> String {
        var scalars = Array(repeating: "x", count: length)
        for (offset, character) in marker.enumerated() { scalars[column - 1 + offset] = String(character) }
        return scalars.joined()
    }

    /// The text the carets stand under, in the shown line.
    static func underlined(_ snippet: (source: String, carets: String)) -> String {
        let source = Array(snippet.source.unicodeScalars)
        let start = snippet.carets.unicodeScalars.count - snippet.carets.drop { $0 == " " }.unicodeScalars.count
        let count = snippet.carets.filter { $0 == "^" }.count
        return String(String.UnicodeScalarView(source[start..<min(source.count, start + count)]))
    }

    @Test(arguments: [1, 5_000, 9_996])
    func aLongLineIsCutAroundTheCaret(column: Int) {
        let line = Self.longLine(marker: "labls", at: column)
        let snippet = Self.render(line, column: column, endColumn: column + 5)
        #expect(Self.underlined(snippet) == "labls")
        let text = snippet.source.unicodeScalars
        #expect(text.count <= Self.width + 2)
        #expect(text.count >= Self.width)
        #expect(snippet.source.hasPrefix("…") == (column > 1))
        #expect(snippet.source.hasSuffix("…") == (column < 9_996))
    }

    @Test func aCaretAfterTheLastColumnStaysAtTheEnd() {
        let line = Self.longLine(marker: "", at: 1)
        let snippet = Self.render(line, column: 10_001, endColumn: 10_002)
        #expect(snippet.source.hasPrefix("…") && !snippet.source.hasSuffix("…"))
        #expect(snippet.carets.unicodeScalars.count == snippet.source.unicodeScalars.count + 1)
        #expect(snippet.carets.hasSuffix(" ^"))
    }

    @Test func multiByteCharactersCountAsOneColumnEach() {
        // Columns count Unicode scalars: é, 中 and 😀 are one column each, however many bytes.
        let prefix = String(repeating: "é中😀", count: 2_000)
        let line = prefix + "labls" + String(repeating: "ü", count: 4_000)
        let column = prefix.unicodeScalars.count + 1
        let snippet = Self.render(line, column: column, endColumn: column + 5)
        #expect(Self.underlined(snippet) == "labls")
        #expect(snippet.source.unicodeScalars.count == Self.width + 2)
        #expect(snippet.source.hasPrefix("…é") || snippet.source.hasPrefix("…中") || snippet.source.hasPrefix("…😀"))
    }

    @Test func aRangeWiderThanTheWindowRunsToTheCutMarker() {
        let line = Self.longLine(marker: "", at: 1)
        let snippet = Self.render(line, column: 2_000, endColumn: 2_500)
        let source = Array(snippet.source.unicodeScalars), carets = Array(snippet.carets.unicodeScalars)
        #expect(source.count == Self.width + 2)
        // Carets from the reported column to the trailing `…`, not 500 of them.
        #expect(carets.count == source.count)
        #expect(carets.last == "^" && source.last == "…")
        #expect(carets.filter { $0 == "^" }.count < Self.width)
    }

    @Test func aLineWithinTheWidthIsShownWhole() {
        let line = String(repeating: "a", count: Self.width - 5) + "labls"
        let snippet = Self.render(line, column: Self.width - 4, endColumn: Self.width + 1)
        #expect(snippet.source == line)
        #expect(Self.underlined(snippet) == "labls")
    }
}
