/// The part of a source line a snippet shows, and where its carets go.
struct DiagnosticSnippet {
    /// The line as shown: tabs as spaces, cut to a window with `…` marking each cut side.
    var text: String
    /// Cells before the first caret.
    var caretOffset: Int
    var caretWidth: Int

    /// Columns of text kept before the caret when a long line is cut, for context.
    static let leadingContext = 40

    init(line: Substring, scalars: [Unicode.Scalar], caretStart: Int, caretEnd: Int, width: Int = DiagnosticRenderer.maximumSnippetWidth) {
        guard scalars.count > width else {
            text = String(line.map { $0 == "\t" ? " " : $0 })
            caretOffset = caretStart - 1
            caretWidth = caretEnd - caretStart
            return
        }
        // Scalar indices [low, high) are shown; the caret columns are 1-based scalar positions.
        let low = max(0, min(caretStart - 1 - Self.leadingContext, scalars.count - width))
        let high = low + width
        var shown = String.UnicodeScalarView()
        let ellipsis: Unicode.Scalar = "\u{2026}"
        if low > 0 { shown.append(ellipsis) }
        for scalar in scalars[low..<high] { shown.append(scalar == "\t" ? " " : scalar) }
        if high < scalars.count { shown.append(ellipsis) }
        text = String(shown)
        caretOffset = (low > 0 ? 1 : 0) + (caretStart - 1 - low)
        // A range running past the window ends under the trailing `…`.
        caretWidth = max(1, min(caretEnd, high + 2) - caretStart)
    }
}
