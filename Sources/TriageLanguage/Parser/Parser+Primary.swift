/// The primary layer: literals, names, calls and their arguments, lambdas, lists, parentheses.
extension Parser {
    /// primary = literal | list | parenthesized | call | IDENTIFIER
    mutating func parsePrimary() throws(ParseError) -> Expression {
        switch currentKind {
        case .int, .string, .duration, .time, .true, .false, .null:
            return parseLiteral()
        case .leftBracket:
            return try parseList()
        case .leftParen:
            return try parseParenthesized()
        case let .identifier(name):
            if peekKind() == .leftParen { return try parseCall() }
            if peekKind() == .arrow {
                throw ParseError(Diagnostic(.misplacedLambda, "a lambda can only be the second argument of any, all, none or count",
                                            at: current.range.union(tokens[index + 1].range)))
            }
            let token = advance()
            return Expression(.name(name), token.range)
        case .endOfInput:
            throw unexpected(expected: "an expression")
        case .and, .or, .in:
            throw ParseError(Diagnostic(.unexpectedToken, "expected an expression, found the keyword `\(currentKind.displayText)`",
                                        at: current.range))
        default:
            throw unexpected(expected: "an expression")
        }
    }

    /// literal = INT | STRING | DURATION | TIME | "true" | "false" | "null"
    mutating func parseLiteral() -> Expression {
        let token = advance()
        let literal: Literal
        switch token.kind {
        case let .int(value): literal = .int(value)
        case let .string(value): literal = .string(value)
        case let .duration(value): literal = .duration(value)
        case let .time(value, dateOnly): literal = .time(value, dateOnly: dateOnly)
        case .true: literal = .bool(true)
        case .false: literal = .bool(false)
        default: literal = .null
        }
        return Expression(.literal(literal), token.range)
    }

    /// list = "[" [ expression { "," expression } [ "," ] ] "]"
    mutating func parseList() throws(ParseError) -> Expression {
        let open = advance()
        var items: [Expression] = []
        while currentKind != .rightBracket {
            if currentKind == .endOfInput { break }
            items.append(try parseExpression())
            if consume(.comma) == nil { break }
        }
        let close = try expectClosing(.rightBracket, opening: open, context: "or `,` in the list")
        return Expression(.list(items), open.range.union(close.range))
    }

    /// parenthesized = "(" expression ")"
    mutating func parseParenthesized() throws(ParseError) -> Expression {
        let open = advance()
        var inner = try parseExpression()
        let close = try expectClosing(.rightParen, opening: open, context: "to close the parenthesis")
        // Parentheses only group; the node keeps the wider range so diagnostics cover them.
        inner.range = open.range.union(close.range)
        return inner
    }

    /// call = IDENTIFIER "(" [ argument { "," argument } ] ")"
    mutating func parseCall() throws(ParseError) -> Expression {
        let nameToken = advance()
        guard case let .identifier(name) = nameToken.kind else { throw unexpected(expected: "a function name") }
        let open = advance()
        var arguments: [Expression] = []
        while currentKind != .rightParen {
            if currentKind == .endOfInput { break }
            arguments.append(try parseArgument())
            if consume(.comma) == nil { break }
        }
        let close = try expectClosing(.rightParen, opening: open, context: "or `,` between arguments")
        return Expression(.call(name: name, nameRange: nameToken.range, arguments: arguments), nameToken.range.union(close.range))
    }

    /// argument = lambda | expression
    mutating func parseArgument() throws(ParseError) -> Expression {
        if case .identifier = currentKind, peekKind() == .arrow { return try parseLambda() }
        return try parseExpression()
    }

    /// lambda = IDENTIFIER "=>" expression
    mutating func parseLambda() throws(ParseError) -> Expression {
        let parameterToken = advance()
        guard case let .identifier(parameter) = parameterToken.kind else { throw unexpected(expected: "a parameter name") }
        advance()
        let body = try parseExpression()
        return Expression(.lambda(parameter: parameter, parameterRange: parameterToken.range, body: body), parameterToken.range.union(body.range))
    }
}
