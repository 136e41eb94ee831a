/// A JSON document with ordered object keys: what reports are built from, what write bodies are
/// made of, and what server error bodies are parsed into. Object keys keep their order (reports
/// list keys in the order the SPEC gives), so serialization is byte-identical across runs.
///
/// Integers that fit `Int` are `.int`; any other number (a fraction, an exponent, a huge integer)
/// is `.double`. Equality and hashing compare the compact serialization.
public indirect enum JSONValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// `.string(value)`, or `.null` for nil.
    public static func optional(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.serialized() == rhs.serialized() }
    public func hash(into hasher: inout Hasher) { hasher.combine(serialized()) }
}
