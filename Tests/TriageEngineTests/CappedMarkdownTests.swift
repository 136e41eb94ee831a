import Testing
@testable import TriageEngine

/// The byte cap of the job summary, counted as it writes instead of on the text it held: a list
/// item is written whole when its UTF-8 ends exactly at the budget (`maxBytes` less the reserve)
/// and left out whole, never cut inside a character, when it ends one byte past it.
struct CappedMarkdownTests {
    /// `maxBytes` 4096: a reserve of 1024, so list items may fill 3,072 bytes.
    static let limits = SummaryLimits(itemsPerList: 10, maxBytes: 4096)

    /// A heading of 2 bytes, an item of `fill` ASCII letters, then "é" (2 bytes, 5 with "- " and
    /// the line break).
    static func written(fill: Int) -> String {
        var markdown = CappedMarkdown(limits: limits, writingTo: "")
        markdown.append("h\n")
        markdown.appendList([String(repeating: "a", count: fill), "é"])
        return markdown.finished()
    }

    @Test func anItemEndingExactlyAtTheBudgetIsWritten() {
        let text = Self.written(fill: 3_062)
        #expect(text.utf8.count == 3_072)
        #expect(text.hasSuffix("\n- é\n"))
    }

    @Test func anItemEndingOneBytePastIsLeftOutWhole() {
        let text = Self.written(fill: 3_063)
        // Counted in characters, "- é\n" would still fit (3,072 characters).
        #expect(text == "h\n- " + String(repeating: "a", count: 3_063) + "\n- … and 1 more\n\n_The summary was cut to stay under 4 KiB._\n")
    }
}
