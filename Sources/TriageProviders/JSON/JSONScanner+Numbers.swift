/// JSON numbers: strict RFC 8259 grammar (no leading zeros, `+`, `.5`, `1.`, `NaN`), and integer fields
/// read exactly.
///
/// Where an integer is expected, a number written with a fraction or exponent is accepted when its
/// value is a whole number (`1.0e2` is 100, `-0` and `0.0` are 0, `25E-1` is not) and rejected
/// otherwise; values outside `Int` are rejected rather than clamped or wrapped.
extension JSONScanner {
    /// Skips the number under the cursor, checking its grammar.
    mutating func skipNumber() throws(IssueJSONError) {
        _ = try scanNumber()
    }

    /// Reads an integer; `nil` for `null`. Fails on any other value, naming `field`.
    mutating func readInt(_ field: StaticString) throws(IssueJSONError) -> Int? {
        skipWhitespace()
        guard position < bytes.count else { throw unexpected(expected: "an integer for \"\(field)\"") }
        switch bytes[position] {
        case ASCII.n:
            try consumeLiteral("null")
            return nil
        case ASCII.minus, ASCII.zero...ASCII.nine:
            let start = position
            let number = try scanNumber()
            guard let value = number.integerValue else {
                throw error("expected an integer for \"\(field)\", found a number that is not a whole number in range", at: start)
            }
            return value
        default:
            throw error("expected an integer for \"\(field)\"")
        }
    }

    /// Consumes one number, returning its decimal parts.
    private mutating func scanNumber() throws(IssueJSONError) -> ScannedNumber {
        var number = ScannedNumber()
        if position < bytes.count, bytes[position] == ASCII.minus {
            number.negative = true
            position += 1
        }
        guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit") }
        if bytes[position] == ASCII.zero {
            position += 1
            if position < bytes.count, isDigit(bytes[position]) { throw error("invalid number: leading zero") }
        } else {
            while position < bytes.count, isDigit(bytes[position]) {
                number.addDigit(bytes[position] - ASCII.zero)
                position += 1
            }
        }
        if position < bytes.count, bytes[position] == ASCII.dot {
            position += 1
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit after '.'") }
            while position < bytes.count, isDigit(bytes[position]) {
                number.addDigit(bytes[position] - ASCII.zero)
                number.fractionDigits += 1
                position += 1
            }
        }
        if position < bytes.count, bytes[position] | 0x20 == ASCII.e {
            position += 1
            var negativeExponent = false
            if position < bytes.count, bytes[position] == ASCII.plus || bytes[position] == ASCII.minus {
                negativeExponent = bytes[position] == ASCII.minus
                position += 1
            }
            guard position < bytes.count, isDigit(bytes[position]) else { throw error("invalid number: expected a digit in the exponent") }
            var exponent = 0
            while position < bytes.count, isDigit(bytes[position]) {
                // Saturate: any exponent this large makes the value zero-or-huge either way.
                exponent = min(exponent * 10 + Int(bytes[position] - ASCII.zero), 1_000_000)
                position += 1
            }
            number.exponent = negativeExponent ? -exponent : exponent
        }
        return number
    }

    @inline(__always)
    private func isDigit(_ byte: UInt8) -> Bool { byte &- ASCII.zero < 10 }
}

/// A scanned number as `significand × 10^(trailingZeros - fractionDigits + exponent)`, where the
/// significand has no trailing zeros, so the integer test is exact for any number of digits.
private struct ScannedNumber {
    var negative = false
    /// The digits without trailing zeros; `nil` once it no longer fits.
    var significand: UInt64? = 0
    /// Zeros seen since the last non-zero digit.
    var trailingZeros = 0
    var fractionDigits = 0
    var exponent = 0

    mutating func addDigit(_ digit: UInt8) {
        if digit == 0 {
            trailingZeros += 1
            return
        }
        var value = significand
        for _ in 0..<(trailingZeros + 1) { value = value.flatMap { multiplyOrNil($0, 10) } }
        significand = value.flatMap { addOrNil($0, UInt64(digit)) }
        trailingZeros = 0
    }

    var integerValue: Int? {
        guard var magnitude = significand else { return nil }
        if magnitude == 0 { return 0 }
        let scale = trailingZeros - fractionDigits + exponent
        guard scale >= 0, scale <= 19 else { return nil }
        for _ in 0..<scale {
            guard let next = multiplyOrNil(magnitude, 10) else { return nil }
            magnitude = next
        }
        if negative {
            guard magnitude <= UInt64(Int.max) + 1 else { return nil }
            return magnitude == UInt64(Int.max) + 1 ? Int.min : -Int(magnitude)
        }
        guard magnitude <= UInt64(Int.max) else { return nil }
        return Int(magnitude)
    }
}

private func multiplyOrNil(_ lhs: UInt64, _ rhs: UInt64) -> UInt64? {
    let (value, overflow) = lhs.multipliedReportingOverflow(by: rhs)
    return overflow ? nil : value
}

private func addOrNil(_ lhs: UInt64, _ rhs: UInt64) -> UInt64? {
    let (value, overflow) = lhs.addingReportingOverflow(rhs)
    return overflow ? nil : value
}
