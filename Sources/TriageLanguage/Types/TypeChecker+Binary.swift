/// Type rules of the binary operators: logic, comparisons, matching, membership and arithmetic.
extension TypeChecker {
    mutating func checkBinary(_ op: BinaryOperator, _ leftExpression: Expression, _ rightExpression: Expression, range: SourceRange) -> CheckedExpression {
        let left = check(leftExpression)
        if op == .matches || op == .notMatches {
            return checkMatch(left, leftExpression: leftExpression, pattern: rightExpression, negated: op == .notMatches, range: range)
        }
        let right = check(rightExpression)
        if left.type.isInvalid || right.type.isInvalid { return invalid(range) }
        func result(_ type: ValueType) -> CheckedExpression {
            CheckedExpression(.binary(op, left, right), type: type, range: range)
        }
        switch op {
        case .equal, .notEqual:
            guard Self.equatable(left.type, right.type) else {
                reportMismatch(op, left, right, leftExpression, rightExpression)
                return invalid(range)
            }
            return result(.bool)
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            let base = left.type.base == .null ? right.type.base : left.type.base
            guard [.int, .string, .duration, .time].contains(base), Self.equatable(left.type, right.type),
                  left.type.base != .null || right.type.base != .null
            else {
                reportMismatch(op, left, right, leftExpression, rightExpression)
                return invalid(range)
            }
            return result(.bool)
        case .in, .notIn:
            return checkMembership(op, left, right, leftExpression, rightExpression, range: range)
        case .plus, .minus:
            guard let type = Self.arithmeticType(op, left.type, right.type) else {
                report(Diagnostic(.typeMismatch, "cannot apply `\(op.rawValue)` to \(left.type) and \(right.type)", at: range,
                                  suggestion: Self.arithmeticHint(op, left.type, right.type)))
                return invalid(range)
            }
            return result(type)
        case .matches, .notMatches:
            return invalid(range)
        }
    }

    mutating func checkLogical(_ op: LogicalOperator, _ operandExpressions: [Expression], range: SourceRange) -> CheckedExpression {
        let operands = operandExpressions.map { check($0) }
        var valid = true
        for (operand, expression) in zip(operands, operandExpressions) where !operand.type.isBooleanLike {
            report(Diagnostic(.typeMismatch, "`\(op.rawValue)` needs bool operands, but this is \(operand.type)", at: expression.range,
                              suggestion: Self.booleanHint(for: operand)))
            valid = false
        }
        if !valid || operands.contains(where: { $0.type.isInvalid }) { return invalid(range) }
        return CheckedExpression(.logical(op, operands), type: .bool, range: range)
    }

    /// Whether `==`/`!=` (and, for orderable bases, `<` …) may compare the two types.
    static func equatable(_ a: ValueType, _ b: ValueType) -> Bool {
        let x = a.base, y = b.base
        if x == .null || y == .null { return true }
        if x == y { return true }
        switch (x, y) {
        case (.emptyList, .list), (.list, .emptyList), (.emptyList, .emptyList): return true
        default: return false
        }
    }

    private mutating func reportMismatch(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression,
                                         _ leftExpression: Expression, _ rightExpression: Expression) {
        let range = leftExpression.range.union(rightExpression.range)
        var suggestion: String?
        var note = ""
        switch (left.type.base, right.type.base, rightExpression.kind) {
        case let (.duration, .int, .literal(.int(value))):
            suggestion = "\(value)d"
            note = "; durations have units: write `\(value)d` (or m, h, w)"
        case let (.time, .string, .literal(.string(text))) where Timestamp.parseLiteral(text) != nil:
            suggestion = text
            note = "; write the time without quotes: `\(text)`"
        case (.time, .duration, _):
            let field: String
            if case .field(.created) = left.node { field = "age" } else if case .field(.updated) = left.node { field = "idle" } else { field = "now - …" }
            suggestion = field
            note = "; a time is compared with a time; for how long ago, compare `\(field)` with the duration"
        default:
            break
        }
        if op.isOrdering, left.type.base == right.type.base || left.type.base == .null || right.type.base == .null {
            report(Diagnostic(.typeMismatch, "`\(op.rawValue)` compares ints, strings, durations or times, not \(left.type.base)", at: range))
            return
        }
        report(Diagnostic(.typeMismatch, "cannot compare \(left.type) with \(right.type) using `\(op.rawValue)`" + note,
                          at: range, suggestion: suggestion))
    }

    private mutating func checkMembership(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression,
                                          _ leftExpression: Expression, _ rightExpression: Expression, range: SourceRange) -> CheckedExpression {
        if right.type.base == .string {
            guard left.type.base == .string || left.type.base == .null else {
                report(Diagnostic(.typeMismatch, "`\(op.rawValue)` on a string looks for a substring, so the left side must be a string, not \(left.type)",
                                  at: leftExpression.range))
                return invalid(range)
            }
            return CheckedExpression(.binary(op, left, right), type: .bool, range: range)
        }
        guard let element = right.type.listElement else {
            report(Diagnostic(.typeMismatch, "`\(op.rawValue)` needs a list or a string on its right, but this is \(right.type)", at: rightExpression.range))
            return invalid(range)
        }
        guard element.isInvalid || Self.equatable(left.type, element), left.type.listElement == nil else {
            report(Diagnostic(.typeMismatch, "cannot look for \(left.type) in \(right.type)", at: range))
            return invalid(range)
        }
        return CheckedExpression(.binary(op, left, right), type: .bool, range: range)
    }

    private mutating func checkMatch(_ left: CheckedExpression, leftExpression: Expression, pattern: Expression, negated: Bool, range: SourceRange) -> CheckedExpression {
        let symbol = negated ? "!~" : "~"
        guard case let .literal(.string(text)) = pattern.kind else {
            _ = check(pattern)
            report(Diagnostic(.patternNotLiteral, "the pattern of `\(symbol)` must be a string literal, so it is compiled once", at: pattern.range))
            return invalid(range)
        }
        if left.type.isInvalid { return invalid(range) }
        guard left.type.base == .string || left.type.base == .null else {
            report(Diagnostic(.typeMismatch, "`\(symbol)` matches strings, but this is \(left.type)", at: leftExpression.range,
                              suggestion: left.type.listElement == .string ? "any(…, x => x \(symbol) …)" : nil))
            return invalid(range)
        }
        do {
            let matcher = try RegexMatcher(pattern: text)
            return CheckedExpression(.match(left, matcher, negated: negated), type: .bool, range: range)
        } catch {
            report(Diagnostic(.invalidRegex, error.message, at: pattern.range))
            return invalid(range)
        }
    }

    static func arithmeticType(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType) -> ValueType? {
        let x = a.base == .null ? b.base : a.base
        let y = b.base == .null ? a.base : b.base
        let base: ValueType?
        switch (op, x, y) {
        case (_, .int, .int): base = .int
        case (_, .duration, .duration): base = .duration
        case (_, .time, .duration): base = .time
        case (.plus, .duration, .time): base = .time
        case (.minus, .time, .time): base = .duration
        case (.plus, .string, .string): base = .string
        default: base = nil
        }
        guard let base else { return nil }
        return a.isOptional || b.isOptional ? base.asOptional : base
    }

    static func arithmeticHint(_ op: BinaryOperator, _ a: ValueType, _ b: ValueType) -> String? {
        switch (a.base, b.base) {
        case (.time, .int), (.duration, .int): "give the number a unit, e.g. `7d`"
        case (.string, .int), (.int, .string): "`+` joins two strings or adds two numbers, never one of each"
        default: nil
        }
    }
}

extension Timestamp {
    /// Parses a date or time literal's text (for hints such as "write the time without quotes").
    public static func parseLiteral(_ text: String) -> Timestamp? {
        let (tokens, diagnostics) = Lexer.tokenize(text)
        guard diagnostics.isEmpty, tokens.count == 2, case let .time(value, _) = tokens[0].kind else { return nil }
        return value
    }
}
