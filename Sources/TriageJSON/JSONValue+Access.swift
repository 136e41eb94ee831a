/// Reading parsed documents (API responses, error bodies) without casts: each accessor is nil when
/// the value is of another type.
extension JSONValue {
    /// The value of `key` in an object (the last one when a key repeats, as JavaScript reads it);
    /// nil for a missing key or a value that is not an object.
    public subscript(key: String) -> JSONValue? {
        guard case let .object(entries) = self else { return nil }
        return entries.last { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case let .string(value) = self { value } else { nil }
    }

    /// An integer, also one written as a whole number with a fraction or exponent (`2.0`, `1e3`).
    public var intValue: Int? {
        switch self {
        case let .int(value): value
        case let .double(value): value.rounded() == value && abs(value) < 9.0e15 ? Int(value) : nil
        default: nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case let .int(value): Double(value)
        case let .double(value): value
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case let .bool(value) = self { value } else { nil }
    }

    public var arrayValue: [JSONValue]? {
        if case let .array(items) = self { items } else { nil }
    }

    /// The entries of an object, in document order.
    public var objectEntries: [(String, JSONValue)]? {
        if case let .object(entries) = self { entries } else { nil }
    }

    public var isNull: Bool {
        if case .null = self { true } else { false }
    }
}
