/// The front end in one call: parse, check and compile a condition's source text.
public enum ConditionCompiler {
    /// Compiles `source` against `checker`'s environment; diagnostics refer to offsets in `source`.
    public static func compile(_ source: String, checker: inout TypeChecker) -> (CompiledCondition?, [Diagnostic]) {
        switch Parser.parse(source) {
        case let .failure(list):
            return (nil, list.diagnostics)
        case let .success(expression):
            let (checked, diagnostics) = checker.checkCondition(expression)
            return (checked.map(CompiledCondition.init), diagnostics)
        }
    }

    /// A condition made of several parts that must all hold (a `when:` list): compiled as one `and`
    /// so the parts are ordered cheapest first too.
    public static func combine(_ parts: [CheckedExpression]) -> CompiledCondition {
        precondition(!parts.isEmpty, "a condition needs at least one part")
        let combined = parts.dropFirst().reduce(parts[0]) { left, right in
            CheckedExpression(.binary(.and, left, right), type: .bool, range: left.range.union(right.range),
                              usesLazyData: left.usesLazyData || right.usesLazyData, cost: left.cost + right.cost + 1)
        }
        return CompiledCondition(combined)
    }
}
