public import TriageLanguage

/// A finding in a rule file: a code, a severity, a message, an optional suggestion, and a range of
/// file positions (1-based lines, columns in Unicode scalars; `end` is exclusive).
public struct FileDiagnostic: Hashable, Sendable {
    public var file: String
    public var start: LineColumn
    public var end: LineColumn
    public var severity: Severity
    public var code: String
    public var message: String
    public var suggestion: String?
    /// The text of `start.line`, for the caret snippet.
    public var lineText: String
    /// The rule the finding belongs to, when it belongs to one (for per-rule suppression).
    public var rule: String?
    /// Other places the finding points at (`note:` lines in text), in the order they are shown.
    public var related: [RelatedLocation]

    public init(file: String, start: LineColumn, end: LineColumn, severity: Severity, code: String, message: String,
                suggestion: String? = nil, lineText: String = "", rule: String? = nil, related: [RelatedLocation] = []) {
        self.file = file
        self.start = start
        self.end = end
        self.severity = severity
        self.code = code
        self.message = message
        self.suggestion = suggestion
        self.lineText = lineText
        self.rule = rule
        self.related = related
    }

    public var location: SourceLocation { SourceLocation(file: file, line: start.line, column: start.column) }
}
