/// Turns expression source into tokens, in one pass over the UTF-8 bytes.
///
/// The lexer never stops at the first problem: it reports every lexical error it finds (with a
/// range and, where there is one, the thing to write instead) and skips past it.
public struct Lexer {
    private let bytes: [UInt8]
    private var position = 0
    public private(set) var diagnostics: [Diagnostic] = []

    public init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// All tokens of the source, ending with `.endOfInput`.
    public static func tokenize(_ source: String) -> (tokens: [Token], diagnostics: [Diagnostic]) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        tokens.reserveCapacity(source.utf8.count / 3 + 1)
        while true {
            let token = lexer.nextToken()
            tokens.append(token)
            if token.kind == .endOfInput { break }
        }
        return (tokens, lexer.diagnostics)
    }

    private func peek(_ offset: Int = 0) -> UInt8? {
        let index = position + offset
        return index < bytes.count ? bytes[index] : nil
    }

    private mutating func report(_ code: DiagnosticCode, _ message: String, _ start: Int, _ end: Int, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(code, message, at: SourceRange(start: start, end: end), suggestion: suggestion))
    }

    mutating func nextToken() -> Token {
        while true {
            skipWhitespace()
            guard let byte = peek() else {
                return Token(.endOfInput, SourceRange(start: bytes.count, end: bytes.count))
            }
            let start = position
            if let token = lexToken(startingWith: byte, at: start) { return token }
        }
    }

    private mutating func skipWhitespace() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            position += 1
        }
    }

    /// Reads one token, or reports an error, skips the offending input and returns nil.
    private mutating func lexToken(startingWith byte: UInt8, at start: Int) -> Token? {
        func single(_ kind: TokenKind, length: Int = 1) -> Token {
            position += length
            return Token(kind, SourceRange(start: start, end: position))
        }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            return lexNumber(at: start)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            return lexIdentifier(at: start)
        case UInt8(ascii: "\""):
            return lexString(at: start)
        case UInt8(ascii: "("): return single(.leftParen)
        case UInt8(ascii: ")"): return single(.rightParen)
        case UInt8(ascii: "["): return single(.leftBracket)
        case UInt8(ascii: "]"): return single(.rightBracket)
        case UInt8(ascii: ","): return single(.comma)
        case UInt8(ascii: "."): return single(.dot)
        case UInt8(ascii: "+"): return single(.plus)
        case UInt8(ascii: "-"): return single(.minus)
        case UInt8(ascii: "~"): return single(.tilde)
        case UInt8(ascii: "<"): return peek(1) == UInt8(ascii: "=") ? single(.lessOrEqual, length: 2) : single(.less)
        case UInt8(ascii: ">"): return peek(1) == UInt8(ascii: "=") ? single(.greaterOrEqual, length: 2) : single(.greater)
        case UInt8(ascii: "="):
            if peek(1) == UInt8(ascii: "=") { return single(.equal, length: 2) }
            if peek(1) == UInt8(ascii: ">") { return single(.arrow, length: 2) }
            position += 1
            report(.notAnOperator, "`=` is not an operator; compare with `==`", start, position, suggestion: "==")
            return nil
        case UInt8(ascii: "!"):
            if peek(1) == UInt8(ascii: "=") { return single(.notEqual, length: 2) }
            if peek(1) == UInt8(ascii: "~") { return single(.notTilde, length: 2) }
            position += 1
            report(.notAnOperator, "`!` is not an operator; write `not`", start, position, suggestion: "not")
            return nil
        case UInt8(ascii: "&"), UInt8(ascii: "|"):
            let doubled = peek(1) == byte
            position += doubled ? 2 : 1
            let word = byte == UInt8(ascii: "&") ? "and" : "or"
            let symbol = String(repeating: Character(Unicode.Scalar(byte)), count: doubled ? 2 : 1)
            report(.notAnOperator, "`\(symbol)` is not an operator; write `\(word)`", start, position, suggestion: word)
            return nil
        case UInt8(ascii: "'"):
            position += 1
            while let next = peek(), next != UInt8(ascii: "'"), next != 0x0A { position += 1 }
            let content = String(decoding: bytes[(start + 1)..<position], as: UTF8.self)
            if peek() == UInt8(ascii: "'") { position += 1 }
            report(.unexpectedCharacter, "strings are written in double quotes", start, position,
                   suggestion: ExpressionPrinter.quote(content))
            return nil
        default:
            skipUnexpectedCharacter()
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            report(.unexpectedCharacter, "unexpected character `\(text)`", start, position)
            return nil
        }
    }

    /// Skips one whole UTF-8 encoded character so a range never splits a scalar.
    private mutating func skipUnexpectedCharacter() {
        position += 1
        while let byte = peek(), byte & 0xC0 == 0x80 { position += 1 }
    }

    private mutating func lexIdentifier(at start: Int) -> Token {
        while let byte = peek(), isIdentifierByte(byte) { position += 1 }
        let name = String(decoding: bytes[start..<position], as: UTF8.self)
        let range = SourceRange(start: start, end: position)
        return Token(TokenKind.keywords[name] ?? .identifier(name), range)
    }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
            true
        default:
            false
        }
    }

    private func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private func isLetter(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    // MARK: Numbers, durations, times

    private mutating func lexNumber(at start: Int) -> Token? {
        if isDateAhead() { return lexTime(at: start) }
        var total = TimeSpan(milliseconds: 0)
        var sawUnit = false
        var overflow = false
        while isDigit(peek()) {
            let digitsStart = position
            var value = 0
            while isDigit(peek()) {
                let (times10, o1) = value.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(Int(peek()! - UInt8(ascii: "0")))
                overflow = overflow || o1 || o2
                value = sum
                position += 1
            }
            guard isLetter(peek()) || peek() == UInt8(ascii: "_") else {
                if sawUnit {
                    report(.invalidDuration, "a duration part needs a unit (s, m, h, d or w)", digitsStart, position)
                    return nil
                }
                if overflow {
                    report(.invalidNumber, "integer literal is too large", start, position)
                    return nil
                }
                return Token(.int(value), SourceRange(start: start, end: position))
            }
            let unitStart = position
            while let byte = peek(), isIdentifierByte(byte), !isDigit(byte) { position += 1 }
            let unit = String(decoding: bytes[unitStart..<position], as: UTF8.self)
            guard let unitSpan = Lexer.durationUnits[unit] else {
                while let byte = peek(), isIdentifierByte(byte) { position += 1 }
                reportUnknownUnit(unit, value: value, range: unitStart..<position, whole: start..<position)
                return nil
            }
            let (part, o3) = unitSpan.milliseconds.multipliedReportingOverflow(by: Int64(value))
            let (sum, o4) = total.milliseconds.addingReportingOverflow(part)
            overflow = overflow || o3 || o4
            total = TimeSpan(milliseconds: sum)
            sawUnit = true
        }
        if overflow {
            report(.invalidDuration, "duration literal is too large", start, position)
            return nil
        }
        return Token(.duration(total), SourceRange(start: start, end: position))
    }

    static let durationUnits: [String: TimeSpan] = [
        "s": .seconds(1), "m": .minutes(1), "h": .hours(1), "d": .days(1), "w": .days(7),
    ]

    private mutating func reportUnknownUnit(_ unit: String, value: Int, range: Range<Int>, whole: Range<Int>) {
        let lower = unit.lowercased()
        if ["mo", "mon", "month", "months", "mth"].contains(lower) {
            let (days, overflow) = value.multipliedReportingOverflow(by: 30)
            report(.invalidDuration, "durations have no months: write days instead", whole.lowerBound, whole.upperBound,
                   suggestion: overflow ? nil : "\(days)d")
        } else if ["y", "yr", "yrs", "year", "years"].contains(lower) {
            let (days, overflow) = value.multipliedReportingOverflow(by: 365)
            report(.invalidDuration, "durations have no years: write days instead", whole.lowerBound, whole.upperBound,
                   suggestion: overflow ? nil : "\(days)d")
        } else if let known = ["sec": "s", "secs": "s", "seconds": "s", "min": "m", "mins": "m", "minutes": "m",
                               "hr": "h", "hrs": "h", "hours": "h", "day": "d", "days": "d", "wk": "w", "weeks": "w"
                              ][lower] {
            report(.invalidDuration, "unknown duration unit `\(unit)`; units are s, m, h, d and w", range.lowerBound, range.upperBound,
                   suggestion: "\(value)\(known)")
        } else {
            report(.invalidDuration, "unknown duration unit `\(unit)`; units are s, m, h, d and w", range.lowerBound, range.upperBound)
        }
    }

    /// `YYYY-MM-DD` starts here (and the number is not longer than four digits).
    private func isDateAhead() -> Bool {
        guard position + 10 <= bytes.count else { return false }
        let pattern: [Bool] = [true, true, true, true, false, true, true, false, true, true]
        for (offset, wantsDigit) in pattern.enumerated() {
            let byte = bytes[position + offset]
            if wantsDigit ? !isDigit(byte) : byte != UInt8(ascii: "-") { return false }
        }
        return true
    }

    private mutating func readDigits(_ count: Int) -> Int? {
        var value = 0
        for _ in 0..<count {
            guard let byte = peek(), isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
            position += 1
        }
        return value
    }

    private mutating func expect(_ ascii: Unicode.Scalar) -> Bool {
        guard peek() == UInt8(ascii: ascii) else { return false }
        position += 1
        return true
    }

    /// `2024-01-31` (UTC midnight) or RFC 3339 `2024-01-31T12:00:00Z` / `…+02:00`, fractions allowed.
    private mutating func lexTime(at start: Int) -> Token? {
        let year = readDigits(4)!
        _ = expect("-")
        let month = readDigits(2)!
        _ = expect("-")
        let day = readDigits(2)!
        var hour = 0, minute = 0, second = 0, millisecond = 0, offsetMinutes = 0
        var dateOnly = true
        if let byte = peek(), byte == UInt8(ascii: "T") || byte == UInt8(ascii: "t") {
            dateOnly = false
            position += 1
            guard let h = readDigits(2), expect(":"), let mi = readDigits(2), expect(":"), let s = readDigits(2) else {
                return timeError(at: start, "expected a time like `2024-01-31T12:00:00Z` after `T`")
            }
            (hour, minute, second) = (h, mi, s)
            if expect(".") {
                var scale = 100
                guard isDigit(peek()) else { return timeError(at: start, "expected digits after the decimal point") }
                while let byte = peek(), isDigit(byte) {
                    millisecond += Int(byte - UInt8(ascii: "0")) * scale
                    scale /= 10
                    position += 1
                }
            }
            if let byte = peek(), byte == UInt8(ascii: "Z") || byte == UInt8(ascii: "z") {
                position += 1
            } else if let byte = peek(), byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") {
                position += 1
                guard let oh = readDigits(2), expect(":"), let om = readDigits(2), oh < 24, om < 60 else {
                    return timeError(at: start, "expected a UTC offset like `+02:00`")
                }
                offsetMinutes = (oh * 60 + om) * (byte == UInt8(ascii: "+") ? 1 : -1)
            } else {
                return timeError(at: start, "an RFC 3339 time needs a zone: `Z` or an offset like `+02:00`")
            }
        }
        if let byte = peek(), isIdentifierByte(byte) {
            while let next = peek(), isIdentifierByte(next) { position += 1 }
            return timeError(at: start, "unexpected characters after the date")
        }
        guard let instant = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond) else {
            return timeError(at: start, "not a valid date or time")
        }
        let adjusted = instant - TimeSpan.minutes(Int64(offsetMinutes))
        return Token(.time(adjusted, dateOnly: dateOnly), SourceRange(start: start, end: position))
    }

    private mutating func timeError(at start: Int, _ message: String) -> Token? {
        while let byte = peek(), isIdentifierByte(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") { position += 1 }
        report(.invalidTime, message, start, position)
        return nil
    }

    // MARK: Strings

    private mutating func lexString(at start: Int) -> Token? {
        position += 1
        var value: [UInt8] = []
        var valid = true
        while true {
            guard let byte = peek() else {
                report(.unterminatedString, "string literal is not closed", start, position, suggestion: "add a closing `\"`")
                return nil
            }
            if byte == UInt8(ascii: "\"") {
                position += 1
                break
            }
            if byte != UInt8(ascii: "\\") {
                value.append(byte)
                position += 1
                continue
            }
            let escapeStart = position
            position += 1
            guard let escaped = peek() else { continue }
            position += 1
            switch escaped {
            case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "n"): value.append(0x0A)
            case UInt8(ascii: "t"): value.append(0x09)
            case UInt8(ascii: "r"): value.append(0x0D)
            case UInt8(ascii: "u"):
                guard let scalar = lexUnicodeEscape(escapeStart) else { valid = false; continue }
                value.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                position -= 1
                skipUnexpectedCharacter()
                let text = String(decoding: bytes[escapeStart..<position], as: UTF8.self)
                report(.invalidEscape, "unknown escape `\(text)` (escapes are \\\" \\\\ \\n \\t \\r \\u{…}); in a regex, double the backslash",
                       escapeStart, position, suggestion: "\\" + text)
                valid = false
            }
        }
        guard valid else { return nil }
        return Token(.string(String(decoding: value, as: UTF8.self)), SourceRange(start: start, end: position))
    }

    /// `\u{1F600}`: one to six hex digits naming a Unicode scalar.
    private mutating func lexUnicodeEscape(_ escapeStart: Int) -> Unicode.Scalar? {
        guard expect("{") else {
            report(.invalidEscape, "a Unicode escape is written `\\u{1F600}`", escapeStart, position)
            return nil
        }
        var value: UInt32 = 0
        var digits = 0
        while let byte = peek(), let digit = Lexer.hexValue(byte) {
            value = value &* 16 &+ digit
            digits += 1
            position += 1
        }
        guard expect("}"), (1...6).contains(digits), let scalar = Unicode.Scalar(value) else {
            report(.invalidEscape, "a Unicode escape is written `\\u{1F600}`, with 1 to 6 hex digits naming a valid scalar", escapeStart, position)
            return nil
        }
        return scalar
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
