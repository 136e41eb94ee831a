/// An expression's source text with the line index needed to turn byte offsets into positions.
public struct SourceText: Hashable, Sendable {
    public let text: String
    /// Byte offset where each line starts.
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        var starts = [0]
        for (offset, byte) in text.utf8.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset; offsets past the end clamp.
    public func lineColumn(ofOffset offset: Int) -> LineColumn {
        let utf8 = text.utf8
        let clamped = max(0, min(offset, utf8.count))
        var low = 0, high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
        }
        let lineStart = utf8.index(utf8.startIndex, offsetBy: lineStarts[low])
        let target = utf8.index(utf8.startIndex, offsetBy: clamped)
        var column = 1
        var index = lineStart
        let scalars = text.unicodeScalars
        while index < target {
            scalars.formIndex(after: &index)
            column += 1
        }
        return LineColumn(line: low + 1, column: column)
    }

    /// The text of the 1-based line `line`, without its line break.
    public func line(_ line: Int) -> Substring {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[line - 1])
        let end = line < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[line] - 1) : utf8.endIndex
        return text[start..<end]
    }

    /// The source covered by `range`.
    public func slice(_ range: SourceRange) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: max(0, min(range.start, utf8.count)))
        let end = utf8.index(utf8.startIndex, offsetBy: max(0, min(range.end, utf8.count)))
        return text[start..<end]
    }
}
