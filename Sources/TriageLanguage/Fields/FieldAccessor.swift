/// How compiled code reads a field from an issue: a direct closure over the issue pointer, typed by
/// the kind of value. The compiler turns it into its typed getters once, at compile time, so no
/// field is ever looked up by name or through a key path while issues are evaluated.
///
/// The kind also fixes the field's language type, how a comment template renders it and whether it
/// needs lazy data.
public enum FieldAccessor: Sendable {
    public typealias Read<T> = @Sendable (UnsafePointer<Issue>) -> T

    case int(Read<Int>)
    case string(Read<String>)
    case optionalString(Read<String?>)
    case strings(Read<[String]>)
    case bool(Read<Bool>)
    case time(Read<Timestamp>)
    case optionalTime(Read<Timestamp?>)
    /// The time from a stored time field to the evaluation instant (`age`, `idle`).
    case elapsedSince(IssueField, Read<Timestamp>)
    /// A comment picked from the issue's comments (lazy data).
    case commentFromComments(@Sendable ([IssueComment]) -> IssueComment?)
    /// Strings derived from the issue's comments (lazy data).
    case stringsFromComments(@Sendable ([IssueComment]) -> [String])

    /// The field's type in the language.
    public var type: ValueType {
        switch self {
        case .int: .int
        case .string: .string
        case .optionalString: .optional(.string)
        case .strings, .stringsFromComments: .list(.string)
        case .bool: .bool
        case .time: .time
        case .optionalTime: .optional(.time)
        case .elapsedSince: .duration
        case .commentFromComments: .optional(.comment)
        }
    }

    /// The lazy data evaluation must load to read the field, if any.
    public var lazyData: LazyDataKind? {
        switch self {
        case .commentFromComments, .stringsFromComments: .comments
        default: nil
        }
    }

    /// Whether the value depends on the evaluation instant.
    public var dependsOnNow: Bool {
        if case .elapsedSince = self { return true }
        return false
    }
}
