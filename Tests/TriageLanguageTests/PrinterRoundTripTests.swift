import Testing
import TriageTestSupport
import TriageLanguage

/// print → parse gives back the same tree, for thousands of random trees.
struct PrinterRoundTripTests {
    static let zero = SourceRange(start: 0, end: 0)

    func randomExpression(depth: Int, using rng: inout SplitMix64) -> Expression {
        func node(_ kind: ExpressionKind) -> Expression { Expression(kind, Self.zero) }
        let leafOnly = depth <= 0
        switch Int.random(in: 0..<(leafOnly ? 4 : 12), using: &rng) {
        case 0:
            let literals: [Literal] = [
                .int(Int.random(in: 0...1000, using: &rng)), .string(["", "a b", "q\"uote", "back\\slash", "tab\t", "é😀", "\u{1}"].randomElement(using: &rng)!),
                .bool(Bool.random(using: &rng)), .null, .duration(TimeSpan.seconds(Int64.random(in: 0...10_000_000, using: &rng))),
                .time(Timestamp(millisecondsSinceEpoch: Int64.random(in: 0...2_000_000_000, using: &rng) * 1000), dateOnly: false),
                .time(Timestamp(year: 2024, month: 2, day: 29)!, dateOnly: true),
            ]
            return node(.literal(literals.randomElement(using: &rng)!))
        case 1, 2, 3:
            return node(.name(["state", "labels", "x", "age", "now", "last_comment"].randomElement(using: &rng)!))
        case 4:
            let count = Int.random(in: 2...4, using: &rng)
            return node(.logical([.or, .and].randomElement(using: &rng)!, (0..<count).map { _ in randomExpression(depth: depth - 1, using: &rng) }))
        case 5:
            let ops = BinaryOperator.allCases.filter { $0.isComparison }
            return node(.binary(ops.randomElement(using: &rng)!, randomExpression(depth: depth - 1, using: &rng), randomExpression(depth: depth - 1, using: &rng)))
        case 6:
            return node(.binary([.plus, .minus].randomElement(using: &rng)!, randomExpression(depth: depth - 1, using: &rng), randomExpression(depth: depth - 1, using: &rng)))
        case 7:
            return node(.unary([.not, .negate].randomElement(using: &rng)!, randomExpression(depth: depth - 1, using: &rng)))
        case 8:
            return node(.member(randomExpression(depth: depth - 1, using: &rng), name: "author", nameRange: Self.zero))
        case 9:
            let count = Int.random(in: 0...3, using: &rng)
            return node(.list((0..<count).map { _ in randomExpression(depth: depth - 1, using: &rng) }))
        case 10:
            let lambda = node(.lambda(parameter: "l", parameterRange: Self.zero, body: randomExpression(depth: depth - 1, using: &rng)))
            return node(.call(name: "any", nameRange: Self.zero, arguments: [randomExpression(depth: depth - 1, using: &rng), lambda]))
        default:
            return node(.call(name: "len", nameRange: Self.zero, arguments: [randomExpression(depth: depth - 1, using: &rng)]))
        }
    }

    @Test func randomTreesSurviveTheRoundTrip() throws {
        var rng = SplitMix64(seed: 20_241_127)
        for _ in 0..<5000 {
            let tree = randomExpression(depth: 5, using: &rng)
            let printed = ExpressionPrinter.print(tree)
            let reparsed = try Parser.parse(printed).get()
            #expect(reparsed.isStructurallyEqual(to: tree), "\(printed)")
            #expect(ExpressionPrinter.print(reparsed) == printed)
        }
    }
}
