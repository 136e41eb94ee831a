public import TriageLanguage

extension CheckedExpression {
    /// Whether the value depends on the evaluation instant (`now`, `age`, `idle`, `label_age`), so
    /// that a test of it is only reproducible with a fixed `now`.
    public var dependsOnNow: Bool {
        switch node {
        case .now, .field(.age), .field(.idle), .call(.labelAge, _): true
        default: children.contains { $0.dependsOnNow }
        }
    }
}
