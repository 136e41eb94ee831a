/// The logical layer of the grammar: `condition`, `expression`, `or`, `and`, `not`.
extension Parser {
    /// condition = expression EOF
    mutating func parseCondition() throws(ParseError) -> Expression {
        if currentKind == .endOfInput {
            throw ParseError(Diagnostic(.emptyExpression, "the condition is empty", at: current.range))
        }
        let expression = try parseExpression()
        guard currentKind == .endOfInput else {
            if currentKind == .rightParen || currentKind == .rightBracket {
                throw ParseError(Diagnostic(.unexpectedToken, "`\(currentKind.displayText)` has no opening partner", at: current.range))
            }
            throw unexpected(expected: "an operator or the end of the expression")
        }
        return expression
    }

    /// expression = or_expression
    mutating func parseExpression() throws(ParseError) -> Expression {
        try nested { (parser: inout Parser) throws(ParseError) in try parser.parseOrExpression() }
    }

    /// or_expression = and_expression { "or" and_expression }
    mutating func parseOrExpression() throws(ParseError) -> Expression {
        var left = try parseAndExpression()
        while consume(.or) != nil {
            let right = try parseAndExpression()
            left = Expression(.binary(.or, left, right), left.range.union(right.range))
        }
        return left
    }

    /// and_expression = not_expression { "and" not_expression }
    mutating func parseAndExpression() throws(ParseError) -> Expression {
        var left = try parseNotExpression()
        while consume(.and) != nil {
            let right = try parseNotExpression()
            left = Expression(.binary(.and, left, right), left.range.union(right.range))
        }
        return left
    }

    /// not_expression = "not" not_expression | comparison
    mutating func parseNotExpression() throws(ParseError) -> Expression {
        guard currentKind == .not else { return try parseComparison() }
        let notToken = advance()
        if currentKind == .in {
            throw ParseError(Diagnostic(.unexpectedToken, "`not in` needs a value on its left, as in `x not in list`", at: notToken.range.union(current.range)))
        }
        let operand = try nested { (parser: inout Parser) throws(ParseError) in try parser.parseNotExpression() }
        return Expression(.unary(.not, operand), notToken.range.union(operand.range))
    }
}
