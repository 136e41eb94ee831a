/// The static types of the language (SPEC §2).
public indirect enum ValueType: Hashable, Sendable, CustomStringConvertible {
    case bool, int, string, duration, time, comment
    /// A pull request referencing an issue (`linked_prs` elements).
    case pull
    /// The type of the literal `null`: fits wherever an optional is expected.
    case null
    case list(ValueType)
    /// `[]`: a list whose element type is not known yet; fits any list.
    case emptyList
    /// `T?`: a value of type T, or null.
    case optional(ValueType)
    /// The type of an expression that already has an error; it fits anywhere, so one mistake is
    /// reported once instead of cascading.
    case invalid

    /// The type without its `?`.
    public var base: ValueType {
        if case let .optional(wrapped) = self { return wrapped }
        return self
    }

    public var isOptional: Bool {
        switch self {
        case .optional, .null: true
        default: false
        }
    }

    /// `T?`, never `T??`.
    public var asOptional: ValueType {
        switch self {
        case .optional, .null, .invalid: self
        default: .optional(self)
        }
    }

    /// The element type when this is a list type.
    public var listElement: ValueType? {
        switch base {
        case let .list(element): element
        // `[]` has no elements; its element type is the null type, which fits wherever any
        // other type does (so `any([], x => x == "a")` type-checks, and is simply false).
        case .emptyList: .null
        default: nil
        }
    }

    public var isInvalid: Bool { self == .invalid }

    /// True for `bool`, `bool?` and the error type: what `and`, `or`, `not` and conditions accept.
    public var isBooleanLike: Bool {
        switch base {
        case .bool, .invalid, .null: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .string: "string"
        case .duration: "duration"
        case .time: "time"
        case .comment: "comment"
        case .pull: "pull"
        case .null: "null"
        case let .list(element): "list<\(element)>"
        case .emptyList: "list"
        case let .optional(wrapped): "\(wrapped)?"
        case .invalid: "<error>"
        }
    }
}
