/// The comparison layer: non-associative binary operators of precedence level 4.
extension Parser {
    /// comparison = additive [ comparison_operator additive ]
    mutating func parseComparison() throws(ParseError) -> Expression {
        let left = try parseAdditive()
        guard let (op, _) = try parseComparisonOperator() else { return left }
        let right = try parseAdditive()
        if let (chained, chainedRange) = try peekComparisonOperator() {
            throw ParseError(Diagnostic(
                .chainedComparison,
                "comparison operators cannot be chained: `\(op.rawValue)` already compares two values",
                at: chainedRange,
                suggestion: "compare twice and join with `and`, as in `a \(op.rawValue) b and b \(chained.rawValue) c`"
            ))
        }
        return Expression(.binary(op, left, right), left.range.union(right.range))
    }

    /// comparison_operator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "~" | "!~" | "in" | "not" "in"
    mutating func parseComparisonOperator() throws(ParseError) -> (BinaryOperator, SourceRange)? {
        guard let found = try peekComparisonOperator() else { return nil }
        advance()
        if found.0 == .notIn { advance() }
        return found
    }

    /// The comparison operator at the current token, without consuming it.
    func peekComparisonOperator() throws(ParseError) -> (BinaryOperator, SourceRange)? {
        let op: BinaryOperator
        switch currentKind {
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        case .less: op = .less
        case .lessOrEqual: op = .lessOrEqual
        case .greater: op = .greater
        case .greaterOrEqual: op = .greaterOrEqual
        case .tilde: op = .matches
        case .notTilde: op = .notMatches
        case .in: op = .in
        case .not:
            guard peekKind() == .in else {
                throw ParseError(Diagnostic(.unexpectedToken, "`not` here must be followed by `in` (`x not in list`)", at: current.range))
            }
            return (.notIn, current.range.union(tokens[index + 1].range))
        default: return nil
        }
        return (op, current.range)
    }
}
