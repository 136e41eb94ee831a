import TriageTestSupport

/// Generates JSON-ish documents for the differential tests against `JSONSerialization`: mostly valid,
/// with every escape, surrogate pairs valid and lone, number edges, duplicate keys, deep nesting, and
/// now and then a syntax error, invalid UTF-8 or trailing garbage. `usesLeniency` says whether the
/// document contains something the scanner accepts on purpose where Foundation does not (invalid
/// UTF-8, a lone surrogate escape); `usesFoundationLeniency` whether it has a trailing comma, which
/// Foundation accepts and RFC 8259 (and so the scanner) does not.
struct JSONDocumentGenerator {
    var random: SplitMix64
    var bytes: [UInt8] = []
    var usesLeniency = false
    var usesFoundationLeniency = false

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    /// Integer-field literals: valid, whole with a fraction or exponent, out of range, and malformed.
    static let numberLiterals = [
        "0", "-0", "7", "-12", "1.0e2", "100e-2", "0.5e1", "2.50E1", "1E+2", "1.5", "-0.0", "1e308", "1e309", "-1e309",
        "9223372036854775807", "-9223372036854775808", "9223372036854775808", "99999999999999999999999",
        "01", "-01", "+1", "1.", ".5", "1e", "1e+", "-", "0x10", "1.e3", "00", "1_000", "NaN", "Infinity",
    ]

    mutating func chance(_ percent: Int) -> Bool { random.next(below: 100) < percent }
    mutating func pick<T>(_ values: [T]) -> T { values[random.next(below: values.count)] }

    mutating func emit(_ text: String) { bytes += Array(text.utf8) }

    mutating func whitespace() {
        guard chance(25) else { return }
        if random.next(below: 400) == 0 { bytes.append(pick([0x0B, 0x0C, 0xA0])); return }  // not JSON whitespace
        for _ in 0..<random.next(below: 3) + 1 { bytes.append(pick([0x20, 0x09, 0x0A, 0x0D])) }
    }

    /// A whole issue document: an object with the mapped normalized fields in random order (some
    /// repeated) and an unmapped key holding an arbitrary value.
    mutating func issueDocument(maxDepth: Int) -> [UInt8] {
        bytes = []
        usesLeniency = false
        usesFoundationLeniency = false
        whitespace()
        var members: [(String, (inout JSONDocumentGenerator) -> Void)] = [
            ("number", { $0.number(valid: $0.chance(95)) }),
            ("created", { $0.emit("\"2024-01-01T00:00:00Z\"") }),
            ("title", { $0.stringOrOther() }),
            ("state", { $0.stringOrOther() }),
            ("body", { $0.stringOrOther() }),
            ("comments", { $0.number(valid: $0.chance(90)) }),
            ("locked", { $0.emit($0.chance(5) ? "\"yes\"" : $0.pick(["true", "false", "null"])) }),
            ("labels", { $0.labels() }),
            ("extra", { $0.value(depth: 0, maxDepth: maxDepth) }),
        ]
        if chance(15) { members.append(members[random.next(below: members.count)]) }  // a duplicate key
        members.shuffle(using: &random)
        if chance(3), !members.isEmpty { members.removeLast() }
        emit("{")
        for (index, member) in members.enumerated() {
            if index > 0 { emit(",") }
            whitespace()
            emit("\"\(member.0)\"")
            whitespace()
            emit(":")
            whitespace()
            member.1(&self)
            whitespace()
        }
        if chance(2) { emit(","); usesFoundationLeniency = true }  // a trailing comma
        emit("}")
        whitespace()
        if chance(2) { emit(pick(["x", "}", "{}", "0", "\u{0}"])) }  // trailing garbage
        return bytes
    }

    mutating func number(valid: Bool) {
        emit(valid ? pick(Array(Self.numberLiterals.prefix(8))) : pick(Self.numberLiterals))
    }

    mutating func stringOrOther() {
        switch random.next(below: 40) {
        case 0..<3: emit("null")
        case 3: emit(pick(["12", "true", "[]", "{}"]))
        default: string()
        }
    }

    mutating func labels() {
        if chance(5) { emit(pick(["null", "\"bug\"", "3"])); return }
        emit("[")
        for index in 0..<random.next(below: 4) {
            if index > 0 { emit(",") }
            whitespace()
            string()
        }
        emit("]")
    }

    mutating func string() {
        emit("\"")
        for _ in 0..<random.next(below: 6) { stringPiece() }
        emit("\"")
    }

    mutating func stringPiece() {
        switch random.next(below: 100) {
        case 0..<40: emit(pick(["a", "bug", "hello world", "x/y", "é", "世界", "🎉", "'", "~"]))
        case 40..<60: emit(pick([#"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#]))
        case 60..<75:
            // A \u escape of a BMP scalar outside the surrogates, in either case.
            let scalar = pick([0x0000, 0x001F, 0x0041, 0x00E9, 0x20AC, 0xFFFD, 0xFFFF, 0xD7FF, 0xE000])
            emit("\\u" + hex(scalar, upper: chance(50)))
        case 75..<85:
            let high = 0xD800 + random.next(below: 0x400), low = 0xDC00 + random.next(below: 0x400)
            emit("\\u" + hex(high, upper: chance(50)) + "\\u" + hex(low, upper: chance(50)))
        case 85..<86:
            usesLeniency = true
            emit(pick(["\\uD83D", "\\uDE00", "\\uD83Dx", "\\uD83D\\u0041", "\\uDBFF\\uDBFF"]))
        case 86..<87:
            usesLeniency = true
            bytes += pick([[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80]])
        case 87..<88: bytes.append(pick([0x00, 0x01, 0x0A, 0x09, 0x1F]))  // raw control characters
        case 88..<89: emit(pick([#"\x"#, #"\u12"#, #"\u12G4"#, #"\'"#, #"\U0041"#, "\\"]))  // bad escapes
        default: emit(String(repeating: "z", count: random.next(below: 40)))
        }
    }

    func hex(_ value: Int, upper: Bool) -> String {
        let digits = String(value, radix: 16, uppercase: upper)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    mutating func value(depth: Int, maxDepth: Int) {
        let scalarOnly = depth >= maxDepth
        switch scalarOnly ? random.next(below: 4) + 2 : random.next(below: 6) {
        case 0:
            emit("[")
            for index in 0..<random.next(below: 4) {
                if index > 0 { emit(",") }
                whitespace()
                value(depth: depth + 1, maxDepth: maxDepth)
                whitespace()
            }
            if chance(1) { emit(","); usesFoundationLeniency = true }
            emit("]")
        case 1:
            emit("{")
            for index in 0..<random.next(below: 4) {
                if index > 0 { emit(",") }
                whitespace()
                if chance(1) { emit("k") } else { string() }
                whitespace()
                emit(":")
                whitespace()
                value(depth: depth + 1, maxDepth: maxDepth)
            }
            emit("}")
        case 2: string()
        case 3: emit(chance(80) ? pick(["3.25", "-1.5e-7", "6.02e23", "1e-400", "123456789.123456789", "0", "-0.0"]) : pick(Self.numberLiterals))
        case 4: emit(chance(90) ? pick(["true", "false", "null"]) : pick(["tru", "nul", "True", "nulll"]))
        default:
            // A deep chain, so the limits are exercised without a huge document.
            let levels = random.next(below: 300)
            let open = chance(50) ? "[" : "{\"d\":"
            emit(String(repeating: open, count: levels) + "0" + String(repeating: open == "[" ? "]" : "}", count: levels))
        }
    }
}
