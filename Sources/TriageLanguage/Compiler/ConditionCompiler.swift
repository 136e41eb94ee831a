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
        guard parts.count > 1 else { return CompiledCondition(parts[0]) }
        let combined = CheckedExpression(.logical(.and, parts), type: .bool, range: parts[0].range,
                                         usesLazyData: parts.contains { $0.usesLazyData }, cost: parts.reduce(1) { $0 + $1.cost })
        return CompiledCondition(combined)
    }
}
