/// JSON strings: skipping (the hot path for `body` and the many URLs nobody reads) scans eight bytes at a
/// time for `"`, `\` and control characters; reading copies the bytes straight into a `String`, decoding
/// escapes (when there are any) directly into the string's storage.
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
                guard position + 1 < bytes.count else { throw error("unterminated string", at: open) }
                let escaped = bytes[position + 1]
                if escaped == ASCII.u {
                    _ = try readHexEscape()
                } else if JSONScanner.isSimpleEscape(escaped) {
                    position += 2
                } else {
                    throw error("invalid escape \\\(Character(Unicode.Scalar(escaped))) in string")
                }
            default:
                throw error("unescaped control character in string")
            }
        }
    }

    /// Reads the string under the cursor.
    mutating func readString() throws(IssueJSONError) -> String {
        let open = position
        let end = indexOfSpecialByte(from: open + 1)
        if end < bytes.count, bytes[end] == ASCII.quote {
            position = end + 1
            return JSONScanner.makeString(bytes.slice((open + 1)..<end))
        }
        try skipString()
        let contents = (open + 1)..<(position - 1)
        return String(unsafeUninitializedCapacity: contents.count) { decodeEscapes(contents, into: $0) }
    }

    /// Reads the string under the cursor and hands its unescaped UTF-8 bytes to `body`: the input bytes
    /// themselves when it has no escapes (no copy), else a decoded copy.
    mutating func withStringBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) throws(IssueJSONError) -> R {
        let open = position
        let end = indexOfSpecialByte(from: open + 1)
        if end < bytes.count, bytes[end] == ASCII.quote {
            position = end + 1
            return body(bytes.slice((open + 1)..<end))
        }
        try skipString()
        let contents = (open + 1)..<(position - 1)
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: contents.count) { buffer in
            let count = decodeEscapes(contents, into: buffer)
            return body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: buffer[..<count])))
        }
    }

    /// A `String` from UTF-8 bytes, invalid sequences replaced by U+FFFD. Typed as `UInt8` buffer so the
    /// standard library takes its fast path (a raw buffer goes through dynamic casts).
    static func makeString(_ bytes: UnsafeRawBufferPointer) -> String {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return "" }
        return String(decoding: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: bytes.count), as: UTF8.self)
    }

    /// The first index at or after `start` holding `"`, `\` or a byte below 0x20; `bytes.count` if none.
    @inline(__always)
    func indexOfSpecialByte(from start: Int) -> Int {
        JSONByteSearch.indexOfStringSpecialByte(in: bytes, from: start)
    }

    @inline(__always)
    private static func isSimpleEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCII.quote, ASCII.backslash, ASCII.slash, ASCII.b, ASCII.f, ASCII.n, ASCII.r, ASCII.t: true
        default: false
        }
    }

    /// Writes the unescaped UTF-8 of string contents already checked by `skipString` into `output`
    /// (which has room for `contents.count` bytes: unescaping never lengthens) and returns the length.
    private func decodeEscapes(_ contents: Range<Int>, into output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var index = contents.lowerBound
        var written = 0
        while index < contents.upperBound {
            let run = min(indexOfSpecialByte(from: index), contents.upperBound) - index
            if run > 0 {
                UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: output[written..<(written + run)]))
                    .copyMemory(from: bytes.slice(index..<(index + run)))
                written += run
                index += run
            }
            guard index + 1 < contents.upperBound else { break }
            let escaped = bytes[index + 1]
            index += 2
            let decoded: UInt8
            switch escaped {
            case ASCII.b: decoded = 0x08
            case ASCII.f: decoded = 0x0C
            case ASCII.n: decoded = ASCII.newline
            case ASCII.r: decoded = ASCII.carriageReturn
            case ASCII.t: decoded = ASCII.tab
            case ASCII.u:
                var scalar = hexQuad(at: index - 2) ?? 0xFFFD
                index += 4
                if (0xD800...0xDBFF).contains(scalar) {
                    if index + 6 <= contents.upperBound, bytes[index] == ASCII.backslash, bytes[index + 1] == ASCII.u,
                       let low = hexQuad(at: index), (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                written += JSONScanner.writeUTF8(scalar, into: output, at: written)
                continue
            default: decoded = escaped  // '"', '\' and '/' stand for themselves
            }
            output[written] = decoded
            written += 1
        }
        return written
    }

    /// Consumes `\uHHHH` (and a following low-surrogate `\uHHHH` when the first is a high surrogate),
    /// checking the hex digits.
    private mutating func readHexEscape() throws(IssueJSONError) -> UInt32 {
        guard position + 6 <= bytes.count else { throw error("truncated \\u escape in string") }
        guard let first = hexQuad(at: position) else { throw error("invalid hex digit in \\u escape", at: firstNonHexDigit(at: position)) }
        position += 6
        guard (0xD800...0xDBFF).contains(first), position + 6 <= bytes.count,
              bytes[position] == ASCII.backslash, bytes[position + 1] == ASCII.u,
              let second = hexQuad(at: position), (0xDC00...0xDFFF).contains(second)
        else { return first }
        position += 6
        return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
    }

    /// The value of the four hex digits after the `\u` at `offset`; `nil` if one is not a hex digit.
    private func hexQuad(at offset: Int) -> UInt32? {
        guard offset + 6 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for index in (offset + 2)..<(offset + 6) {
            guard let digit = JSONScanner.hexValue(bytes[index]) else { return nil }
            value = value << 4 | digit
        }
        return value
    }

    private func firstNonHexDigit(at offset: Int) -> Int {
        var index = offset + 2
        while index < offset + 6, JSONScanner.hexValue(bytes[index]) != nil { index += 1 }
        return index
    }

    @inline(__always)
    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    /// Writes `scalar` (U+FFFD when it is not a Unicode scalar value) as UTF-8; returns the byte count.
    private static func writeUTF8(_ value: UInt32, into output: UnsafeMutableBufferPointer<UInt8>, at index: Int) -> Int {
        let scalar = Unicode.Scalar(value) ?? Unicode.Scalar(0xFFFD)!
        var count = 0
        for byte in UTF8.encode(scalar)! {
            output[index + count] = byte
            count += 1
        }
        return count
    }
}
