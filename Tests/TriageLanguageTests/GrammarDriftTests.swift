import Foundation
import Testing

/// `Grammar/triage.ebnf` and the parser stay in step: every production has a parse function named
/// after it (`not_expression` → `parseNotExpression`) and every parse function has a production.
struct GrammarDriftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func productionsAndParseFunctionsMatch() throws {
        let grammar = try String(contentsOf: Self.root.appendingPathComponent("Grammar/triage.ebnf"), encoding: .utf8)
        // Production definitions: `name = …;` at the start of a line, outside comments.
        var productions = Set<String>()
        var inComment = false
        for line in grammar.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.contains("(*") { inComment = true }
            if !inComment, let equals = line.firstIndex(of: "=") {
                let name = line[..<equals].trimmingCharacters(in: .whitespaces)
                if !name.isEmpty, name.allSatisfy({ $0.isLowercase || $0 == "_" }) { productions.insert(name) }
            }
            if line.contains("*)") { inComment = false }
        }
        #expect(productions.count >= 15)

        let parserDirectory = Self.root.appendingPathComponent("Sources/TriageLanguage/Parser")
        var functions = Set<String>()
        for file in try FileManager.default.contentsOfDirectory(atPath: parserDirectory.path) where file.hasSuffix(".swift") {
            let text = try String(contentsOf: parserDirectory.appendingPathComponent(file), encoding: .utf8)
            let regex = try NSRegularExpression(pattern: #"func parse([A-Z][A-Za-z]*)\("#)
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                functions.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        let expected = Set(productions.map { name in
            name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
        })
        #expect(expected.subtracting(functions).isEmpty, "productions without a parse function: \(expected.subtracting(functions).sorted())")
        #expect(functions.subtracting(expected).isEmpty, "parse functions without a production: \(functions.subtracting(expected).sorted())")
    }
}
