/// Why `ApplyRun` would not plan or write. The first three are usage problems (exit 2 in the CLI):
/// nothing was read or written.
public enum ApplyRunError: Error, Hashable, Sendable, CustomStringConvertible {
    case noActionRules
    case notWritable(source: String, writableProviders: [String])
    case unsupportedAction(rule: String, action: String, source: String)
    /// Rules could not be evaluated on this many issues; nothing was written.
    case evaluationFailed(Int)

    /// Whether the rules or the source do not fit `apply`, rather than the run failing.
    public var isUsageProblem: Bool {
        if case .evaluationFailed = self { false } else { true }
    }

    public var description: String {
        switch self {
        case .noActionRules:
            "none of the selected rules has actions"
        case let .notWritable(source, writable):
            "\(source) cannot be written to; apply --yes needs a source that supports writes"
                + (writable.isEmpty ? "" : " (\(writable.joined(separator: ", ")))") + ". Without --yes, apply prints the plan."
        case let .unsupportedAction(rule, action, source):
            "rule `\(rule)` uses `\(action)`, which \(source) cannot perform"
        case let .evaluationFailed(count):
            "\(count) rule evaluation\(count == 1 ? "" : "s") failed; nothing was written"
        }
    }
}
