/// A forward-only cursor over the bytes of one JSON text: the structural tokens (whitespace, `{`, `,`,
/// `:`, literals) and skipping whole values without materialising them.
///
/// It never allocates for skipped values and never recurses, so a hostile `[[[[…]]]]` nested 100k deep
/// in a field nobody reads costs a few kilobytes of bits, not a stack overflow. Every method that can
/// fail throws an `IssueJSONError` carrying the offset of the offending byte; none can trap on
/// malformed input, and each call consumes at least one byte or fails, so no loop can spin.
struct JSONScanner {
    let bytes: UnsafeRawBufferPointer
    var position: Int

    init(_ bytes: UnsafeRawBufferPointer, at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// The byte under the cursor; only valid when `!isAtEnd`.
    var current: UInt8 { bytes[position] }

    func error(_ message: String, at offset: Int? = nil) -> IssueJSONError {
        IssueJSONError(message: message, byteOffset: offset ?? position)
    }

    /// "unexpected X, expected Y" for the byte under the cursor (or the end of input).
    func unexpected(expected: String) -> IssueJSONError {
        guard !isAtEnd else { return error("unexpected end of input, expected \(expected)") }
        return error("unexpected \(JSONScanner.describe(current)), expected \(expected)")
    }

    static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21, byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        let hex = String(byte, radix: 16, uppercase: true)
        return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.newline, ASCII.carriageReturn, ASCII.tab: position += 1
            default: return
            }
        }
    }

    /// Skips whitespace, then consumes `byte` or fails naming `expected`.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ expected: String) throws(IssueJSONError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw unexpected(expected: expected) }
        position += 1
    }

    /// Skips whitespace and reports whether the next value is `null` (without consuming it).
    mutating func atNull() -> Bool {
        skipWhitespace()
        return position < bytes.count && bytes[position] == ASCII.n
    }

    // MARK: Objects

    /// Consumes `{` and reports whether the object has members (`false`: `{}` was consumed whole).
    mutating func beginObject() throws(IssueJSONError) -> Bool {
        try expect(ASCII.openBrace, "'{'")
        skipWhitespace()
        if position < bytes.count, bytes[position] == ASCII.closeBrace {
            position += 1
            return false
        }
        return true
    }

    /// Reads a member's key and the `:` after it, handing the key's unescaped bytes to `match`.
    @inline(__always)
    mutating func readKey<K>(_ match: (UnsafeRawBufferPointer) -> K) throws(IssueJSONError) -> K {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == ASCII.quote else { throw unexpected(expected: "a string key") }
        let key = try withStringBytes(match)
        try expect(ASCII.colon, "':' after the key")
        return key
    }

    /// After a member's value: consumes `,` (returns `true`, another member follows) or `}` (`false`).
    @inline(__always)
    mutating func nextMember() throws(IssueJSONError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw unexpected(expected: "',' or '}'") }
        switch bytes[position] {
        case ASCII.comma: position += 1; return true
        case ASCII.closeBrace: position += 1; return false
        default: throw unexpected(expected: "',' or '}'")
        }
    }

    /// Walks the object under the cursor, reporting the value offset of each member whose key `match`
    /// recognises (duplicates are all reported, so the last one wins); every value is skipped. A value
    /// that is not an object (e.g. `null`) is skipped and nothing is reported.
    mutating func scanMembers<K>(
        match: (UnsafeRawBufferPointer) -> K?, found: (K, Int) -> Void
    ) throws(IssueJSONError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == ASCII.openBrace else { return try skipValue() }
        guard try beginObject() else { return }
        repeat {
            let key = try readKey(match)
            skipWhitespace()
            if let key { found(key, position) }
            try skipValue()
        } while try nextMember()
    }

    // MARK: Arrays

    /// Consumes `[` and reports whether the array has elements (`false`: `[]` was consumed whole).
    mutating func beginArray() throws(IssueJSONError) -> Bool {
        try expect(ASCII.openBracket, "'['")
        skipWhitespace()
        if position < bytes.count, bytes[position] == ASCII.closeBracket {
            position += 1
            return false
        }
        return true
    }

    /// After an element: consumes `,` (returns `true`) or `]` (`false`).
    mutating func nextElement() throws(IssueJSONError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw unexpected(expected: "',' or ']'") }
        switch bytes[position] {
        case ASCII.comma: position += 1; return true
        case ASCII.closeBracket: position += 1; return false
        default: throw unexpected(expected: "',' or ']'")
        }
    }

    // MARK: Literals

    /// Consumes `true`, `false` or `null` (whichever `literal` is) exactly.
    mutating func consumeLiteral(_ literal: StaticString) throws(IssueJSONError) {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("invalid literal, expected \(literal)") }
        let text = literal.utf8Start
        for index in 0..<count where bytes[position + index] != text[index] {
            throw error("invalid literal, expected \(literal)", at: position + index)
        }
        position += count
    }

    /// Reads `true` or `false`; `nil` for `null`. Fails on any other value, naming `field`.
    mutating func readBool(_ field: StaticString) throws(IssueJSONError) -> Bool? {
        skipWhitespace()
        guard position < bytes.count else { throw unexpected(expected: "a boolean for \"\(field)\"") }
        switch bytes[position] {
        case ASCII.t: try consumeLiteral("true"); return true
        case ASCII.f: try consumeLiteral("false"); return false
        case ASCII.n: try consumeLiteral("null"); return nil
        default: throw error("expected a boolean for \"\(field)\"")
        }
    }

    // MARK: Skipping

    /// Skips one complete value of any depth, checking its syntax, without allocating (up to 64 levels)
    /// and without recursion (beyond that, one bit per level).
    mutating func skipValue() throws(IssueJSONError) {
        var stack = ContainerStack()
        while true {
            // Expecting a value.
            skipWhitespace()
            guard position < bytes.count else { throw unexpected(expected: "a value") }
            switch bytes[position] {
            case ASCII.openBrace:
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBrace {
                    position += 1
                } else {
                    stack.push(isObject: true)
                    try skipKeyAndColon()
                    continue
                }
            case ASCII.openBracket:
                position += 1
                skipWhitespace()
                if position < bytes.count, bytes[position] == ASCII.closeBracket {
                    position += 1
                } else {
                    stack.push(isObject: false)
                    continue
                }
            case ASCII.quote: try skipString()
            case ASCII.t: try consumeLiteral("true")
            case ASCII.f: try consumeLiteral("false")
            case ASCII.n: try consumeLiteral("null")
            case ASCII.minus, ASCII.zero...ASCII.nine: try skipNumber()
            default: throw unexpected(expected: "a value")
            }
            // A value is complete: close containers until one has another member or element.
            while true {
                guard let isObject = stack.top else { return }
                skipWhitespace()
                guard position < bytes.count else { throw unexpected(expected: isObject ? "',' or '}'" : "',' or ']'") }
                let byte = bytes[position]
                if byte == ASCII.comma {
                    position += 1
                    if isObject { try skipKeyAndColon() }
                    break
                } else if byte == (isObject ? ASCII.closeBrace : ASCII.closeBracket) {
                    position += 1
                    stack.pop()
                } else {
                    throw unexpected(expected: isObject ? "',' or '}'" : "',' or ']'")
                }
            }
        }
    }

    private mutating func skipKeyAndColon() throws(IssueJSONError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == ASCII.quote else { throw unexpected(expected: "a string key") }
        try skipString()
        try expect(ASCII.colon, "':' after the key")
    }
}

/// The bytes JSON's grammar is made of.
enum ASCII {
    static let tab: UInt8 = 0x09, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D, space: UInt8 = 0x20
    static let quote: UInt8 = 0x22, plus: UInt8 = 0x2B, comma: UInt8 = 0x2C, minus: UInt8 = 0x2D, dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F, zero: UInt8 = 0x30, nine: UInt8 = 0x39, colon: UInt8 = 0x3A
    static let upperE: UInt8 = 0x45, openBracket: UInt8 = 0x5B, backslash: UInt8 = 0x5C, closeBracket: UInt8 = 0x5D
    static let b: UInt8 = 0x62, e: UInt8 = 0x65, f: UInt8 = 0x66, n: UInt8 = 0x6E, r: UInt8 = 0x72, t: UInt8 = 0x74, u: UInt8 = 0x75
    static let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D
}
