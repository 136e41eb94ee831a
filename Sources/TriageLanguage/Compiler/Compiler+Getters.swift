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
            return { _ in number }
        }
        if case let .field(field) = expression.node {
            switch field {
            case .number: return { f in Int64(f.issue.number) }
            case .comments: return { f in Int64(f.issue.comments) }
            case .reactions: return { f in Int64(f.issue.reactions) }
            case .upvotes: return { f in Int64(f.issue.upvotes) }
            case .created: return { f in f.issue.created.millisecondsSinceEpoch }
            case .updated: return { f in f.issue.updated.millisecondsSinceEpoch }
            case .closed: return { f in f.issue.closed?.millisecondsSinceEpoch }
            case .age: return { f in f.now.millisecondsSinceEpoch &- f.issue.created.millisecondsSinceEpoch }
            case .idle: return { f in f.now.millisecondsSinceEpoch &- f.issue.updated.millisecondsSinceEpoch }
            default: break
            }
        }
        if case .now = expression.node { return { f in f.now.millisecondsSinceEpoch } }
        let value = compileValue(expression)
        return { f throws(LazyDataNeeded) in Compiler.number(of: try value(f)) }
    }

    func stringGetter(_ expression: CheckedExpression) -> StringGetter {
        if let value = Compiler.constant(expression) {
            let string: String? = if case let .string(s) = value { s } else { nil }
            return { _ in string }
        }
        if case let .field(field) = expression.node {
            switch field {
            case .title: return { f in f.issue.title }
            case .body: return { f in f.issue.body }
            case .state: return { f in f.issue.state }
            case .kind: return { f in f.issue.kind }
            case .author: return { f in f.issue.author }
            case .authorAssociation: return { f in f.issue.authorAssociation }
            case .milestone: return { f in f.issue.milestone }
            case .url: return { f in f.issue.url }
            case .repo: return { f in f.issue.repo }
            default: break
            }
        }
        let value = compileValue(expression)
        return { f throws(LazyDataNeeded) in
            if case let .string(s) = try value(f) { return s }
            return nil
        }
    }

    func stringListGetter(_ expression: CheckedExpression) -> StringListGetter {
        if let value = Compiler.constant(expression), case let .strings(list) = value {
            return { _ in list }
        }
        switch expression.node {
        case .field(.labels): return { f in f.issue.labels }
        case .field(.assignees): return { f in f.issue.assignees }
        case .lazyField(.commenters): return { f throws(LazyDataNeeded) in Compiler.commenters(try f.loadedComments()) }
        default: break
        }
        let value = compileValue(expression)
        return { f throws(LazyDataNeeded) in
            switch try value(f) {
            case let .strings(list): list
            case let .list(values): values.compactMap { if case let .string(s) = $0 { s } else { nil } }
            default: nil
            }
        }
    }
}
