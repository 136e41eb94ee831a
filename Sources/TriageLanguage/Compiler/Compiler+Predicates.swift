/// Compilation of everything boolean: logic with cheap-first conjunct ordering, comparisons,
/// regex matches and membership.
extension Compiler {
    func compileBool(_ expression: CheckedExpression) -> Predicate {
        if case let .field(field) = expression.node, let predicate = Compiler.fieldBool(field) { return predicate }
        switch expression.node {
        case let .literal(value):
            let result = value.isTrue
            return { _, _ in result }
        case let .macro(_, body):
            return macroCompiler().compileBool(body)
        case let .not(operand):
            let predicate = compileBool(operand)
            return { i, f throws(EvaluationInterrupt) in try !predicate(i, f) }
        case let .logical(op, _):
            return compileChain(flatten(expression, op), isAnd: op == .and)
        case let .binary(op, left, right) where op == .in || op == .notIn:
            return compileMembership(negated: op == .notIn, left, right)
        case let .binary(op, left, right) where op.isComparison:
            return compileComparison(op, left, right)
        case let .match(subject, matcher, negated):
            let string = stringGetter(subject)
            if negated {
                return { i, f throws(EvaluationInterrupt) in
                    guard let s = try string(i, f) else { return false }
                    return try !matcher.matches(s, in: f)
                }
            }
            return { i, f throws(EvaluationInterrupt) in
                guard let s = try string(i, f) else { return false }
                return try matcher.matches(s, in: f)
            }
        case let .call(function, arguments) where expression.type.base == .bool:
            return compileCallPredicate(function, arguments)
        default:
            let value = compileValue(expression)
            return { i, f throws(EvaluationInterrupt) in try value(i, f).isTrue }
        }
    }

    /// The operands of a chain of one operator, looking through macros (evaluation is pure, so the
    /// operands may be evaluated in any order).
    func flatten(_ expression: CheckedExpression, _ op: LogicalOperator) -> [(CheckedExpression, Compiler)] {
        switch expression.node {
        case let .logical(found, operands) where found == op:
            return operands.flatMap { flatten($0, op) }
        case let .macro(_, body):
            return macroCompiler().flatten(body, op)
        default:
            return [(expression, self)]
        }
    }

    /// `a and b and c`: synchronous, cheap operands first, lazy ones (API calls) last, so lazy data is
    /// only requested when every cheaper operand has passed.
    /// What a lazy operand requests depends on the item and the source (`RequestProfile`: pull-request
    /// data is no request on an issue; `human_idle` reads no reviews from a source whose reviews carry
    /// no time), so the cheapest order may differ between them: the chain is then chained in each
    /// order and picks one by the item's kind and the frame's `reviewsCarryTime`. Each operand is
    /// compiled once and shared by every order (compiling per order would multiply the work at every
    /// nested chain whose orders differ).
    private func compileChain(_ operands: [(CheckedExpression, Compiler)], isAnd: Bool) -> Predicate {
        let expressions = operands.map(\.0)
        let onPulls = Compiler.cheapestFirst(expressions, for: .pullRequest)
        let onUntimedPulls = Compiler.cheapestFirst(expressions, for: .pullRequestWithUntimedReviews)
        let onIssues = Compiler.cheapestFirst(expressions, for: .issue)
        let predicates = operands.map { $0.1.compileBool($0.0) }
        let forPulls = Compiler.chain(onPulls.map { predicates[$0] }, isAnd: isAnd)
        let forIssues = onIssues == onPulls ? forPulls : Compiler.chain(onIssues.map { predicates[$0] }, isAnd: isAnd)
        if onUntimedPulls == onPulls {
            guard onIssues != onPulls else { return forPulls }
            return { i, f throws(EvaluationInterrupt) in
                i.pointee.kind == "pull_request" ? try forPulls(i, f) : try forIssues(i, f)
            }
        }
        let forUntimedPulls = onUntimedPulls == onIssues ? forIssues : Compiler.chain(onUntimedPulls.map { predicates[$0] }, isAnd: isAnd)
        return { i, f throws(EvaluationInterrupt) in
            guard i.pointee.kind == "pull_request" else { return try forIssues(i, f) }
            return f.reviewsCarryTime ? try forPulls(i, f) : try forUntimedPulls(i, f)
        }
    }

    /// The predicates of a chain, evaluated in the order given, stopping at the first that decides.
    private static func chain(_ predicates: [Predicate], isAnd: Bool) -> Predicate {
        switch (predicates.count, isAnd) {
        case (2, true):
            let (a, b) = (predicates[0], predicates[1])
            return { i, f throws(EvaluationInterrupt) in
                guard try a(i, f) else { return false }
                return try b(i, f)
            }
        case (2, false):
            let (a, b) = (predicates[0], predicates[1])
            return { i, f throws(EvaluationInterrupt) in
                if try a(i, f) { return true }
                return try b(i, f)
            }
        case (3, true):
            let (a, b, c) = (predicates[0], predicates[1], predicates[2])
            return { i, f throws(EvaluationInterrupt) in
                guard try a(i, f), try b(i, f) else { return false }
                return try c(i, f)
            }
        case (_, true):
            return { i, f throws(EvaluationInterrupt) in
                for predicate in predicates where try !predicate(i, f) { return false }
                return true
            }
        case (_, false):
            return { i, f throws(EvaluationInterrupt) in
                for predicate in predicates where try predicate(i, f) { return true }
                return false
            }
        }
    }

    /// The order to evaluate the operands of a chain in, as indices: operands without lazy data first,
    /// cheapest first; then the lazy ones, each time the one needing the fewest requests beyond what
    /// the operands before it load (data shared with an earlier operand is free, SPEC §8), then the
    /// cheapest; ties keep the written order.
    /// `profile` says what the lazy data costs: on an issue pull-request data needs no request, from
    /// a source whose reviews carry no time `human_idle` needs no reviews.
    static func cheapestFirst(_ operands: [CheckedExpression], for profile: RequestProfile = .pullRequest) -> [Int] {
        let cheap = operands.indices.filter { !operands[$0].usesLazyData }
            .sorted { operands[$0].cost != operands[$1].cost ? operands[$0].cost < operands[$1].cost : $0 < $1 }
        var lazy = operands.indices.filter { operands[$0].usesLazyData }
        let cost = operands.map { $0.facts.cost(in: profile) }
        var ordered = cheap, loaded = Set<LazyDataKind>()
        while !lazy.isEmpty {
            let next = lazy.indices.min { a, b in
                let (x, y) = (lazy[a], lazy[b])
                let newX = profile.requests(profile.lazyData(of: operands[x].facts).subtracting(loaded))
                let newY = profile.requests(profile.lazyData(of: operands[y].facts).subtracting(loaded))
                if newX != newY { return newX < newY }
                if cost[x] != cost[y] { return cost[x] < cost[y] }
                return x < y
            }!
            let index = lazy.remove(at: next)
            loaded.formUnion(profile.lazyData(of: operands[index].facts))
            ordered.append(index)
        }
        return ordered
    }

    // MARK: Comparisons

    private func compileComparison(_ op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> Predicate {
        let base = left.type.base == .null ? right.type.base : left.type.base
        switch base {
        case .int, .duration, .time:
            return Compiler.compare(op, numberGetter(left), numberGetter(right), less: <, equal: ==)
        case .string:
            return Compiler.compare(op, stringGetter(left), stringGetter(right), less: UTF8Search.less, equal: UTF8Search.equal)
        default:
            let a = compileValue(left), b = compileValue(right)
            let negate = op == .notEqual
            return { i, f throws(EvaluationInterrupt) in Compiler.valuesEqual(try a(i, f), try b(i, f)) != negate }
        }
    }

    /// A comparison of two optional operands: `==`/`!=` treat null as a value (null == null), the
    /// ordering operators are false when either side is null (SPEC §2).
    private static func compare<T: Sendable>(
        _ op: BinaryOperator,
        _ a: @escaping @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> T?,
        _ b: @escaping @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> T?,
        less: @escaping @Sendable (T, T) -> Bool,
        equal: @escaping @Sendable (T, T) -> Bool
    ) -> Predicate {
        switch op {
        case .equal, .notEqual:
            let expected = op == .equal
            return { i, f throws(EvaluationInterrupt) in
                switch (try a(i, f), try b(i, f)) {
                case let (x?, y?): equal(x, y) == expected
                case (nil, nil): expected
                default: !expected
                }
            }
        case .less:
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try a(i, f), let y = try b(i, f) else { return false }
                return less(x, y)
            }
        case .lessOrEqual:
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try a(i, f), let y = try b(i, f) else { return false }
                return !less(y, x)
            }
        case .greater:
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try a(i, f), let y = try b(i, f) else { return false }
                return less(y, x)
            }
        default:
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try a(i, f), let y = try b(i, f) else { return false }
                return !less(x, y)
            }
        }
    }

    /// Equality of any two values, with lists equal when their elements are.
    static func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.null, _), (_, .null): return false
        case let (.string(x), .string(y)): return UTF8Search.equal(x, y)
        case let (.strings(x), .strings(y)): return x.count == y.count && zip(x, y).allSatisfy(UTF8Search.equal)
        case (.strings, _), (.ints, _), (.list, _):
            let (x, y) = (a.listElements, b.listElements)
            return x.count == y.count && zip(x, y).allSatisfy(valuesEqual)
        default: return a == b
        }
    }

    // MARK: Membership

    private func compileMembership(negated: Bool, _ left: CheckedExpression, _ right: CheckedExpression) -> Predicate {
        if right.type.base == .string {
            let needle = stringGetter(left), haystack = stringGetter(right)
            return { i, f throws(EvaluationInterrupt) in
                guard let n = try needle(i, f), let h = try haystack(i, f) else { return false }
                return UTF8Search.contains(h, n) != negated
            }
        }
        switch right.type.listElement {
        case .string?:
            let element = stringGetter(left), list = stringListGetter(right)
            // A Set compares by canonical equivalence, which only equals the language's scalar
            // comparison when the members are ASCII.
            if case let .strings(constantList)? = Compiler.constant(right), constantList.count > 8,
               constantList.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                let set = Set(constantList)
                return { i, f throws(EvaluationInterrupt) in
                    guard let x = try element(i, f) else { return false }
                    // A non-ASCII subject may be canonically equal to an ASCII member without being equal.
                    let found = x.utf8.allSatisfy { $0 < 0x80 } ? set.contains(x) : constantList.contains { UTF8Search.equal($0, x) }
                    return found != negated
                }
            }
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try element(i, f), let items = try list(i, f) else { return false }
                for item in items where UTF8Search.equal(item, x) { return !negated }
                return negated
            }
        default:
            let element = compileValue(left), list = compileValue(right)
            return { i, f throws(EvaluationInterrupt) in
                let x = try element(i, f)
                if x.isNull { return false }
                let items = try list(i, f)
                if case let (.int(number), .ints(values)) = (x, items) { return values.contains(number) != negated }
                return items.listElements.contains { Compiler.valuesEqual($0, x) } != negated
            }
        }
    }
}
