/// One node of an explained condition: its source, its value on the issue, and its parts.
public struct ExplainedNode: Hashable, Sendable {
    public var source: String
    /// The node's value; nil when it could not be evaluated (e.g. lazy data unavailable).
    public var value: Value?
    /// Why `value` is nil.
    public var error: String?
    public var children: [ExplainedNode]

    /// ✓ for true, ✗ for false, `null`, or the value itself for non-booleans.
    public var mark: String {
        guard let value else { return "error" }
        switch value {
        case .bool(true): return "✓"
        case .bool(false): return "✗"
        case .null: return "null"
        default: return value.description
        }
    }

    /// Indented tree text, one node per line: `✓ state == "open"`.
    public func render(indent: String = "") -> String {
        var line = "\(indent)\(mark) \(source)"
        if let error { line += "  (\(error))" }
        return ([line] + children.map { $0.render(indent: indent + "  ") }).joined(separator: "\n")
    }
}

/// Evaluates every node of a condition on one issue, for `triage explain` and failing rule tests.
///
/// Each node is compiled and evaluated on its own with the same compiler the engine uses, so the
/// explanation cannot disagree with the real evaluation. Lambda bodies are shown as a whole (their
/// parameter has a value per element, not one value).
public enum ConditionExplainer {
    public static func explain(_ expression: CheckedExpression, in frame: EvaluationFrame, loader: some IssueDataLoader) async -> ExplainedNode {
        var node = ExplainedNode(source: expression.sourceText, value: nil, error: nil, children: [])
        do {
            node.value = try await Compiler.evaluateValue(expression, in: frame, loader: loader)
        } catch {
            node.error = "\(error)"
        }
        for child in explainableChildren(of: expression) {
            node.children.append(await explain(child, in: frame, loader: loader))
        }
        return node
    }

    /// Children worth a line: operands of logic and comparisons, arguments of calls; not literals,
    /// not the inside of lambdas, not a plain field (its value is on the parent's line).
    private static func explainableChildren(of expression: CheckedExpression) -> [CheckedExpression] {
        switch expression.node {
        case .logical, .not:
            return expression.children
        case let .macro(_, body):
            return [body]
        case .binary, .match, .call, .member, .negate:
            return expression.children.filter { child in
                switch child.node {
                case .literal, .lambda, .listConstant: false
                default: true
                }
            }
        default:
            return []
        }
    }
}
