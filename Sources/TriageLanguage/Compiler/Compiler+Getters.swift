/// Typed, unboxed access to ints, durations, times (all as `Int64` milliseconds or integers) and
/// strings, with direct closures for issue fields and constants.
extension Compiler {
    /// The literal value of a constant node, if it is one.
    static func constant(_ expression: CheckedExpression) -> Value? {
        switch expression.node {
        case let .literal(value), let .listConstant(_, value): value
        default: nil
        }
    }

    static func number(of value: Value) -> Int64? {
        switch value {
        case let .int(x): Int64(x)
        case let .duration(x): x.milliseconds
        case let .time(x): x.millisecondsSinceEpoch
        default: nil
        }
    }

    func numberGetter(_ expression: CheckedExpression) -> NumberGetter {
        if let value = Compiler.constant(expression) {
            let number = Compiler.number(of: value)
            return { _, _ in number }
        }
        if case let .field(field) = expression.node, let getter = Compiler.fieldNumber(field) { return getter }
        if case .now = expression.node { return { i, f in f.now.millisecondsSinceEpoch } }
        let value = compileValue(expression)
        return { i, f throws(EvaluationInterrupt) in Compiler.number(of: try value(i, f)) }
    }

    func stringGetter(_ expression: CheckedExpression) -> StringGetter {
        if let value = Compiler.constant(expression) {
            let string: String? = if case let .string(s) = value { s } else { nil }
            return { _, _ in string }
        }
        if case let .field(field) = expression.node, let getter = Compiler.fieldString(field) { return getter }
        let value = compileValue(expression)
        return { i, f throws(EvaluationInterrupt) in
            if case let .string(s) = try value(i, f) { return s }
            return nil
        }
    }

    func stringListGetter(_ expression: CheckedExpression) -> StringListGetter {
        if let value = Compiler.constant(expression), case let .strings(list) = value {
            return { _, _ in list }
        }
        if case let .field(field) = expression.node, let getter = Compiler.fieldStrings(field) { return getter }
        let value = compileValue(expression)
        return { i, f throws(EvaluationInterrupt) in
            switch try value(i, f) {
            case let .strings(list): list
            case let .list(values): values.compactMap { if case let .string(s) = $0 { s } else { nil } }
            default: nil
            }
        }
    }
}
