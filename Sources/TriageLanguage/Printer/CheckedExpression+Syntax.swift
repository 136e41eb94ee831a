extension CheckedExpression {
    /// The expression as it was written (macros as their names), to print it back as source.
    public var syntax: Expression {
        let kind: ExpressionKind
        switch node {
        case let .literal(value): kind = Self.literalSyntax(value)
        case let .field(field): kind = .name(field.rawValue)
        case .now: kind = .name("now")
        case let .local(name): kind = .name(name)
        case let .listConstant(name, _): kind = .name(name)
        case let .macro(name, _): kind = .name(name)
        case let .list(items): kind = .list(items.map(\.syntax))
        case let .member(base, member): kind = .member(base.syntax, name: member.name, nameRange: range)
        case let .call(function, arguments): kind = .call(name: function.rawValue, nameRange: range, arguments: arguments.map(\.syntax))
        case let .lambda(parameter, body): kind = .lambda(parameter: parameter, parameterRange: range, body: body.syntax)
        case let .not(operand): kind = .unary(.not, operand.syntax)
        case let .negate(operand): kind = .unary(.negate, operand.syntax)
        case let .binary(op, left, right): kind = .binary(op, left.syntax, right.syntax)
        case let .logical(op, operands): kind = .logical(op, operands.map(\.syntax))
        case let .match(subject, matcher, negated):
            kind = .binary(negated ? .notMatches : .matches, subject.syntax, Expression(.literal(.string(matcher.pattern)), range))
        }
        return Expression(kind, range)
    }

    /// Canonical source text of this node.
    public var sourceText: String { ExpressionPrinter.print(syntax) }

    private static func literalSyntax(_ value: Value) -> ExpressionKind {
        switch value {
        case .null: .literal(.null)
        case let .bool(x): .literal(.bool(x))
        case let .int(x): .literal(.int(x))
        case let .string(x): .literal(.string(x))
        case let .duration(x): .literal(.duration(x))
        case let .time(x): .literal(.time(x, dateOnly: x.millisecondsSinceEpoch % 86_400_000 == 0))
        case let .strings(items): .list(items.map { Expression(.literal(.string($0)), SourceRange(start: 0, end: 0)) })
        case let .ints(items): .list(items.map { Expression(.literal(.int($0)), SourceRange(start: 0, end: 0)) })
        case let .list(items): .list(items.map { Expression(literalSyntax($0), SourceRange(start: 0, end: 0)) })
        case .comment, .pull: .literal(.null)
        }
    }
}
