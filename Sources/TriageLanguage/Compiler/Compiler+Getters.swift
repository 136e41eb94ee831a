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
        if case let .field(field) = expression.node {
            switch field {
            case .number: return { i, f in Int64(i.pointee.number) }
            case .comments: return { i, f in Int64(i.pointee.comments) }
            case .reactions: return { i, f in Int64(i.pointee.reactions) }
            case .upvotes: return { i, f in Int64(i.pointee.upvotes) }
            case .created: return { i, f in i.pointee.created.millisecondsSinceEpoch }
            case .updated: return { i, f in i.pointee.updated.millisecondsSinceEpoch }
            case .closed: return { i, f in i.pointee.closed?.millisecondsSinceEpoch }
            case .age: return { i, f in f.now.millisecondsSinceEpoch &- i.pointee.created.millisecondsSinceEpoch }
            case .idle: return { i, f in f.now.millisecondsSinceEpoch &- i.pointee.updated.millisecondsSinceEpoch }
            default: break
            }
        }
        if case .now = expression.node { return { i, f in f.now.millisecondsSinceEpoch } }
        let value = compileValue(expression)
        return { i, f throws(EvaluationInterrupt) in Compiler.number(of: try value(i, f)) }
    }

    func stringGetter(_ expression: CheckedExpression) -> StringGetter {
        if let value = Compiler.constant(expression) {
            let string: String? = if case let .string(s) = value { s } else { nil }
            return { _, _ in string }
        }
        if case let .field(field) = expression.node {
            switch field {
            case .title: return { i, f in i.pointee.title }
            case .body: return { i, f in i.pointee.body }
            case .state: return { i, f in i.pointee.state }
            case .kind: return { i, f in i.pointee.kind }
            case .author: return { i, f in i.pointee.author }
            case .authorAssociation: return { i, f in i.pointee.authorAssociation }
            case .milestone: return { i, f in i.pointee.milestone }
            case .url: return { i, f in i.pointee.url }
            case .repo: return { i, f in i.pointee.repo }
            default: break
            }
        }
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
        switch expression.node {
        case .field(.labels): return { i, f in i.pointee.labels }
        case .field(.assignees): return { i, f in i.pointee.assignees }
        case .lazyField(.commenters): return { i, f throws(EvaluationInterrupt) in Compiler.commenters(try f.loadedComments(i)) }
        default: break
        }
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
