@testable import TriageYAML
import Testing
import TriageTestSupport

/// Generated scalars of every style in several block and flow contexts: whenever libyaml
/// accepts the document, re-scanning every scalar must reproduce libyaml's value (no fallback),
/// and every value byte that was copied verbatim must point at that same byte in the source.
@Suite struct ScalarSourceMapGeneratedTests {
    static let words = ["a", "bc", "é", "😀", "x:y", "#no", "a'b", "q\"r", "-", "1.5", "ü😀é"]

    /// A scalar in `style`; `{I}` stands for the indentation continuation lines need.
    static func scalar(_ style: Int, using rng: inout SplitMix64) -> String {
        func word() -> String { words.randomElement(using: &rng)! }
        let count = Int.random(in: 1...6, using: &rng)
        switch style {
        case 0: // plain
            var text = ["a", "b", "é", "😀"].randomElement(using: &rng)!
            for _ in 0..<count {
                text += [" ", "  ", "\t", "\n{I}", "\n\n{I}", "\n{I}  ", "\r\n{I}"].randomElement(using: &rng)!
                text += word().replacingColons()
            }
            return text
        case 1: // single-quoted
            var text = "'"
            for _ in 0..<count {
                text += (word() + ["''", " ", "\n{I}", "\n\n{I} ", " \t"].randomElement(using: &rng)!)
                    .replacingSingleQuotes()
            }
            return text + "'"
        case 2: // double-quoted
            var text = "\""
            let escapes = ["\\n", "\\t", "\\\"", "\\\\", "\\x41", "\\u00e9", "\\U0001F600", "\\ ", "\\/", "\\_", "\\\n{I}  "]
            for _ in 0..<count {
                text += word().replacingDoubleQuotes()
                text += (escapes + [" ", "\n{I}", "\n\n{I}", "  \n{I}"]).randomElement(using: &rng)!
            }
            return text + "\""
        default: // block
            let header = ["|", ">", "|-", ">-", "|+", ">+", "|1", ">2", "|1-", ">-1", "|2+"].randomElement(using: &rng)!
            let explicit = header.contains { $0.isNumber }
            let extra = explicit ? String(repeating: " ", count: Int(String(header.filter(\.isNumber)))! - 1) : ""
            var text = header + ["", " # c"].randomElement(using: &rng)! + "\n"
            for _ in 0..<count {
                let indent = ["", "", "", " ", "  "].randomElement(using: &rng)!
                let line = [word() + " " + word(), "", "", " "].randomElement(using: &rng)!
                text += line.isEmpty ? "\n" : "{I}" + extra + indent + line + "\n"
            }
            return text + "{I}" + extra + "end\n"
        }
    }

    static let contexts: [(template: String, indent: String, flow: Bool)] = [
        ("k: {S}\n", "  ", false),
        ("- {S}\n", "  ", false),
        ("a:\n  b: {S}\n  c: 1\n", "    ", false),
        ("- k: 1\n  w: {S}\n", "    ", false),
        ("[x, {S}]\n", "  ", true),
        ("{k: {S}}\n", "  ", true),
    ]

    @Test func generatedScalarsAlwaysMapBack() throws {
        var rng = SplitMix64(seed: 20_240_601)
        var checked = 0
        var perStyle = [Int](repeating: 0, count: 4)
        for _ in 0..<3_000 {
            let style = Int.random(in: 0..<4, using: &rng)
            let context = Self.contexts.randomElement(using: &rng)!
            if context.flow && style == 3 { continue }
            let scalar = Self.scalar(style, using: &rng).replacingIndent(with: context.indent)
            let yaml = context.template.replacingPlaceholder(with: scalar)
            guard let root = try? YAMLLoader.load(yaml) else { continue }
            let source = Array(yaml.utf8)
            for scalar in root.allScalars {
                guard let map = ScalarSourceMap(scalar: scalar, source: source) else {
                    Issue.record("no map for \(scalar.style) \(scalar.value.debugDescription) in \(yaml.debugDescription)")
                    continue
                }
                // Bytes that are neither folded whitespace nor escapes were copied verbatim.
                for (offset, byte) in scalar.value.utf8.enumerated() where byte > 0x20 && byte != 0x5C && byte < 0x80 {
                    let at = map.byteSources[offset]
                    if source[at] != byte && source[at] != 0x5C {
                        Issue.record("offset \(offset) of \(scalar.value.debugDescription) maps to \(at) in \(yaml.debugDescription)")
                    }
                }
                checked += 1
            }
            perStyle[style] += 1
        }
        #expect(checked > 3_000)
        #expect(perStyle.allSatisfy { $0 > 300 }, "\(perStyle)")
    }
}

private extension String {
    func replacingIndent(with indent: String) -> String { split(separator: "{I}", omittingEmptySubsequences: false).joined(separator: indent) }
    func replacingPlaceholder(with value: String) -> String { split(separator: "{S}", omittingEmptySubsequences: false).joined(separator: value) }
    func replacingColons() -> String { filter { $0 != ":" && $0 != "#" } }
    func replacingSingleQuotes() -> String {
        // Keep `''` pairs, drop lone quotes.
        var result = ""
        var rest = Substring(self)
        while let first = rest.first {
            if rest.hasPrefix("''") { result += "''"; rest = rest.dropFirst(2) }
            else { if first != "'" { result.append(first) }; rest = rest.dropFirst() }
        }
        return result
    }
    func replacingDoubleQuotes() -> String { filter { $0 != "\"" } }
}
