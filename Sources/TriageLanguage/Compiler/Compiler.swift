typealias Evaluator = @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> Value
typealias Predicate = @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> Bool
typealias NumberGetter = @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> Int64?
typealias StringGetter = @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> String?
typealias StringListGetter = @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> [String]?

/// Turns a checked expression into closures, once, so that evaluating a rule on an issue runs no
/// interpreter: no tree walk, no name lookup, no regex compilation.
///
/// Booleans compile to `Predicate`s (null counts as false where a bool is expected) and ints,
/// durations, times and strings to typed getters, so the common shapes (`state == "open"`,
/// `"bug" in labels`, `age > 7d`) compare unboxed values. Everything else goes through `Value`.
struct Compiler {
    /// Lambda parameters in scope, innermost last, with their slots in `EvaluationFrame.locals`.
    private var scope: [(name: String, slot: Int)] = []
    private var nextSlot = 0

    // MARK: Values

    func compileValue(_ expression: CheckedExpression) -> Evaluator {
        switch expression.node {
        case let .literal(value):
            return { _, _ in value }
        case let .field(field):
            return Compiler.fieldValue(field)
        case .now:
            return { i, f in .time(f.now) }
        case let .local(name):
            let slot = slotOf(name)
            return { i, f in f.locals[slot] }
        case let .listConstant(_, value):
            return { _, _ in value }
        case let .macro(_, body):
            return macroCompiler().compileValue(body)
        case let .list(items):
            return compileListLiteral(items, type: expression.type)
        case let .member(base, member):
            let baseValue = compileValue(base)
            return { i, f throws(EvaluationInterrupt) in
                switch (try baseValue(i, f), member) {
                case let (.comment(comment), .comment(member)): return Compiler.member(member, of: comment)
                case let (.pull(pull), .pull(member)): return Compiler.member(member, of: pull)
                default: return .null
                }
            }
        case let .call(function, arguments):
            return compileCallValue(function, arguments, type: expression.type)
        case .lambda:
            preconditionFailure("a lambda is compiled by the function that takes it")
        case let .negate(operand):
            let value = compileValue(operand)
            return { i, f throws(EvaluationInterrupt) in
                switch try value(i, f) {
                case let .int(x): .int(0 &- x)
                case let .duration(x): .duration(-x)
                default: .null
                }
            }
        case let .binary(op, left, right) where op == .plus || op == .minus:
            return compileArithmetic(op, left, right)
        case .not, .binary, .logical, .match:
            let predicate = compileBool(expression)
            return { i, f throws(EvaluationInterrupt) in .bool(try predicate(i, f)) }
        }
    }

    /// A compiler for a macro body: macros are hygienic, so none of the caller's lambda parameters
    /// are visible, but their slots stay reserved.
    func macroCompiler() -> Compiler {
        var compiler = Compiler()
        compiler.nextSlot = nextSlot
        return compiler
    }

    func slotOf(_ name: String) -> Int {
        guard let entry = scope.last(where: { $0.name == name }) else {
            preconditionFailure("unresolved lambda parameter \(name)")
        }
        return entry.slot
    }

    /// A compiler with `name` bound to a fresh slot, for a lambda body.
    func binding(_ name: String) -> (Compiler, slot: Int) {
        var inner = self
        inner.scope.append((name, nextSlot))
        inner.nextSlot += 1
        return (inner, nextSlot)
    }

    static func member(_ member: CommentMember, of comment: IssueComment) -> Value {
        switch member {
        case .author: .string(comment.author)
        case .body: .string(comment.body)
        case .created: .time(comment.created)
        case .association: comment.association.map(Value.string) ?? .null
        case .bot: .bool(comment.bot)
        }
    }

    static func member(_ member: PullMember, of pull: LinkedPull) -> Value {
        switch member {
        case .number: .int(pull.number)
        case .state: .string(pull.state)
        case .draft: .bool(pull.draft)
        case .author: .string(pull.author)
        }
    }

    private func compileListLiteral(_ items: [CheckedExpression], type: ValueType) -> Evaluator {
        let evaluators = items.map { compileValue($0) }
        let constant = items.allSatisfy { if case .literal = $0.node { true } else { false } }
        let build: @Sendable ([Value]) -> Value = { values in
            switch type {
            case .list(.string): .strings(values.compactMap { if case let .string(s) = $0 { s } else { nil } })
            case .list(.int): .ints(values.compactMap { if case let .int(i) = $0 { i } else { nil } })
            default: .list(values)
            }
        }
        if constant {
            let value = build(items.map { if case let .literal(v) = $0.node { v } else { .null } })
            return { _, _ in value }
        }
        return { i, f throws(EvaluationInterrupt) in
            var values: [Value] = []
            values.reserveCapacity(evaluators.count)
            for evaluator in evaluators { values.append(try evaluator(i, f)) }
            return build(values)
        }
    }

    private func compileArithmetic(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> Evaluator {
        let a = compileValue(left), b = compileValue(right)
        let subtract = op == .minus
        return { i, f throws(EvaluationInterrupt) in
            switch (try a(i, f), try b(i, f)) {
            case let (.int(x), .int(y)): .int(subtract ? x &- y : x &+ y)
            case let (.duration(x), .duration(y)): .duration(subtract ? x - y : x + y)
            case let (.time(x), .duration(y)): .time(subtract ? x - y : x + y)
            case let (.duration(x), .time(y)): .time(y + x)
            case let (.time(x), .time(y)): .duration(x - y)
            case let (.string(x), .string(y)): .string(x + y)
            default: .null
            }
        }
    }
}
