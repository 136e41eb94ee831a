/// The stable identifiers of everything the language front end reports.
///
/// Codes are kebab-case words rather than numbers so that a suppression (`lint: {ignore: [...]}`) and
/// a CI log both read on their own. They never change once released.
public enum DiagnosticCode: String, Hashable, Sendable, CaseIterable, Codable {
    // Lexical and syntax errors.
    case unexpectedCharacter = "unexpected-character"
    case unterminatedString = "unterminated-string"
    case invalidEscape = "invalid-escape"
    case invalidNumber = "invalid-number"
    case invalidDuration = "invalid-duration"
    case invalidTime = "invalid-time"
    case notAnOperator = "not-an-operator"
    case unexpectedToken = "unexpected-token"
    case unclosedDelimiter = "unclosed-delimiter"
    case chainedComparison = "chained-comparison"
    case nestingTooDeep = "nesting-too-deep"
    case emptyExpression = "empty-expression"
    // Name resolution and typing.
    case unknownName = "unknown-name"
    case unknownFunction = "unknown-function"
    case unknownMember = "unknown-member"
    case typeMismatch = "type-mismatch"
    case wrongArity = "wrong-arity"
    case misplacedLambda = "misplaced-lambda"
    case invalidRegex = "invalid-regex"
    case patternNotLiteral = "pattern-not-literal"
    case nonBooleanCondition = "non-boolean-condition"
    case macroCycle = "macro-cycle"
    case mixedList = "mixed-list"
    case reservedName = "reserved-name"

    /// The severity a finding with this code has unless a caller decides otherwise.
    public var defaultSeverity: Severity { .error }

    /// One line saying what the code means, for SARIF rule metadata and `--explain`-style docs.
    public var summary: String {
        switch self {
        case .unexpectedCharacter: "A character that cannot start any token."
        case .unterminatedString: "A string literal without its closing quote."
        case .invalidEscape: "An unknown escape sequence in a string literal."
        case .invalidNumber: "An integer literal that is malformed or too large."
        case .invalidDuration: "A duration with an unknown unit (only s, m, h, d and w exist)."
        case .invalidTime: "A date or time literal that is not a valid RFC 3339 instant."
        case .notAnOperator: "A symbol from other languages (&&, ||, !, =) used as an operator."
        case .unexpectedToken: "A token where the grammar does not allow it."
        case .unclosedDelimiter: "An opening parenthesis or bracket without its closing partner."
        case .chainedComparison: "Comparisons are non-associative: a < b < c needs an explicit and."
        case .nestingTooDeep: "An expression nested deeper than the parser allows."
        case .emptyExpression: "A condition with no expression in it."
        case .unknownName: "A name that is no lambda parameter, macro, list, field or now."
        case .unknownFunction: "A call of a function the language does not have."
        case .unknownMember: "A member that the value's type does not have."
        case .typeMismatch: "An operator or function applied to operands of the wrong types."
        case .wrongArity: "A function called with the wrong number of arguments."
        case .misplacedLambda: "A lambda anywhere but as the second argument of any, all, none or count."
        case .invalidRegex: "A regular expression that does not compile."
        case .patternNotLiteral: "The pattern of ~ and !~ must be a string literal, compiled once."
        case .nonBooleanCondition: "A rule condition whose type is not bool."
        case .macroCycle: "Macros that refer to each other in a cycle."
        case .mixedList: "A list whose elements do not all have one type."
        case .reservedName: "A macro or list named like a field, function or keyword."
        }
    }
}
