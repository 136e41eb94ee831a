typealias StringPredicate = @Sendable (String, EvaluationFrame) throws(EvaluationInterrupt) -> Bool

/// Lambda bodies that only test their string parameter (`l => l ~ "^triage/"`,
/// `l => starts_with(l, "area/")`, `l => l in team`) compile to predicates on the string itself, so
/// `any(labels, …)` loops over the labels without binding a parameter slot per element (measured
/// ~2x cheaper on typical label rules).
extension Compiler {
    /// A predicate on the parameter's value, or nil when the body needs the general path.
    func stringPredicate(_ body: CheckedExpression, parameter: String) -> StringPredicate? {
        func isParameter(_ expression: CheckedExpression) -> Bool {
            if case .local(parameter) = expression.node { return true }
            return false
        }
        func literalString(_ expression: CheckedExpression) -> String? {
            if case let .literal(.string(text)) = expression.node { return text }
            return nil
        }
        switch body.node {
        case let .match(subject, matcher, negated) where isParameter(subject):
            return { s, f throws(EvaluationInterrupt) in try matcher.matches(s, in: f) != negated }
        case let .call(function, arguments) where arguments.count == 2 && isParameter(arguments[0]):
            guard let text = literalString(arguments[1]) else { return nil }
            switch function {
            case .startsWith: return { s, _ in UTF8Search.hasPrefix(s, text) }
            case .endsWith: return { s, _ in UTF8Search.hasSuffix(s, text) }
            case .contains: return { s, _ in UTF8Search.contains(s, text) }
            case .glob: return { s, _ in UTF8Search.glob(s, text) }
            default: return nil
            }
        case let .binary(op, left, right) where op == .equal || op == .notEqual:
            let text: String
            if isParameter(left), let literal = literalString(right) {
                text = literal
            } else if isParameter(right), let literal = literalString(left) {
                text = literal
            } else {
                return nil
            }
            let expected = op == .equal
            return { s, _ in UTF8Search.equal(s, text) == expected }
        case let .binary(op, left, right) where (op == .in || op == .notIn) && isParameter(left):
            guard case let .strings(items)? = Compiler.constant(right) else { return nil }
            let negated = op == .notIn
            // A Set compares by canonical equivalence, which only equals the language's scalar
            // comparison when the members are ASCII.
            if items.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                let set = Set(items)
                return { s, _ in
                    let found = s.utf8.allSatisfy { $0 < 0x80 } ? set.contains(s) : items.contains { UTF8Search.equal($0, s) }
                    return found != negated
                }
            }
            return { s, _ in items.contains { UTF8Search.equal($0, s) } != negated }
        case let .not(operand):
            guard let inner = stringPredicate(operand, parameter: parameter) else { return nil }
            return { s, f throws(EvaluationInterrupt) in try !inner(s, f) }
        case let .logical(op, operands):
            let parts = operands.compactMap { stringPredicate($0, parameter: parameter) }
            guard parts.count == operands.count else { return nil }
            if op == .and {
                return { s, f throws(EvaluationInterrupt) in
                    for part in parts where try !part(s, f) { return false }
                    return true
                }
            }
            return { s, f throws(EvaluationInterrupt) in
                for part in parts where try part(s, f) { return true }
                return false
            }
        default:
            return nil
        }
    }
}
