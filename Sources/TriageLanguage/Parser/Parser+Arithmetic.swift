/// The arithmetic layer: `+`/`-` (level 5), unary minus (level 6) and postfix member access (level 7).
extension Parser {
    /// additive = unary { ( "+" | "-" ) unary }
    mutating func parseAdditive() throws(ParseError) -> Expression {
        var left = try parseUnary()
        var length = 0
        while true {
            let op: BinaryOperator
            switch currentKind {
            case .plus: op = .plus
            case .minus: op = .minus
            default: return left
            }
            length += 1
            if length > Parser.maximumDepth {
                throw ParseError(Diagnostic(.nestingTooDeep, "a chain of more than \(Parser.maximumDepth) `+`/`-` is too deep", at: current.range))
            }
            advance()
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), left.range.union(right.range))
        }
    }

    /// unary = "-" unary | postfix
    mutating func parseUnary() throws(ParseError) -> Expression {
        guard currentKind == .minus else { return try parsePostfix() }
        let minus = advance()
        let operand = try nested { (parser: inout Parser) throws(ParseError) in try parser.parseUnary() }
        return Expression(.unary(.negate, operand), minus.range.union(operand.range))
    }

    /// postfix = primary { "." IDENTIFIER }
    mutating func parsePostfix() throws(ParseError) -> Expression {
        var base = try parsePrimary()
        var length = 0
        while consume(.dot) != nil {
            length += 1
            if length > Parser.maximumDepth {
                throw ParseError(Diagnostic(.nestingTooDeep, "a chain of more than \(Parser.maximumDepth) member accesses is too deep", at: current.range))
            }
            guard case let .identifier(name) = currentKind else {
                throw unexpected(expected: "a member name after `.`")
            }
            let nameToken = advance()
            if currentKind == .leftParen {
                throw ParseError(Diagnostic(.unexpectedToken, "there are no methods; call `\(name)` as a function with the value as its first argument",
                                            at: nameToken.range, suggestion: "\(name)(…)"))
            }
            base = Expression(.member(base, name: name, nameRange: nameToken.range), base.range.union(nameToken.range))
        }
        return base
    }
}
