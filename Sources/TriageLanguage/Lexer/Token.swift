/// A lexical token: its kind and where it was read.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var range: SourceRange

    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public enum TokenKind: Hashable, Sendable {
    case int(Int)
    case string(String)
    case duration(TimeSpan)
    case time(Timestamp, dateOnly: Bool)
    case identifier(String)
    // Keywords.
    case and, or, not, `in`, `true`, `false`, null
    // Punctuation and operators.
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, tilde, notTilde
    case plus, minus, leftParen, rightParen, leftBracket, rightBracket, comma, dot, arrow
    case endOfInput

    /// How the token reads in messages ("expected `)`, found `,`").
    public var displayText: String {
        switch self {
        case let .int(value): String(value)
        case let .string(value): "\"\(value)\""
        case let .duration(value): value.sourceText
        case let .time(value, _): value.rfc3339
        case let .identifier(name): name
        case .and: "and"
        case .or: "or"
        case .not: "not"
        case .in: "in"
        case .true: "true"
        case .false: "false"
        case .null: "null"
        case .equal: "=="
        case .notEqual: "!="
        case .less: "<"
        case .lessOrEqual: "<="
        case .greater: ">"
        case .greaterOrEqual: ">="
        case .tilde: "~"
        case .notTilde: "!~"
        case .plus: "+"
        case .minus: "-"
        case .leftParen: "("
        case .rightParen: ")"
        case .leftBracket: "["
        case .rightBracket: "]"
        case .comma: ","
        case .dot: "."
        case .arrow: "=>"
        case .endOfInput: "end of expression"
        }
    }

    static let keywords: [String: TokenKind] = [
        "and": .and, "or": .or, "not": .not, "in": .in, "true": .true, "false": .false, "null": .null,
    ]
}
