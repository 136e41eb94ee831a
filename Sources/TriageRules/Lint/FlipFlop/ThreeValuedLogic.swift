import TriageLanguage

/// Kleene's three-valued logic over a condition, which the flip-flop check's two evaluators share
/// (`AfterWriteState` over the issue after a write, `LambdaTest` over one name): true, false, or
/// nil (unknown) for boolean literals, `not`, `and` and `or`; `leaf` decides every other node.
enum ThreeValuedLogic {
    static func truth(of expression: CheckedExpression, leaf: (CheckedExpression) -> Bool?) -> Bool? {
        let expression = expression.unwrapped
        switch expression.node {
        case let .literal(.bool(value)):
            return value
        case let .not(operand):
            return truth(of: operand, leaf: leaf).map(!)
        case let .logical(op, operands):
            let values = operands.map { truth(of: $0, leaf: leaf) }
            if op == .and {
                if values.contains(false) { return false }
                return values.allSatisfy { $0 == true } ? true : nil
            }
            if values.contains(true) { return true }
            return values.allSatisfy { $0 == false } ? false : nil
        default:
            return leaf(expression)
        }
    }
}
