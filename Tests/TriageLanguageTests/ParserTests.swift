import Testing
import TriageLanguage

struct ParserTests {
    func parse(_ source: String) throws -> Expression {
        try Parser.parse(source).get()
    }

    /// Precedence shows in where the printer must put parentheses.
    @Test(arguments: [
        ("a or b and c", "a or b and c"),
        ("(a or b) and c", "(a or b) and c"),
        ("not a and b", "not a and b"),
        ("not (a and b)", "not (a and b)"),
        ("not a == b", "not a == b"),
        ("(not a) == b", "(not a) == b"),
        ("a + b - c == d", "a + b - c == d"),
        ("a - (b - c) == d", "a - (b - c) == d"),
        ("-a.author", "-a.author"),
        ("x not in [1, 2,]", "x not in [1, 2]"),
        ("f(x,y)", "f(x, y)"),
        ("any(labels, l => l == \"a\" or l == \"b\")", "any(labels, l => l == \"a\" or l == \"b\")"),
        ("((((draft))))", "draft"),
        ("a == (b == c)", "a == (b == c)"),
        ("1d12h == 36h", "1d12h == 1d12h"),
        ("2024-01-31 < 2024-01-31T12:30:00Z", "2024-01-31 < 2024-01-31T12:30:00Z"),
        ("t == 2024-01-31T12:00:00.250+01:00", "t == 2024-01-31T11:00:00.250Z"),
        ("s == \"a\\\"b\\\\c\\n\\t\\u{1F600}\"", "s == \"a\\\"b\\\\c\\n\\t😀\""),
        ("- - 3 == 3", "- -3 == 3"),
    ])
    func printsCanonically(_ source: String, _ expected: String) throws {
        #expect(ExpressionPrinter.print(try parse(source)) == expected)
    }

    @Test func notInIsOneOperator() throws {
        let tree = try parse("x not in list")
        guard case .binary(.notIn, _, _) = tree.kind else { Issue.record("expected not in, got \(tree)"); return }
        let negated = try parse("not x in list")
        guard case .unary(.not, let inner) = negated.kind, case .binary(.in, _, _) = inner.kind else {
            Issue.record("expected not (x in list), got \(negated)")
            return
        }
    }

    @Test func rangesCoverTheirSource() throws {
        let source = #"state == "open" and age > 7d"#
        let tree = try parse(source)
        #expect(tree.range == SourceRange(start: 0, end: source.utf8.count))
        guard case let .logical(.and, operands) = tree.kind, operands.count == 2 else { Issue.record("not an and"); return }
        #expect(operands[0].range == SourceRange(start: 0, end: 15))
        #expect(operands[1].range == SourceRange(start: 20, end: 28))
    }

    @Test func nestingIsCappedWithoutCrashing() throws {
        let depth = 100_000
        for (open, close) in [("(", ")"), ("[", "]"), ("len(", ")")] {
            let source = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
            let diagnostics = try #require(Parser.parse(source).failureDiagnostics)
            #expect(diagnostics.map(\.code) == [.nestingTooDeep])
        }
        let nots = String(repeating: "not ", count: depth) + "draft"
        #expect(Parser.parse(nots).failureDiagnostics?.map(\.code) == [.nestingTooDeep])
        let minus = String(repeating: "-", count: depth) + "1 == 1"
        #expect(Parser.parse(minus).failureDiagnostics?.map(\.code) == [.nestingTooDeep])
        // Just under the cap parses.
        let plus = "1" + String(repeating: " + 1", count: 300) + " == 301"
        #expect(Parser.parse(plus).failureDiagnostics?.map(\.code) == [.nestingTooDeep])
        let fine = String(repeating: "(", count: 250) + "draft" + String(repeating: ")", count: 250)
        #expect((try? parse(fine)) != nil)
    }

    /// A 1 MB expression parses (in linear time: this takes milliseconds; a quadratic parser would take minutes).
    @Test func megabyteExpressionParses() throws {
        var source = "number == 0"
        var n = 1
        while source.utf8.count < 1_000_000 {
            source += " or number == \(n) and \"label\(n)\" in labels"
            n += 1
        }
        let tree = try parse(source)
        guard case let .logical(.or, operands) = tree.kind else { Issue.record("expected an or chain"); return }
        #expect(operands.count == n)
        let (compiled, diagnostics) = { () -> (CompiledCondition?, [Diagnostic]) in
            var checker = TypeChecker()
            return ConditionCompiler.compile(source, checker: &checker)
        }()
        #expect(diagnostics.isEmpty)
        #expect(compiled != nil)
    }

    @Test func lexesEveryLiteral() {
        let (tokens, diagnostics) = Lexer.tokenize(#"42 "s" true false null 90m 12h 7d 2w 1d12h 30s 2024-01-31 2024-01-31T12:00:00Z x_1"#)
        #expect(diagnostics.isEmpty)
        #expect(tokens.map(\.kind) == [
            .int(42), .string("s"), .true, .false, .null, .duration(.minutes(90)), .duration(.hours(12)), .duration(.days(7)),
            .duration(.days(14)), .duration(.hours(36)), .duration(.seconds(30)),
            .time(Timestamp(year: 2024, month: 1, day: 31)!, dateOnly: true),
            .time(Timestamp(year: 2024, month: 1, day: 31, hour: 12)!, dateOnly: false), .identifier("x_1"), .endOfInput,
        ])
    }

    @Test func dateLookalikesStayArithmetic() {
        let (tokens, _) = Lexer.tokenize("2024-1 12024-01-01")
        #expect(tokens.first?.kind == .int(2024))
        #expect(tokens.dropFirst().first?.kind == .minus)
    }

    @Test func integerOverflowIsAnError() {
        #expect(Parser.parse("number == 99999999999999999999").failureDiagnostics?.map(\.code) == [.invalidNumber])
    }
}

extension Result where Failure == DiagnosticList {
    var failureDiagnostics: [Diagnostic]? {
        if case let .failure(list) = self { return list.diagnostics }
        return nil
    }
}
