/// JSON strings: skipping (the hot path for `body` and the many URLs nobody reads) scans eight bytes at a
/// time for `"`, `\` and control characters; reading copies the bytes straight into a `String` unless the
/// string has escapes.
///
/// Decoding choices, so results are predictable:
/// - every escape of RFC 8259 is decoded, `\uD83D\uDE00` surrogate pairs to one scalar;
/// - a lone surrogate escape (`\uD800` not followed by a low-surrogate escape, or a stray `\uDC00`)
///   becomes U+FFFD, as does invalid UTF-8 in the raw bytes: the text survives, the damage is visible;
/// - raw control characters (below U+0020) inside a string are an error, as RFC 8259 requires.
extension JSONScanner {
    /// Skips the string whose opening quote is under the cursor, checking its escapes.
    mutating func skipString() throws(IssueJSONError) {
        let open = position
        position += 1
        while true {
            position = indexOfSpecialByte(from: position)
            guard position < bytes.count else { throw error("unterminated string", at: open) }
            switch bytes[position] {
            case ASCII.quote:
                position += 1
                return
            case ASCII.backslash:
                if position + 1 < bytes.count, bytes[position + 1] == ASCII.u {
                    _ = try readHexEscape()
                } else {
                    try checkSimpleEscape()
                    position += 2
                }
            default:
                throw error("unescaped control character in string")
            }
        }
    }

    /// Reads the string under the cursor.
    mutating func readString() throws(IssueJSONError) -> String {
        try withStringBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads the string under the cursor and hands its unescaped UTF-8 bytes to `body`: the input bytes
    /// themselves when it has no escapes (no copy), else a decoded copy.
    mutating func withStringBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(IssueJSONError) -> R {
        let open = position
        let end = indexOfSpecialByte(from: open + 1)
        if end < bytes.count, bytes[end] == ASCII.quote {
            position = end + 1
            return body(UnsafeRawBufferPointer(rebasing: bytes[(open + 1)..<end]))
        }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(end - open + 16)
        decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[(open + 1)..<min(end, bytes.count)]))
        position = end
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: open) }
            switch bytes[position] {
            case ASCII.quote:
                position += 1
                return decoded.withUnsafeBytes(body)
            case ASCII.backslash:
                try appendEscape(to: &decoded)
            default:
                throw error("unescaped control character in string")
            }
            let runEnd = indexOfSpecialByte(from: position)
            decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[position..<min(runEnd, bytes.count)]))
            position = runEnd
        }
    }

    /// The first index at or after `start` holding `"`, `\\` or a byte below 0x20; `bytes.count` if none.
    @inline(__always)
    func indexOfSpecialByte(from start: Int) -> Int {
        JSONByteSearch.indexOfStringSpecialByte(in: bytes, from: start)
    }

    /// Checks the one-character escape at the cursor (`\"`, `\n`, …), without consuming it.
    private func checkSimpleEscape() throws(IssueJSONError) {
        guard position + 1 < bytes.count else { throw error("unterminated escape in string") }
        switch bytes[position + 1] {
        case ASCII.quote, ASCII.backslash, ASCII.slash, ASCII.b, ASCII.f, ASCII.n, ASCII.r, ASCII.t: return
        default: throw error("invalid escape \\\(Character(Unicode.Scalar(bytes[position + 1]))) in string")
        }
    }

    /// Decodes the escape at the cursor and appends its UTF-8 encoding.
    private mutating func appendEscape(to decoded: inout [UInt8]) throws(IssueJSONError) {
        guard position + 1 < bytes.count else { throw error("unterminated escape in string") }
        let decodedByte: UInt8
        switch bytes[position + 1] {
        case ASCII.quote: decodedByte = ASCII.quote
        case ASCII.backslash: decodedByte = ASCII.backslash
        case ASCII.slash: decodedByte = ASCII.slash
        case ASCII.b: decodedByte = 0x08
        case ASCII.f: decodedByte = 0x0C
        case ASCII.n: decodedByte = ASCII.newline
        case ASCII.r: decodedByte = ASCII.carriageReturn
        case ASCII.t: decodedByte = ASCII.tab
        case ASCII.u:
            appendUTF8(try readHexEscape(), to: &decoded)
            return
        default: try checkSimpleEscape(); return
        }
        decoded.append(decodedByte)
        position += 2
    }

    /// Consumes `\uXXXX` (and a following low-surrogate `\uXXXX` when the first is a high surrogate) and
    /// returns the scalar; lone surrogates give U+FFFD.
    private mutating func readHexEscape() throws(IssueJSONError) -> Unicode.Scalar {
        let first = try readHexQuad(at: position)
        position += 6
        switch first {
        case 0xD800...0xDBFF:
            guard position + 1 < bytes.count, bytes[position] == ASCII.backslash, bytes[position + 1] == ASCII.u else {
                return Unicode.Scalar.replacement
            }
            let second = try readHexQuad(at: position)
            guard (0xDC00...0xDFFF).contains(second) else { return Unicode.Scalar.replacement }
            position += 6
            return Unicode.Scalar(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)) ?? Unicode.Scalar.replacement
        case 0xDC00...0xDFFF:
            return Unicode.Scalar.replacement
        default:
            return Unicode.Scalar(first) ?? Unicode.Scalar.replacement
        }
    }

    /// The value of the four hex digits after the `\u` at `offset`.
    private func readHexQuad(at offset: Int) throws(IssueJSONError) -> UInt32 {
        guard offset + 6 <= bytes.count else { throw error("truncated \\u escape in string", at: offset) }
        var value: UInt32 = 0
        for index in (offset + 2)..<(offset + 6) {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw error("invalid hex digit in \\u escape", at: index)
            }
            value = value << 4 | digit
        }
        return value
    }

    private func appendUTF8(_ scalar: Unicode.Scalar, to decoded: inout [UInt8]) {
        let value = scalar.value
        switch value {
        case 0..<0x80:
            decoded.append(UInt8(value))
        case 0x80..<0x800:
            decoded.append(UInt8(0xC0 | value >> 6))
            decoded.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            decoded.append(UInt8(0xE0 | value >> 12))
            decoded.append(UInt8(0x80 | value >> 6 & 0x3F))
            decoded.append(UInt8(0x80 | value & 0x3F))
        default:
            decoded.append(UInt8(0xF0 | value >> 18))
            decoded.append(UInt8(0x80 | value >> 12 & 0x3F))
            decoded.append(UInt8(0x80 | value >> 6 & 0x3F))
            decoded.append(UInt8(0x80 | value & 0x3F))
        }
    }
}

private extension Unicode.Scalar {
    static let replacement = Unicode.Scalar(0xFFFD)!
}
