/// A runtime value of the language.
///
/// Lists of strings and ints, the only lists issue data produces, have cases of their own so that
/// reading `labels` hands out the issue's array as it is, with no per-element boxing.
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case string(String)
    case duration(TimeSpan)
    case time(Timestamp)
    case comment(IssueComment)
    case pull(LinkedPull)
    case strings([String])
    case ints([Int])
    /// Lists of any other element type (`[7d, 14d]`).
    case list([Value])

    /// The value where a boolean is expected: null (and anything not `true`) counts as false.
    @inline(__always)
    public var isTrue: Bool {
        if case .bool(true) = self { return true }
        return false
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The elements of a list value, boxed; empty for null.
    public var listElements: [Value] {
        switch self {
        case let .strings(values): values.map(Value.string)
        case let .ints(values): values.map(Value.int)
        case let .list(values): values
        default: []
        }
    }

    /// Source-like text, as `explain` and test failures show values.
    public var description: String {
        switch self {
        case .null: "null"
        case let .bool(value): String(value)
        case let .int(value): String(value)
        case let .string(value): ExpressionPrinter.quote(value)
        case let .duration(value): value.sourceText
        case let .time(value): value.rfc3339
        case let .comment(value): "comment(author: \(ExpressionPrinter.quote(value.author)), created: \(value.created.rfc3339))"
        case let .pull(value):
            "pull(number: \(value.number), state: \(ExpressionPrinter.quote(value.state)), draft: \(value.draft), author: \(ExpressionPrinter.quote(value.author)))"
        case let .strings(values): "[" + values.map(ExpressionPrinter.quote).joined(separator: ", ") + "]"
        case let .ints(values): "[" + values.map(String.init).joined(separator: ", ") + "]"
        case let .list(values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}
