import Testing
import TriageLanguage
import TriageTestSupport

/// Every diagnostic points at the right place: the marker 1️⃣ stands where the range starts and 2️⃣
/// (when given) where it ends.
struct DiagnosticTests {
    struct Case: CustomStringConvertible, Sendable {
        var marked: String
        var code: DiagnosticCode
        var message: String
        var suggestion: String? = nil
        var environment: [String: String] = [:]
        var description: String { marked }
    }

    static let cases: [Case] = [
        Case(marked: #"state == "open" and 1️⃣labls2️⃣ == []"#, code: .unknownName, message: "unknown name `labls`; did you mean `labels`?", suggestion: "labels"),
        Case(marked: #"1️⃣stat2️⃣ == "open""#, code: .unknownName, message: "unknown name `stat`; did you mean `state`?", suggestion: "state"),
        Case(marked: "1️⃣age > 302️⃣", code: .typeMismatch,
             message: "cannot compare duration with int using `>`; durations have units: write `30d` (or m, h, w)", suggestion: "30d"),
        Case(marked: #"title ~ 1️⃣"(unclosed"2️⃣"#, code: .invalidRegex, message: "invalid regular expression: `(` is not closed"),
        Case(marked: #"1️⃣starts_with(title)2️⃣"#, code: .wrongArity,
             message: "`starts_with` takes 2 arguments but got 1: starts_with(string, prefix) -> bool"),
        Case(marked: #"state == "open" 1️⃣&&2️⃣ draft"#, code: .notAnOperator, message: "`&&` is not an operator; write `and`", suggestion: "and"),
        Case(marked: #"draft 1️⃣||2️⃣ locked"#, code: .notAnOperator, message: "`||` is not an operator; write `or`", suggestion: "or"),
        Case(marked: #"1️⃣!2️⃣draft"#, code: .notAnOperator, message: "`!` is not an operator; write `not`", suggestion: "not"),
        Case(marked: #"state 1️⃣=2️⃣ "open""#, code: .notAnOperator, message: "`=` is not an operator; compare with `==`", suggestion: "=="),
        Case(marked: "age > 1️⃣6mo2️⃣", code: .invalidDuration, message: "durations have no months: write days instead", suggestion: "180d"),
        Case(marked: "age > 1️⃣2y2️⃣", code: .invalidDuration, message: "durations have no years: write days instead", suggestion: "730d"),
        Case(marked: "age > 31️⃣days2️⃣", code: .invalidDuration, message: "unknown duration unit `days`; units are s, m, h, d and w", suggestion: "3d"),
        Case(marked: #"1️⃣(2️⃣state == "open" and draft"#, code: .unclosedDelimiter, message: "`(` is not closed", suggestion: "add `)`"),
        Case(marked: #"1️⃣[2️⃣"a", "b""#, code: .unclosedDelimiter, message: "`[` is not closed", suggestion: "add `]`"),
        Case(marked: #"draft1️⃣)2️⃣"#, code: .unexpectedToken, message: "`)` has no opening partner"),
        Case(marked: "1️⃣comments + 12️⃣", code: .nonBooleanCondition, message: "a condition must be bool, but this is int",
             suggestion: "compare it, e.g. `… > 0`"),
        Case(marked: "1️⃣labels2️⃣", code: .nonBooleanCondition, message: "a condition must be bool, but this is list<string>",
             suggestion: "test the list, e.g. `len(…) > 0` or `\"name\" in …`"),
        Case(marked: "comments > 1 1️⃣<2️⃣ 5", code: .chainedComparison,
             message: "comparison operators cannot be chained: `>` already compares two values",
             suggestion: "compare twice and join with `and`, as in `a > b and b < c`"),
        Case(marked: #"1️⃣strats_with2️⃣(title, "x")"#, code: .unknownFunction, message: "unknown function `strats_with`; did you mean `starts_with`?",
             suggestion: "starts_with"),
        Case(marked: #"last_comment.1️⃣athor2️⃣ == "x""#, code: .unknownMember, message: "a comment has no member `athor`; did you mean `author`?",
             suggestion: "author"),
        Case(marked: #"1️⃣title2️⃣.author == "x""#, code: .typeMismatch, message: "`.author` needs a comment or a pull, but this is string"),
        Case(marked: #"1️⃣title2️⃣.number == 1"#, code: .typeMismatch, message: "`.number` needs a pull, but this is string"),
        Case(marked: #"1️⃣linked_prs2️⃣.state == "open""#, code: .typeMismatch, message: "`.state` needs a pull, but this is list<pull>",
             suggestion: "any(…, x => x.state …)"),
        Case(marked: #"any(linked_prs, p => p.1️⃣sate2️⃣ == "open")"#, code: .unknownMember,
             message: "a pull has no member `sate`; did you mean `state`?", suggestion: "state"),
        Case(marked: #"title ~ 1️⃣pattern2️⃣"#, code: .patternNotLiteral,
             message: "the pattern of `~` must be a string literal, so it is compiled once", environment: ["pattern": "\"x\""]),
        Case(marked: #"1️⃣labels2️⃣ ~ "bug""#, code: .typeMismatch, message: "`~` matches strings, but this is list<string>",
             suggestion: "any(…, x => x ~ …)"),
        Case(marked: "1️⃣created > 30d2️⃣", code: .typeMismatch,
             message: "cannot compare time with duration using `>`; a time is compared with a time; for how long ago, compare `age` with the duration",
             suggestion: "age"),
        Case(marked: #"1️⃣created < "2024-01-01"2️⃣"#, code: .typeMismatch,
             message: "cannot compare time with string using `<`; write the time without quotes: `2024-01-01`", suggestion: "2024-01-01"),
        Case(marked: #"title == 1️⃣'x'2️⃣"#, code: .unexpectedCharacter, message: "strings are written in double quotes", suggestion: "\"x\""),
        Case(marked: #"title ~ "1️⃣\[2️⃣bug""#, code: .invalidEscape,
             message: #"unknown escape `\[` (escapes are \" \\ \n \t \r \u{…}); in a regex, double the backslash"#, suggestion: #"\\["#),
        Case(marked: #"title == 1️⃣"open2️⃣"#, code: .unterminatedString, message: "string literal is not closed", suggestion: "add a closing `\"`"),
        Case(marked: "1️⃣2️⃣", code: .emptyExpression, message: "the condition is empty"),
        Case(marked: "created < 1️⃣2024-02-30", code: .invalidTime, message: "not a valid date or time"),
        Case(marked: #"any(labels, 1️⃣"bug"2️⃣)"#, code: .typeMismatch, message: "argument 2 of `any` must be a lambda such as `x => x == \"bug\"`: any(list, x => bool) -> bool"),
        Case(marked: #"len(1️⃣x => x2️⃣)"#, code: .misplacedLambda, message: "`len` takes no lambda: len(list | string) -> int"),
        Case(marked: #"[1, 1️⃣"a"2️⃣] == []"#, code: .mixedList, message: "list elements must all have one type: this is string, the first was int"),
        Case(marked: "any(labels, l => 1️⃣len(l)2️⃣)", code: .typeMismatch, message: "the lambda of `any` must give a bool, but gives int",
             suggestion: "compare it, e.g. `… > 0`"),
        Case(marked: "1️⃣\"a\" + 12️⃣ == \"a1\"", code: .typeMismatch, message: "cannot apply `+` to string and int",
             suggestion: "`+` joins two strings or adds two numbers, never one of each"),
        Case(marked: "1️⃣len2️⃣ > 3", code: .unknownName, message: "`len` is a function; call it as `len(list | string) -> int`", suggestion: "len(…)"),
        Case(marked: "draft and 1️⃣not in2️⃣ labels", code: .unexpectedToken, message: "`not in` needs a value on its left, as in `x not in list`"),
    ]

    @Test(arguments: cases)
    func reportsAtMarker(_ testCase: Case) throws {
        let marked = extractMarkers(testCase.marked)
        let env = environment(macros: testCase.environment)
        let diagnostics = diagnose(marked.source, environment: env)
        let first = try #require(diagnostics.first, "no diagnostic for \(marked.source)")
        #expect(diagnostics.count == 1, "\(diagnostics)")
        #expect(first.code == testCase.code)
        #expect(first.message == testCase.message)
        #expect(first.suggestion == testCase.suggestion)
        #expect(first.severity == .error)
        #expect(first.range.start == marked["1️⃣"], "range \(first.range) in \(marked.source)")
        if let end = marked.markers["2️⃣"] {
            #expect(first.range.end == end, "range \(first.range) in \(marked.source)")
        }
    }

    @Test func macroCycleIsReportedInTheMacroThatClosesIt() {
        let env = environment(macros: ["a": "b and draft", "b": "not a"])
        var checker = TypeChecker(environment: env)
        let (compiled, conditionDiagnostics) = ConditionCompiler.compile("a", checker: &checker)
        #expect(compiled == nil)
        #expect(conditionDiagnostics.isEmpty, "the cycle is reported once, in the macro")
        let inB = checker.diagnostics(ofMacro: "b")
        let marked = extractMarkers("not 1️⃣a2️⃣")
        #expect(inB.map(\.code) == [.macroCycle])
        #expect(inB.first?.message == "macro `a` refers to itself: `a` → `b` → `a`")
        #expect(inB.first?.range == SourceRange(start: marked["1️⃣"], end: marked["2️⃣"]))
        #expect(checker.diagnostics(ofMacro: "a").isEmpty)
    }

    @Test func selfReferentialMacro() {
        var checker = TypeChecker(environment: environment(macros: ["loop": "loop or draft"]))
        #expect(checker.diagnostics(ofMacro: "loop").map(\.message) == ["macro `loop` refers to itself: `loop` → `loop`"])
    }

    @Test func macroErrorsStayInTheMacro() {
        var checker = TypeChecker(environment: environment(macros: ["bad": "labls == []"]))
        let (compiled, diagnostics) = ConditionCompiler.compile("bad and draft", checker: &checker)
        #expect(compiled == nil)
        #expect(diagnostics.isEmpty)
        #expect(checker.diagnostics(ofMacro: "bad").map(\.code) == [.unknownName])
    }

    @Test func lexerReportsEveryError() {
        let diagnostics = diagnose("a && b || !c")
        #expect(diagnostics.map(\.code) == [.notAnOperator, .notAnOperator, .notAnOperator])
    }

    @Test func rendererDrawsCaretsUnderTheRange() {
        let text = SourceText("state == \"open\" and labls")
        let start = text.lineColumn(ofOffset: 20), end = text.lineColumn(ofOffset: 25)
        let rendered = DiagnosticRenderer().render(path: "rules.yaml", severity: .error, code: "unknown-name",
                                                   message: "unknown name `labls`", suggestion: "labels",
                                                   start: start, end: end, lineText: text.line(1))
        #expect(rendered == """
        rules.yaml:1:21: error[unknown-name]: unknown name `labls`
          |
        1 | state == "open" and labls
          |                     ^^^^^
          = help: labels

        """)
    }

    @Test func lineColumnCountsUnicodeScalars() {
        let text = SourceText("é == \"😀\"\n  and x")
        #expect(text.lineColumn(ofOffset: 0) == LineColumn(line: 1, column: 1))
        #expect(text.lineColumn(ofOffset: 2) == LineColumn(line: 1, column: 2))
        #expect(text.lineColumn(ofOffset: 7) == LineColumn(line: 1, column: 7))
        #expect(text.lineColumn(ofOffset: 11) == LineColumn(line: 1, column: 8))
        #expect(text.lineColumn(ofOffset: 15) == LineColumn(line: 2, column: 3))
        #expect(text.line(2) == "  and x")
    }
}
