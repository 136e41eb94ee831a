/// A position in a YAML source file.
///
/// Carries both a byte offset (for slicing the file) and a human line/column (for messages),
/// so diagnostics never have to re-derive one from the other.
public struct YAMLMark: Hashable, Sendable, CustomStringConvertible {
    /// UTF-8 byte offset from the start of the file (a leading byte-order mark counts).
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode scalars (not bytes, not grapheme clusters).
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}
