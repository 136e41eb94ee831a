/// The one registry of diagnostic codes: every code the language, the rule-file format and the lint
/// checks report, with its domain, default severity and one-line summary. `triage lint`'s accepted
/// suppressions, SARIF `rules` metadata and the JSON Schema's code list all enumerate it.
///
/// Codes are kebab-case words rather than numbers so that a suppression (`lint: {ignore: [...]}`) and
/// a CI log both read on their own. They never change once released. The order is the order
/// suggestions are searched in; add new codes at the end of their domain.
public enum DiagnosticCode: String, Hashable, Sendable, CaseIterable, Codable {
    // Expressions: lexical and syntax errors.
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
    // Expressions: name resolution and typing.
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
    /// Also reported by the rule-file layer, for a `lists:` entry mixing strings and integers.
    case mixedList = "mixed-list"
    /// Also reported by the rule-file layer, for a macro or list definition.
    case reservedName = "reserved-name"
    // The rule-file format.
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
    case unknownLintCode = "unknown-lint-code"
    case testNeedsNow = "test-needs-now"
    // Lint checks, in the order their findings are listed.
    case unusedDefinition = "unused-definition"
    case constantCondition = "constant-condition"
    case duplicateConjunct = "duplicate-conjunct"
    case catastrophicRegex = "catastrophic-regex"
    case unguardedLazyField = "unguarded-lazy-field"
    case untestedRule = "untested-rule"
    case flipFlop = "flip-flop"

    /// Which layer reports the code.
    public var domain: DiagnosticDomain {
        switch self {
        case .unexpectedCharacter, .unterminatedString, .invalidEscape, .invalidNumber, .invalidDuration, .invalidTime, .notAnOperator,
             .unexpectedToken, .unclosedDelimiter, .chainedComparison, .nestingTooDeep, .emptyExpression, .unknownName, .unknownFunction,
             .unknownMember, .typeMismatch, .wrongArity, .misplacedLambda, .invalidRegex, .patternNotLiteral, .nonBooleanCondition,
             .macroCycle, .mixedList, .reservedName:
            .expression
        case .unreadableFile, .emptyFile, .yamlSyntax, .unknownKey, .missingKey, .wrongType, .invalidVersion, .invalidName, .duplicateRule,
             .invalidSeverity, .invalidAction, .invalidTemplate, .invalidTest, .invalidTimestamp, .unknownLintCode, .testNeedsNow:
            .ruleFile
        case .unusedDefinition, .constantCondition, .duplicateConjunct, .catastrophicRegex, .unguardedLazyField, .untestedRule, .flipFlop:
            .lint
        }
    }

    /// The severity a finding with this code has unless a caller decides otherwise: errors for the
    /// language and the format (the rule cannot load), warnings and notes for lint.
    public var defaultSeverity: Severity {
        switch self {
        case .untestedRule: .info
        case .unusedDefinition, .constantCondition, .duplicateConjunct, .catastrophicRegex, .unguardedLazyField, .flipFlop: .warning
        default: .error
        }
    }

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
        case .unknownLintCode: "A lint suppression naming a code that does not exist."
        case .testNeedsNow: "A test of a rule that depends on the current time (age, idle, now, label_age) without `now:`."
        case .unusedDefinition: "A macro or list that no rule uses."
        case .constantCondition: "A condition that is constant or contradicts itself, so the rule never (or always) matches."
        case .duplicateConjunct: "The same condition appears twice in one `and`."
        case .catastrophicRegex: "A regex with nested quantifiers, prone to catastrophic backtracking on hostile input."
        case .unguardedLazyField: "A lazy field (one API call per issue) with no cheap condition that filters issues first."
        case .untestedRule: "A rule with actions but no tests."
        case .flipFlop: "Two rules whose writes undo each other run after run: one rule's condition can hold right after the other's opposite write."
        }
    }
}
