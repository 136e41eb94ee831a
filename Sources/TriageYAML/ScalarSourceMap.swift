/// Where each byte of a scalar's decoded value was written in the file.
///
/// Built by re-scanning the scalar's source text with the same decoding rules libyaml's scanner
/// uses for its style (folding, escapes, block indentation, chomping), recording for every
/// output byte the source offset that produced it. The map is only trusted when that decoding
/// reproduces libyaml's value byte for byte.
struct ScalarSourceMap {
    /// For each byte of the value, the source offset of the character, escape sequence or line
    /// break that produced it.
    var byteSources: [Int]
    /// The source offset just after the last decoded character (where `value.utf8.count` maps).
    var endOffset: Int

    /// Nil when the scalar cannot be re-scanned to exactly its `value` (for example because the
    /// value was edited after loading); callers then fall back to the scalar's start.
    init?(scalar: YAMLScalar, source: [UInt8]) {
        let start = scalar.start.offset
        let end = scalar.end.offset
        guard start >= 0, start <= end, end <= source.count else { return nil }
        let content = Self.contentStart(in: source, from: start, limit: end)
        let expected = Array(scalar.value.utf8)

        let decoded: ScalarDecoder?
        switch scalar.style {
        case .plain:
            var decoder = ScalarDecoder(bytes: source, limit: end, origin: content)
            decoder.decodePlain(from: content)
            decoded = decoder
        case .singleQuoted, .doubleQuoted:
            var decoder = ScalarDecoder(bytes: source, limit: end, origin: min(content + 1, end))
            decoded = decoder.decodeQuoted(from: content, single: scalar.style == .singleQuoted) ? decoder : nil
        case .literal, .folded:
            decoded = Self.decodeBlock(in: source, from: content, limit: end,
                                       literal: scalar.style == .literal, expected: expected,
                                       start: scalar.start)
        }
        guard let decoded, decoded.output == expected else { return nil }
        byteSources = decoded.sources
        endOffset = decoded.lastEnd
    }

    /// The file position of the value byte at `offset` (clamped to the value).
    func mark(forValueOffset offset: Int, source: [UInt8], from start: YAMLMark) -> YAMLMark {
        let target: Int
        if offset >= byteSources.count {
            target = endOffset
        } else {
            target = byteSources[max(offset, 0)]
        }
        return SourcePositions.mark(atByteOffset: target, from: start, in: source)
    }

    /// Skips the anchor and tag that libyaml includes in a scalar event's range, and the
    /// separating whitespace, line breaks and comments, to reach the scalar token itself.
    static func contentStart(in bytes: [UInt8], from start: Int, limit: Int) -> Int {
        var i = start
        while i < limit, bytes[i] == UInt8(ascii: "&") || bytes[i] == UInt8(ascii: "!") {
            if bytes[i] == UInt8(ascii: "!") && i + 1 < limit && bytes[i + 1] == UInt8(ascii: "<") {
                // Verbatim tag `!<...>`.
                while i < limit && bytes[i] != UInt8(ascii: ">") { i += 1 }
                i += 1
            } else {
                i += 1
                while i < limit && !SourceBytes.isBlank(bytes[i])
                    && SourceBytes.lineBreakLength(bytes, at: i, limit: limit) == 0
                    && !isFlowIndicator(bytes[i]) {
                    i += 1
                }
            }
            while i < limit {
                let breakLength = SourceBytes.lineBreakLength(bytes, at: i, limit: limit)
                if SourceBytes.isBlank(bytes[i]) {
                    i += 1
                } else if breakLength > 0 {
                    i += breakLength
                } else if bytes[i] == UInt8(ascii: "#") {
                    while i < limit && SourceBytes.lineBreakLength(bytes, at: i, limit: limit) == 0 { i += 1 }
                } else {
                    break
                }
            }
        }
        return min(i, limit)
    }

    private static func isFlowIndicator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "]")
            || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}")
    }

    /// Decodes a block scalar. With an explicit indentation indicator the content indentation
    /// also depends on the enclosing block's indentation, which the event stream does not give;
    /// the candidates are tried in order and the one that reproduces the value wins (the first
    /// content line's leading spaces are part of the value, so at most one can).
    private static func decodeBlock(
        in bytes: [UInt8], from content: Int, limit: Int, literal: Bool, expected: [UInt8], start: YAMLMark
    ) -> ScalarDecoder? {
        guard content < limit, bytes[content] == UInt8(ascii: literal ? "|" : ">") else { return nil }
        guard let header = ScalarDecoder.BlockHeader(bytes: bytes, from: content, limit: limit) else { return nil }
        guard let increment = header.increment else {
            var decoder = ScalarDecoder(bytes: bytes, limit: limit, origin: content)
            decoder.decodeBlockBody(header: header, literal: literal, indent: 0)
            return decoder
        }
        // libyaml's indentation is the enclosing block's plus the indicator. That block starts left
        // of the indicator, and every non-blank content line is indented at least that far.
        let column = SourcePositions.mark(atByteOffset: content, from: start, in: bytes).column - 1
        var narrowest = increment + column
        var i = header.bodyStart
        while i < limit {
            var spaces = 0
            while i < limit && bytes[i] == SourceBytes.space {
                spaces += 1
                i += 1
            }
            if i < limit && SourceBytes.lineBreakLength(bytes, at: i, limit: limit) == 0 {
                narrowest = min(narrowest, spaces)
            }
            while i < limit && SourceBytes.lineBreakLength(bytes, at: i, limit: limit) == 0 { i += 1 }
            i += SourceBytes.lineBreakLength(bytes, at: i, limit: limit)
        }
        for indent in increment...max(increment, narrowest) {
            var decoder = ScalarDecoder(bytes: bytes, limit: limit, origin: content)
            decoder.decodeBlockBody(header: header, literal: literal, indent: indent)
            if decoder.output == expected { return decoder }
        }
        return nil
    }
}
