/// Gives scalars their YAML 1.2 core-schema types.
///
/// libyaml tags every plain scalar as a string; without this `enabled: false` would be truthy text.
enum ScalarResolution {
    /// Why a scalar could not be given the type its tag asks for.
    struct Failure: Error {
        var message: String
    }

    /// The prefix libyaml expands `!!` to.
    static let coreTagPrefix = "tag:yaml.org,2002:"

    /// Writes core tags the way people do (`!!int`), leaving other tags as libyaml gave them.
    static func shortTag(_ tag: String) -> String {
        tag.hasPrefix(coreTagPrefix) ? "!!" + tag.dropFirst(coreTagPrefix.count) : tag
    }

    /// Resolves a scalar from how it was written and its (shortened) explicit tag.
    static func resolve(_ text: String, style: YAMLScalarStyle, tag: String?) throws(Failure) -> YAMLPlainValue {
        guard let tag else {
            return style == .plain ? try core(text) : .string(text)
        }
        let bytes = Array(text.utf8)
        switch tag {
        case "!!str", "!":
            return .string(text)
        case "!!null":
            guard isNull(bytes) else { throw Failure(message: "'\(text)' is not a valid !!null") }
            return .null
        case "!!bool":
            guard let value = bool(bytes) else { throw Failure(message: "'\(text)' is not a valid !!bool") }
            return .bool(value)
        case "!!int":
            guard isInt(bytes) else { throw Failure(message: "'\(text)' is not a valid !!int") }
            return .int(try int(bytes, text: text))
        case "!!float":
            if let value = float(bytes, text: text) { return .float(value) }
            if isInt(bytes) { return .float(Double(try int(bytes, text: text))) }
            throw Failure(message: "'\(text)' is not a valid !!float")
        case "!!map", "!!seq":
            throw Failure(message: "a scalar cannot have the tag \(tag)")
        default:
            // Other tags (`!!binary`, `!!timestamp`, local `!tags`) keep their text; the tag stays
            // on the scalar for whoever understands it.
            return .string(text)
        }
    }

    /// The core schema for an untagged plain scalar.
    static func core(_ text: String) throws(Failure) -> YAMLPlainValue {
        let bytes = Array(text.utf8)
        if isNull(bytes) { return .null }
        if let value = bool(bytes) { return .bool(value) }
        if isInt(bytes) { return .int(try int(bytes, text: text)) }
        if let value = float(bytes, text: text) { return .float(value) }
        return .string(text)
    }

    // MARK: - The core schema's patterns

    private static func isNull(_ b: [UInt8]) -> Bool {
        b.isEmpty || b == [0x7E] || b == Array("null".utf8) || b == Array("Null".utf8) || b == Array("NULL".utf8)
    }

    private static func bool(_ b: [UInt8]) -> Bool? {
        switch String(decoding: b, as: UTF8.self) {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isOctal(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x37 }
    private static func isHex(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66)
    }

    private static func isSign(_ byte: UInt8) -> Bool { byte == 0x2B || byte == 0x2D }

    /// `[-+]?[0-9]+`, `0o[0-7]+` or `0x[0-9a-fA-F]+`.
    private static func isInt(_ b: [UInt8]) -> Bool {
        if b.count > 2 && b[0] == 0x30 && b[1] == 0x6F { return b.dropFirst(2).allSatisfy(isOctal) }
        if b.count > 2 && b[0] == 0x30 && b[1] == 0x78 { return b.dropFirst(2).allSatisfy(isHex) }
        let digits = b.first.map(isSign) == true ? b.dropFirst() : b[...]
        return !digits.isEmpty && digits.allSatisfy(isDigit)
    }

    /// The value of a text that `isInt` accepted; too large for `Int` is an error rather than a
    /// silently different number or type.
    private static func int(_ b: [UInt8], text: String) throws(Failure) -> Int {
        let value: Int?
        if b.count > 2 && b[0] == 0x30 && (b[1] == 0x6F || b[1] == 0x78) {
            value = Int(String(decoding: b.dropFirst(2), as: UTF8.self), radix: b[1] == 0x6F ? 8 : 16)
        } else {
            value = Int(text)
        }
        guard let value else {
            throw Failure(message: "integer \(text) does not fit in 64 bits")
        }
        return value
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, `[-+]?\.(inf|Inf|INF)`, `\.(nan|NaN|NAN)`.
    private static func float(_ b: [UInt8], text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        var i = 0
        if i < b.count && isSign(b[i]) { i += 1 }
        var integerDigits = 0
        while i < b.count && isDigit(b[i]) { i += 1; integerDigits += 1 }
        var fractionDigits = 0
        var dot: Int?
        if i < b.count && b[i] == 0x2E {
            dot = i
            i += 1
            while i < b.count && isDigit(b[i]) { i += 1; fractionDigits += 1 }
        }
        // `.5` needs fraction digits; `5.` is fine; a bare sign or dot is not a number.
        guard integerDigits > 0 || fractionDigits > 0 else { return nil }
        if i < b.count && (b[i] == 0x65 || b[i] == 0x45) {
            i += 1
            if i < b.count && isSign(b[i]) { i += 1 }
            var exponentDigits = 0
            while i < b.count && isDigit(b[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard i == b.count else { return nil }
        // Spell it with digits on both sides of the dot so no strtod dialect can disagree.
        var normalized = text
        if let dot {
            var parts = b
            if fractionDigits == 0 { parts.insert(0x30, at: dot + 1) }
            if integerDigits == 0 { parts.insert(0x30, at: dot) }
            normalized = String(decoding: parts, as: UTF8.self)
        }
        return Double(normalized)
    }
}
