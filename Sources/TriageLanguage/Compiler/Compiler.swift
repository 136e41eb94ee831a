typealias Evaluator = @Sendable (EvaluationFrame) throws(LazyDataNeeded) -> Value
typealias Predicate = @Sendable (EvaluationFrame) throws(LazyDataNeeded) -> Bool
typealias NumberGetter = @Sendable (EvaluationFrame) throws(LazyDataNeeded) -> Int64?
typealias StringGetter = @Sendable (EvaluationFrame) throws(LazyDataNeeded) -> String?
typealias StringListGetter = @Sendable (EvaluationFrame) throws(LazyDataNeeded) -> [String]?

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
            return { _ in value }
        case let .field(field):
            return Compiler.fieldValue(field)
        case .lazyField(.lastComment):
            return { f throws(LazyDataNeeded) in try f.loadedComments().last.map(Value.comment) ?? .null }
        case .lazyField(.commenters):
            return { f throws(LazyDataNeeded) in .strings(Compiler.commenters(try f.loadedComments())) }
        case .now:
            return { f in .time(f.now) }
        case let .local(name):
            let slot = slotOf(name)
            return { f in f.locals[slot] }
        case let .listConstant(_, value):
            return { _ in value }
        case let .macro(_, body):
            return macroCompiler().compileValue(body)
        case let .list(items):
            return compileListLiteral(items, type: expression.type)
        case let .member(base, member):
            let baseValue = compileValue(base)
            return { f throws(LazyDataNeeded) in
                guard case let .comment(comment) = try baseValue(f) else { return .null }
                return Compiler.member(member, of: comment)
            }
        case let .call(function, arguments):
            return compileCallValue(function, arguments, type: expression.type)
        case .lambda:
            preconditionFailure("a lambda is compiled by the function that takes it")
        case let .negate(operand):
            let value = compileValue(operand)
            return { f throws(LazyDataNeeded) in
                switch try value(f) {
                case let .int(x): .int(0 &- x)
                case let .duration(x): .duration(-x)
                default: .null
                }
            }
        case let .binary(op, left, right) where op == .plus || op == .minus:
            return compileArithmetic(op, left, right)
        case .not, .binary, .logical, .match:
            let predicate = compileBool(expression)
            return { f throws(LazyDataNeeded) in .bool(try predicate(f)) }
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

    static func fieldValue(_ field: IssueField) -> Evaluator {
        switch field {
        case .number: { f in .int(f.issue.number) }
        case .title: { f in .string(f.issue.title) }
        case .body: { f in .string(f.issue.body) }
        case .state: { f in .string(f.issue.state) }
        case .kind: { f in .string(f.issue.kind) }
        case .draft: { f in .bool(f.issue.draft) }
        case .author: { f in .string(f.issue.author) }
        case .authorAssociation: { f in f.issue.authorAssociation.map(Value.string) ?? .null }
        case .labels: { f in .strings(f.issue.labels) }
        case .assignees: { f in .strings(f.issue.assignees) }
        case .milestone: { f in f.issue.milestone.map(Value.string) ?? .null }
        case .comments: { f in .int(f.issue.comments) }
        case .reactions: { f in .int(f.issue.reactions) }
        case .upvotes: { f in .int(f.issue.upvotes) }
        case .locked: { f in .bool(f.issue.locked) }
        case .created: { f in .time(f.issue.created) }
        case .updated: { f in .time(f.issue.updated) }
        case .closed: { f in f.issue.closed.map(Value.time) ?? .null }
        case .age: { f in .duration(f.now - f.issue.created) }
        case .idle: { f in .duration(f.now - f.issue.updated) }
        case .url: { f in .string(f.issue.url) }
        case .repo: { f in .string(f.issue.repo) }
        }
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

    /// Distinct comment authors, oldest first.
    static func commenters(_ comments: [IssueComment]) -> [String] {
        var seen = Set<String>()
        var authors: [String] = []
        for comment in comments where seen.insert(comment.author).inserted {
            authors.append(comment.author)
        }
        return authors
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
            return { _ in value }
        }
        return { f throws(LazyDataNeeded) in
            var values: [Value] = []
            values.reserveCapacity(evaluators.count)
            for evaluator in evaluators { values.append(try evaluator(f)) }
            return build(values)
        }
    }

    private func compileArithmetic(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> Evaluator {
        let a = compileValue(left), b = compileValue(right)
        let subtract = op == .minus
        return { f throws(LazyDataNeeded) in
            switch (try a(f), try b(f)) {
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
