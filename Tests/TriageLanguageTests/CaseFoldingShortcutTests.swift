import Testing
@testable import TriageLanguage

/// The case-insensitive byte search defers to ICU exactly where ICU's case folding could differ.
struct CaseFoldingShortcutTests {
    @Test func everyBMPCharacterThatFoldsToASCIIIsDeferredToICU() throws {
        let needles = (UInt8(ascii: "a")...UInt8(ascii: "z")).map { String(UnicodeScalar($0)) } + ["ss", "ff", "fi", "fl", "st", "ffi", "ffl"]
        let matchers = try needles.map { try RegexMatcher(pattern: "(?i)zq|\($0)") }
        let frame = EvaluationFrame(now: Timestamp(millisecondsSinceEpoch: 0))
        var missed: [String] = []
        var checked = 0
        for value in 0x80...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(Character(scalar))
            // Only characters the shortcut would answer for (it defers the others to ICU anyway).
            guard !UTF8Search.withBytes(text, UTF8Search.mayFoldToASCII) else { continue }
            checked += 1
            for (needle, matcher) in zip(needles, matchers) where try matcher.matchWithEngine(text, in: frame) {
                missed.append("U+\(String(value, radix: 16, uppercase: true)) ~ (?i)\(needle)")
            }
        }
        #expect(missed.isEmpty, "\(missed.prefix(20))")
        // Most of the BMP is answered by the shortcut; a filter that deferred everything would check nothing.
        #expect(checked > 50_000, "only \(checked) characters checked")
    }
}
