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

    public init(file: String, start: LineColumn, end: LineColumn, severity: Severity, code: String, message: String,
                suggestion: String? = nil, lineText: String = "", rule: String? = nil) {
        self.file = file
        self.start = start
        self.end = end
        self.severity = severity
        self.code = code
        self.message = message
        self.suggestion = suggestion
        self.lineText = lineText
        self.rule = rule
    }

    public var location: SourceLocation { SourceLocation(file: file, line: start.line, column: start.column) }
}

/// The stable codes of rule-file errors (the language's own codes are `DiagnosticCode`).
public enum RuleFileCode: String, CaseIterable, Sendable {
    case unreadableFile = "unreadable-file"
    case emptyFile = "empty-file"
    case yamlSyntax = "yaml-syntax"
    case unknownKey = "unknown-key"
    case missingKey = "missing-key"
    case wrongType = "wrong-type"
    case invalidVersion = "invalid-version"
    case invalidName = "invalid-name"
    case duplicateRule = "duplicate-rule"
    case invalidSeverity = "invalid-severity"
    case invalidAction = "invalid-action"
    case invalidTemplate = "invalid-template"
    case invalidTest = "invalid-test"
    case invalidTimestamp = "invalid-timestamp"
    case mixedList = "mixed-list"
    case reservedName = "reserved-name"
    case unknownLintCode = "unknown-lint-code"
    case testNeedsNow = "test-needs-now"

    public var summary: String {
        switch self {
        case .unreadableFile: "The rule file cannot be read, or is not UTF-8 text."
        case .emptyFile: "The rule file holds no rules."
        case .yamlSyntax: "The file is not valid YAML."
        case .unknownKey: "A key the rule file format does not have."
        case .missingKey: "A required key is missing."
        case .wrongType: "A value of the wrong YAML type (e.g. a list where text is expected)."
        case .invalidVersion: "A version other than 1."
        case .invalidName: "A rule, macro or list name that is not lowercase-kebab (rules) or an identifier (macros, lists)."
        case .duplicateRule: "Two rules with one name, in one file or across files."
        case .invalidSeverity: "A severity other than info, warning or error."
        case .invalidAction: "A malformed action."
        case .invalidTemplate: "A comment template naming an unknown field, or with an unclosed placeholder."
        case .invalidTest: "A malformed rule test."
        case .invalidTimestamp: "A date or time that is not RFC 3339."
        case .mixedList: "A list mixing strings and integers."
        case .reservedName: "A macro or list named like a field, function or keyword."
        case .unknownLintCode: "A lint suppression naming a code that does not exist."
        case .testNeedsNow: "A test of a rule that depends on the current time (age, idle, now, label_age) without `now:`."
        }
    }
}
