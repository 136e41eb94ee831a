/// A table of the HTML report, written so that thousands of rows open quickly: the rows go into
/// chunks of `chunkSize`, each a table of its own in a box the browser does not lay out until it is
/// scrolled near (`content-visibility: auto`). Fixed column widths (`table-layout: fixed` and one
/// `<colgroup>` for every chunk) keep the chunks' columns aligned, and the first chunk carries the
/// header; the page's script sorts and filters the rows of all chunks as one table. The box scrolls
/// sideways on narrow screens, never the page.
struct HTMLTable {
    /// A column: its header text and its width in `em` (nil: the rest of the width, e.g. titles).
    struct Column {
        var header: String
        var widthEm: Int?
    }

    /// Rows per chunk: a screenful or more, few enough that laying one out is cheap.
    static let chunkSize = 200
    /// Estimated height of a row, for the space a chunk takes before it is laid out.
    static let estimatedRowHeight = 34
    /// The least width of a column without a width of its own.
    static let flexibleColumnEm = 16

    var columns: [Column]
    /// The class of the table (`matches`, `writes`), besides `sortable` on the first chunk.
    var kind: String

    /// Writes the table of `rows` (each a complete `<tr>…</tr>\n`; a lazy collection renders each
    /// row only as it is written), chunk by chunk.
    func write(_ rows: some Collection<String>, to output: inout some TextOutputStream) {
        let minimumEm = columns.reduce(0) { $0 + ($1.widthEm ?? Self.flexibleColumnEm) }
        var colgroup = "<colgroup>"
        for column in columns { colgroup += column.widthEm.map { "<col style=\"width: \($0)em\">" } ?? "<col>" }
        colgroup += "</colgroup>"
        output.write("<div class=\"table-wrap\">\n")
        var remaining = rows.makeIterator()
        let count = rows.count
        for start in stride(from: 0, to: max(count, 1), by: Self.chunkSize) {
            let end = min(start + Self.chunkSize, count)
            var html = "<div class=\"chunk\" style=\"min-width: \(minimumEm)em; contain-intrinsic-size: auto \((end - start) * Self.estimatedRowHeight)px\">"
            html += "<table class=\"\(start == 0 ? "sortable " : "")\(kind)\">" + colgroup
            if start == 0 {
                html += "<thead><tr>"
                for column in columns { html += "<th scope=\"col\">\(HTML.escape(column.header))</th>" }
                html += "</tr></thead>"
            }
            output.write(html + "\n<tbody>\n")
            for _ in start..<end { output.write(remaining.next()!) }
            output.write("</tbody>\n</table></div>\n")
        }
        output.write("</div>\n")
    }
}
