/// How serious a finding is. `info` and `warning` never stop a run unless `--strict` is given.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable, Codable {
    case info, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One finding about an expression: a stable code, a severity, a message, an optional suggestion,
/// and where it is, as byte offsets into the expression's own source text.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var code: DiagnosticCode
    public var severity: Severity
    public var message: String
    /// What to write instead, when there is one answer ("did you mean `labels`?").
    public var suggestion: String?
    public var range: SourceRange

    public init(_ code: DiagnosticCode, _ message: String, at range: SourceRange, suggestion: String? = nil, severity: Severity? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.suggestion = suggestion
        self.range = range
    }

    public var description: String {
        "\(severity.rawValue)[\(code.rawValue)] \(range): \(message)" + (suggestion.map { " (help: \($0))" } ?? "")
    }
}
