/// A node of the abstract syntax tree, with the source range it was parsed from.
public struct Expression: Hashable, Sendable {
    public var kind: ExpressionKind
    public var range: SourceRange

    public init(_ kind: ExpressionKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The shapes an expression can take: exactly the grammar's (see `Grammar/triage.ebnf`).
public indirect enum ExpressionKind: Hashable, Sendable {
    case literal(Literal)
    case list([Expression])
    /// A lambda parameter, macro, list, issue field or `now`, resolved by the type checker.
    case name(String)
    case member(Expression, name: String, nameRange: SourceRange)
    case call(name: String, nameRange: SourceRange, arguments: [Expression])
    case lambda(parameter: String, parameterRange: SourceRange, body: Expression)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `a and b and c`: a chain of one logical operator is one node with all its operands, so long
    /// chains stay shallow (a 1 MB `or` chain must not recurse 100,000 levels deep).
    case logical(LogicalOperator, [Expression])
}

public enum LogicalOperator: String, Hashable, Sendable, CaseIterable {
    case or, and

    public var precedence: Int { self == .or ? 1 : 2 }
}

/// Constant values written in the source.
public enum Literal: Hashable, Sendable {
    case int(Int)
    case string(String)
    case bool(Bool)
    case null
    case duration(TimeSpan)
    /// `dateOnly` remembers that the source said `2024-01-31`, so the printer writes it back that way.
    case time(Timestamp, dateOnly: Bool)
}

public enum UnaryOperator: String, Hashable, Sendable {
    case not
    case negate = "-"
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case matches = "~", notMatches = "!~", `in` = "in", notIn = "not in"
    case plus = "+", minus = "-"

    /// Binding strength from SPEC §2's precedence table: higher binds tighter.
    public var precedence: Int {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .matches, .notMatches, .in, .notIn: 4
        case .plus, .minus: 5
        }
    }

    public var isComparison: Bool { precedence == 4 }
    public var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
}

extension Expression {
    /// Compares two trees ignoring source ranges: what the printer's round trip must preserve.
    public func isStructurallyEqual(to other: Expression) -> Bool {
        switch (kind, other.kind) {
        case let (.literal(a), .literal(b)):
            switch (a, b) {
            case let (.time(x, _), .time(y, _)): return x == y
            default: return a == b
            }
        case let (.list(a), .list(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isStructurallyEqual(to: $1) }
        case let (.name(a), .name(b)):
            return a == b
        case let (.member(a, n1, _), .member(b, n2, _)):
            return n1 == n2 && a.isStructurallyEqual(to: b)
        case let (.call(n1, _, a), .call(n2, _, b)):
            return n1 == n2 && a.count == b.count && zip(a, b).allSatisfy { $0.isStructurallyEqual(to: $1) }
        case let (.lambda(p1, _, a), .lambda(p2, _, b)):
            return p1 == p2 && a.isStructurallyEqual(to: b)
        case let (.unary(o1, a), .unary(o2, b)):
            return o1 == o2 && a.isStructurallyEqual(to: b)
        case let (.binary(o1, a1, b1), .binary(o2, a2, b2)):
            return o1 == o2 && a1.isStructurallyEqual(to: a2) && b1.isStructurallyEqual(to: b2)
        case let (.logical(o1, a), .logical(o2, b)):
            return o1 == o2 && a.count == b.count && zip(a, b).allSatisfy { $0.isStructurallyEqual(to: $1) }
        default:
            return false
        }
    }
}
