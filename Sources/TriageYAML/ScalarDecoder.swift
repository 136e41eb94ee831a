/// Re-decodes a scalar's source the way libyaml's scanner does, remembering where every output
/// byte came from. Each method mirrors the libyaml 0.2.5 scanner routine for that style, minus
/// the checks that only decide where the scalar ends (the event's end mark already says that).
struct ScalarDecoder {
    /// One output byte and the source range that produced it.
    struct Piece {
        var byte: UInt8
        var start: Int
        var end: Int
    }

    /// What follows a block scalar's `|` or `>`.
    struct BlockHeader {
        /// -1 strip (`-`), 0 clip, +1 keep (`+`).
        var chomping: Int
        /// The explicit indentation indicator, if written.
        var increment: Int?
        /// Where the first line after the header starts.
        var bodyStart: Int

        init?(bytes: [UInt8], from indicator: Int, limit: Int) {
            var i = indicator + 1
            chomping = 0
            increment = nil
            func chompingIndicator(at i: Int) -> Int? {
                guard i < limit else { return nil }
                if bytes[i] == UInt8(ascii: "+") { return 1 }
                if bytes[i] == UInt8(ascii: "-") { return -1 }
                return nil
            }
            func indentationIndicator(at i: Int) -> Int? {
                guard i < limit, bytes[i] >= UInt8(ascii: "1"), bytes[i] <= UInt8(ascii: "9") else { return nil }
                return Int(bytes[i] - UInt8(ascii: "0"))
            }
            if let value = chompingIndicator(at: i) {
                chomping = value
                i += 1
                if let value = indentationIndicator(at: i) {
                    increment = value
                    i += 1
                }
            } else if let value = indentationIndicator(at: i) {
                increment = value
                i += 1
                if let value = chompingIndicator(at: i) {
                    chomping = value
                    i += 1
                }
            }
            while i < limit && SourceBytes.isBlank(bytes[i]) { i += 1 }
            if i < limit && bytes[i] == UInt8(ascii: "#") {
                while i < limit && SourceBytes.lineBreakLength(bytes, at: i, limit: limit) == 0 { i += 1 }
            }
            let breakLength = SourceBytes.lineBreakLength(bytes, at: i, limit: limit)
            guard breakLength > 0 || i == limit else { return nil }
            bodyStart = i + breakLength
        }
    }

    let bytes: [UInt8]
    /// The scalar's end offset; nothing at or after it is read.
    let limit: Int
    private(set) var output: [UInt8] = []
    private(set) var sources: [Int] = []
    /// Just after the source of the last output byte (or where the value starts, while empty).
    private(set) var lastEnd: Int

    init(bytes: [UInt8], limit: Int, origin: Int) {
        self.bytes = bytes
        self.limit = limit
        self.lastEnd = origin
    }

    // MARK: - Plain scalars (yaml_parser_scan_plain_scalar)

    mutating func decodePlain(from start: Int) {
        var i = start
        var leadingBlanks = false
        var whitespaces: [Piece] = []
        var leadingBreak: [Piece] = []
        var trailingBreaks: [Piece] = []
        while i < limit {
            while i < limit && !SourceBytes.isBlank(bytes[i]) && lineBreak(at: i) == nil {
                if leadingBlanks {
                    fold(leadingBreak: &leadingBreak, trailingBreaks: &trailingBreaks)
                    leadingBlanks = false
                } else if !whitespaces.isEmpty {
                    append(whitespaces)
                    whitespaces.removeAll()
                }
                copyCharacter(at: &i, before: limit)
            }
            while i < limit {
                if SourceBytes.isBlank(bytes[i]) {
                    // Blanks after a line break are indentation, not content.
                    if !leadingBlanks { whitespaces.append(Piece(byte: bytes[i], start: i, end: i + 1)) }
                    i += 1
                } else if let lineBreak = lineBreak(at: i) {
                    if !leadingBlanks {
                        whitespaces.removeAll()
                        leadingBreak = lineBreak.pieces
                        leadingBlanks = true
                    } else {
                        trailingBreaks += lineBreak.pieces
                    }
                    i += lineBreak.length
                } else {
                    break
                }
            }
        }
    }

    // MARK: - Quoted scalars (yaml_parser_scan_flow_scalar)

    /// False if the source is not a quoted scalar that ends exactly at `limit`.
    mutating func decodeQuoted(from start: Int, single: Bool) -> Bool {
        let quote = UInt8(ascii: single ? "'" : "\"")
        let close = limit - 1
        guard start < close, bytes[start] == quote, bytes[close] == quote else { return false }
        var i = start + 1
        var whitespaces: [Piece] = []
        var leadingBreak: [Piece] = []
        var trailingBreaks: [Piece] = []
        while true {
            var leadingBlanks = false
            while i < close && !SourceBytes.isBlank(bytes[i]) && lineBreak(at: i) == nil {
                let byte = bytes[i]
                if single && byte == quote {
                    // Inside the scalar a single quote can only be the first of a `''` pair.
                    guard i + 1 < close, bytes[i + 1] == quote else { return false }
                    append(Piece(byte: quote, start: i, end: i + 2))
                    i += 2
                } else if single {
                    copyCharacter(at: &i, before: close)
                } else if byte == quote {
                    return false
                } else if byte == UInt8(ascii: "\\"), let escapedBreak = lineBreak(at: i + 1, before: close) {
                    // An escaped line break joins the lines without a space.
                    i += 1 + escapedBreak.length
                    leadingBlanks = true
                    break
                } else if byte == UInt8(ascii: "\\") {
                    guard decodeEscape(at: &i, before: close) else { return false }
                } else {
                    copyCharacter(at: &i, before: close)
                }
            }
            if i >= close { break }
            while i < close {
                if SourceBytes.isBlank(bytes[i]) {
                    if !leadingBlanks { whitespaces.append(Piece(byte: bytes[i], start: i, end: i + 1)) }
                    i += 1
                } else if let lineBreak = lineBreak(at: i, before: close) {
                    if !leadingBlanks {
                        whitespaces.removeAll()
                        leadingBreak = lineBreak.pieces
                        leadingBlanks = true
                    } else {
                        trailingBreaks += lineBreak.pieces
                    }
                    i += lineBreak.length
                } else {
                    break
                }
            }
            if leadingBlanks {
                fold(leadingBreak: &leadingBreak, trailingBreaks: &trailingBreaks)
            } else {
                append(whitespaces)
                whitespaces.removeAll()
            }
        }
        return true
    }

    /// Decodes the escape sequence at `i` (a backslash) and moves past it.
    private mutating func decodeEscape(at i: inout Int, before end: Int) -> Bool {
        guard i + 1 < end else { return false }
        let start = i
        var codeLength = 0
        var simple: [UInt8] = []
        switch bytes[i + 1] {
        case UInt8(ascii: "0"): simple = [0x00]
        case UInt8(ascii: "a"): simple = [0x07]
        case UInt8(ascii: "b"): simple = [0x08]
        case UInt8(ascii: "t"), SourceBytes.tab: simple = [0x09]
        case UInt8(ascii: "n"): simple = [0x0A]
        case UInt8(ascii: "v"): simple = [0x0B]
        case UInt8(ascii: "f"): simple = [0x0C]
        case UInt8(ascii: "r"): simple = [0x0D]
        case UInt8(ascii: "e"): simple = [0x1B]
        case UInt8(ascii: " "): simple = [0x20]
        case UInt8(ascii: "\""): simple = [0x22]
        case UInt8(ascii: "/"): simple = [0x2F]
        case UInt8(ascii: "'"): simple = [0x27]
        case UInt8(ascii: "\\"): simple = [0x5C]
        case UInt8(ascii: "N"): simple = [0xC2, 0x85]
        case UInt8(ascii: "_"): simple = [0xC2, 0xA0]
        case UInt8(ascii: "L"): simple = [0xE2, 0x80, 0xA8]
        case UInt8(ascii: "P"): simple = [0xE2, 0x80, 0xA9]
        case UInt8(ascii: "x"): codeLength = 2
        case UInt8(ascii: "u"): codeLength = 4
        case UInt8(ascii: "U"): codeLength = 8
        default: return false
        }
        if codeLength == 0 {
            i += 2
            for byte in simple { append(Piece(byte: byte, start: start, end: i)) }
            return true
        }
        guard i + 2 + codeLength <= end else { return false }
        var value: UInt32 = 0
        for k in 0..<codeLength {
            guard let digit = Self.hexValue(bytes[i + 2 + k]) else { return false }
            value = value << 4 | digit
        }
        guard let scalar = Unicode.Scalar(value), let encoded = UTF8.encode(scalar) else { return false }
        i += 2 + codeLength
        for byte in encoded { append(Piece(byte: byte, start: start, end: i)) }
        return true
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    // MARK: - Block scalars (yaml_parser_scan_block_scalar)

    /// `indent` 0 means "detect it from the first non-empty line", as libyaml does.
    mutating func decodeBlockBody(header: BlockHeader, literal: Bool, indent requestedIndent: Int) {
        var i = header.bodyStart
        var column = 0
        var indent = requestedIndent
        var leadingBreak: [Piece] = []
        var trailingBreaks: [Piece] = []
        var leadingBlank = false

        // yaml_parser_scan_block_scalar_breaks: indentation spaces and empty lines.
        func scanBreaks() {
            var maxIndent = 0
            while true {
                while (indent == 0 || column < indent) && i < limit && bytes[i] == SourceBytes.space {
                    i += 1
                    column += 1
                }
                maxIndent = max(maxIndent, column)
                guard let lineBreak = lineBreak(at: i) else { break }
                trailingBreaks += lineBreak.pieces
                i += lineBreak.length
                column = 0
            }
            if indent == 0 {
                // libyaml also raises this to the enclosing block's indentation plus one; when
                // that matters there is no content and the scalar's range ends here anyway.
                indent = max(maxIndent, 1)
            }
        }

        scanBreaks()
        while column == indent && i < limit {
            let trailingBlank = SourceBytes.isBlank(bytes[i])
            if !literal && leadingBreak.first?.byte == SourceBytes.lineFeed && !leadingBlank && !trailingBlank {
                // Folding: a single line break between two normal lines becomes a space.
                if trailingBreaks.isEmpty { append(space(replacing: leadingBreak)) }
                leadingBreak.removeAll()
            } else {
                append(leadingBreak)
                leadingBreak.removeAll()
            }
            append(trailingBreaks)
            trailingBreaks.removeAll()
            leadingBlank = SourceBytes.isBlank(bytes[i])
            while i < limit && lineBreak(at: i) == nil {
                copyCharacter(at: &i, before: limit)
            }
            if let lineBreak = lineBreak(at: i) {
                leadingBreak = lineBreak.pieces
                i += lineBreak.length
            }
            column = 0
            scanBreaks()
        }
        if header.chomping != -1 { append(leadingBreak) }
        if header.chomping == 1 { append(trailingBreaks) }
    }

    // MARK: - Shared steps

    /// libyaml's folding of a line break (plain and quoted scalars): one break between
    /// non-empty lines becomes a space, further breaks are kept; LS and PS are never folded.
    private mutating func fold(leadingBreak: inout [Piece], trailingBreaks: inout [Piece]) {
        if leadingBreak.first?.byte == SourceBytes.lineFeed {
            if trailingBreaks.isEmpty {
                append(space(replacing: leadingBreak))
            } else {
                append(trailingBreaks)
            }
        } else {
            append(leadingBreak)
            append(trailingBreaks)
        }
        leadingBreak.removeAll()
        trailingBreaks.removeAll()
    }

    /// The space a folded line break turns into; it is attributed to the line break.
    private func space(replacing lineBreak: [Piece]) -> Piece {
        Piece(byte: SourceBytes.space, start: lineBreak.first?.start ?? lastEnd, end: lineBreak.last?.end ?? lastEnd)
    }

    /// The line break at `index` as libyaml's READ_LINE copies it: CR, LF, CR LF and NEL become
    /// LF; LS and PS are kept as they are.
    private func lineBreak(at index: Int, before end: Int? = nil) -> (pieces: [Piece], length: Int)? {
        let end = end ?? limit
        let length = SourceBytes.lineBreakLength(bytes, at: index, limit: end)
        guard length > 0 else { return nil }
        if length == 3 {
            return ((index..<index + 3).map { Piece(byte: bytes[$0], start: index, end: index + 3) }, 3)
        }
        return ([Piece(byte: SourceBytes.lineFeed, start: index, end: index + length)], length)
    }

    private mutating func copyCharacter(at i: inout Int, before end: Int) {
        let start = i
        let next = min(i + SourceBytes.sequenceLength(bytes[i]), end)
        while i < next {
            output.append(bytes[i])
            sources.append(start)
            i += 1
        }
        lastEnd = next
    }

    private mutating func append(_ piece: Piece) {
        output.append(piece.byte)
        sources.append(piece.start)
        lastEnd = piece.end
    }

    private mutating func append(_ pieces: [Piece]) {
        for piece in pieces { append(piece) }
    }
}
