/// Reads a YAML file into a `YAMLNode` tree with positions, through libyaml's event API.
///
/// A rule file is one document, so a second document is an error rather than silently ignored.
public enum YAMLLoader {
    /// Parses UTF-8 YAML text. Returns `nil` for an empty stream or document (only comments, `---`).
    public static func load(_ bytes: [UInt8]) throws(YAMLError) -> YAMLNode? {
        try load(bytes, limits: YAMLLoadLimits())
    }

    /// Parses YAML text. Returns `nil` for an empty stream or document (only comments, `---`).
    public static func load(_ text: String) throws(YAMLError) -> YAMLNode? {
        try load(Array(text.utf8), limits: YAMLLoadLimits())
    }

    /// Parses YAML text with explicit resource limits.
    public static func load(_ text: String, limits: YAMLLoadLimits) throws(YAMLError) -> YAMLNode? {
        try load(Array(text.utf8), limits: limits)
    }

    /// Parses UTF-8 YAML with explicit resource limits.
    public static func load(_ bytes: [UInt8], limits: YAMLLoadLimits) throws(YAMLError) -> YAMLNode? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // libyaml would decode UTF-16 itself and its character counts would no longer match
            // our byte offsets.
            throw YAMLError(message: "the file is UTF-16; YAML files must be UTF-8",
                            mark: YAMLMark(offset: 0, line: 1, column: 1))
        }
        guard !bytes.isEmpty else { return nil }
        // libyaml strips a UTF-8 byte-order mark before it starts counting characters.
        let hasByteOrderMark = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        var reader = LibYAMLEventReader(
            bytes: bytes,
            positions: SourcePositions(bytes: bytes, firstCharacterOffset: hasByteOrderMark ? 3 : 0),
            builder: TreeBuilder(limits: limits))
        return try reader.run()
    }
}
