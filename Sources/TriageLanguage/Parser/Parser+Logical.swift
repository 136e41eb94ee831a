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
        let first = try parseAndExpression()
        guard currentKind == .or else { return first }
        var operands = [first]
        while consume(.or) != nil { operands.append(try parseAndExpression()) }
        return Expression(.logical(.or, operands), first.range.union(operands[operands.count - 1].range))
    }

    /// and_expression = not_expression { "and" not_expression }
    mutating func parseAndExpression() throws(ParseError) -> Expression {
        let first = try parseNotExpression()
        guard currentKind == .and else { return first }
        var operands = [first]
        while consume(.and) != nil { operands.append(try parseNotExpression()) }
        return Expression(.logical(.and, operands), first.range.union(operands[operands.count - 1].range))
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
