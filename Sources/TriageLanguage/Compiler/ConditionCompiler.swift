/// The front end in one call: parse, check and compile a condition's source text.
public enum ConditionCompiler {
    /// Compiles `source` against `checker`'s environment; diagnostics refer to offsets in `source`.
    public static func compile(_ source: String, checker: inout TypeChecker) -> (CompiledCondition?, [Diagnostic]) {
        let (checked, diagnostics) = check(source, checker: &checker)
        return (checked.map(CompiledCondition.init), diagnostics)
    }

    /// Parses and checks `source` without compiling it, for callers that combine several checked
    /// parts into one condition and compile that once.
    public static func check(_ source: String, checker: inout TypeChecker) -> (CheckedExpression?, [Diagnostic]) {
        switch Parser.parse(source) {
        case let .failure(list):
            return (nil, list.diagnostics)
        case let .success(expression):
            return checker.checkCondition(expression)
        }
    }

    /// A condition made of several parts that must all hold (a `when:` list): compiled as one `and`
    /// so the parts are ordered cheapest first too.
    public static func combine(_ parts: [CheckedExpression]) -> CompiledCondition {
        precondition(!parts.isEmpty, "a condition needs at least one part")
        guard parts.count > 1 else { return CompiledCondition(parts[0]) }
        let combined = CheckedExpression(.logical(.and, parts), type: .bool, range: parts[0].range)
        return CompiledCondition(combined)
    }
}
