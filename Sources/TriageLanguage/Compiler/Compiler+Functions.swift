/// Compilation of the built-in functions.
extension Compiler {
    func compileCallPredicate(_ function: Function, _ arguments: [CheckedExpression]) -> Predicate {
        switch function {
        case .any, .all, .none:
            return compileQuantifier(function, arguments[0], arguments[1])
        case .startsWith, .endsWith, .contains, .glob:
            let a = stringGetter(arguments[0]), b = stringGetter(arguments[1])
            let operation: @Sendable (String, String) -> Bool = switch function {
            case .startsWith: UTF8Search.hasPrefix
            case .endsWith: UTF8Search.hasSuffix
            case .contains: UTF8Search.contains
            default: UTF8Search.glob
            }
            return { i, f throws(EvaluationInterrupt) in
                guard let x = try a(i, f), let y = try b(i, f) else { return false }
                return operation(x, y)
            }
        default:
            let value = compileCallValue(function, arguments, type: .bool)
            return { i, f throws(EvaluationInterrupt) in try value(i, f).isTrue }
        }
    }

    func compileCallValue(_ function: Function, _ arguments: [CheckedExpression], type: ValueType) -> Evaluator {
        switch function {
        case .any, .all, .none, .startsWith, .endsWith, .contains, .glob:
            let predicate = compileCallPredicate(function, arguments)
            return { i, f throws(EvaluationInterrupt) in .bool(try predicate(i, f)) }
        case .count:
            let counter = compileCount(arguments[0], arguments[1])
            return { i, f throws(EvaluationInterrupt) in .int(try counter(i, f)) }
        case .len:
            let value = compileValue(arguments[0])
            return { i, f throws(EvaluationInterrupt) in
                switch try value(i, f) {
                case let .string(s): .int(s.count)
                case let .strings(list): .int(list.count)
                case let .ints(list): .int(list.count)
                case let .list(list): .int(list.count)
                default: .null
                }
            }
        case .lower, .upper, .trim:
            let string = stringGetter(arguments[0])
            let transform: @Sendable (String) -> String = switch function {
            case .lower: { $0.lowercased() }
            case .upper: { $0.uppercased() }
            default: Compiler.trim
            }
            return { i, f throws(EvaluationInterrupt) in
                guard let s = try string(i, f) else { return .null }
                return .string(transform(s))
            }
        case .labelAge:
            let name = stringGetter(arguments[0])
            return { i, f throws(EvaluationInterrupt) in
                guard let label = try name(i, f) else { return .null }
                guard i.pointee.labels.contains(where: { UTF8Search.equal($0, label) }) else { return .null }
                let events = try f.loadedLabelEvents(i)
                let added = events.last { $0.action == .added && UTF8Search.equal($0.label, label) }?.created
                // A label with no recorded event has been there since the issue was opened.
                return .duration(f.now - (added ?? i.pointee.created))
            }
        }
    }

    /// Whitespace trimmed at both ends (Unicode whitespace, as `Character.isWhitespace` defines it).
    static func trim(_ s: String) -> String {
        guard let first = s.firstIndex(where: { !$0.isWhitespace }), let last = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(s[first...last])
    }

    /// Runs `body` for each element with the lambda parameter bound; `visit` returns false to stop.
    private func compileIteration(_ list: CheckedExpression, _ lambda: CheckedExpression) -> @Sendable (UnsafePointer<Issue>, EvaluationFrame, (Bool) -> Bool) throws(EvaluationInterrupt) -> Void {
        guard case let .lambda(parameter, body) = lambda.node else { preconditionFailure("lambda expected") }
        if list.type.listElement == .string, let test = stringPredicate(body, parameter: parameter) {
            let strings = stringListGetter(list)
            return { i, f, visit throws(EvaluationInterrupt) in
                guard let items = try strings(i, f) else { return }
                for item in items where try !visit(test(item, f)) { return }
            }
        }
        let (inner, slot) = binding(parameter)
        let predicate = inner.compileBool(body)
        let values = compileValue(list)
        return { i, f, visit throws(EvaluationInterrupt) in
            while f.locals.count <= slot { f.locals.append(.null) }
            switch try values(i, f) {
            case let .strings(items):
                for item in items {
                    f.locals[slot] = .string(item)
                    if !visit(try predicate(i, f)) { return }
                }
            case let .ints(items):
                for item in items {
                    f.locals[slot] = .int(item)
                    if !visit(try predicate(i, f)) { return }
                }
            case let .list(items):
                for item in items {
                    f.locals[slot] = item
                    if !visit(try predicate(i, f)) { return }
                }
            default:
                return
            }
        }
    }

    private func compileQuantifier(_ function: Function, _ list: CheckedExpression, _ lambda: CheckedExpression) -> Predicate {
        let iterate = compileIteration(list, lambda)
        switch function {
        case .any:
            return { i, f throws(EvaluationInterrupt) in
                var found = false
                try iterate(i, f) { holds in found = holds; return !holds }
                return found
            }
        case .all:
            return { i, f throws(EvaluationInterrupt) in
                var result = true
                try iterate(i, f) { holds in result = holds; return holds }
                return result
            }
        default:
            return { i, f throws(EvaluationInterrupt) in
                var result = true
                try iterate(i, f) { holds in result = !holds; return !holds }
                return result
            }
        }
    }

    private func compileCount(_ list: CheckedExpression, _ lambda: CheckedExpression) -> @Sendable (UnsafePointer<Issue>, EvaluationFrame) throws(EvaluationInterrupt) -> Int {
        let iterate = compileIteration(list, lambda)
        return { i, f throws(EvaluationInterrupt) in
            var count = 0
            try iterate(i, f) { holds in
                if holds { count += 1 }
                return true
            }
            return count
        }
    }
}
