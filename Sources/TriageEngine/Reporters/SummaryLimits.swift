/// How much a job summary may list. GitHub refuses a step summary over 1 MiB, and a page of
/// thousands of links helps nobody: each list stops after `itemsPerList` items and the whole text
/// after about `maxBytes`, both ending with "… and N more".
public struct SummaryLimits: Hashable, Sendable {
    public var itemsPerList: Int
    public var maxBytes: Int

    public init(itemsPerList: Int = 100, maxBytes: Int = 256 * 1024) {
        self.itemsPerList = itemsPerList
        self.maxBytes = maxBytes
    }

    public static let standard = SummaryLimits()
}

/// Markdown built under a `SummaryLimits`: lists are cut with "… and N more", and once the byte
/// budget is spent every further list item is only counted.
struct CappedMarkdown {
    let limits: SummaryLimits
    private(set) var text = ""
    /// Items left out because the byte budget ran out, told once at the end.
    private(set) var omittedForSize = 0

    init(limits: SummaryLimits) {
        self.limits = limits
    }

    /// Room kept for the lines that must always fit (headings, "… and N more").
    private var reserve: Int { min(1024, limits.maxBytes / 4) }

    /// Text that is always written (headings, tables of counts: a few hundred bytes at most).
    mutating func append(_ line: String) {
        text += line
    }

    /// A list of `items` (already rendered lines, without "- "), cut at `itemsPerList` and by the
    /// byte budget.
    mutating func appendList(_ items: [String]) {
        var written = 0
        for item in items.prefix(limits.itemsPerList) {
            let line = "- \(item)\n"
            guard omittedForSize == 0, text.utf8.count + line.utf8.count <= limits.maxBytes - reserve else { break }
            text += line
            written += 1
        }
        let cutByCount = max(0, items.count - limits.itemsPerList)
        let cutBySize = items.count - written - cutByCount
        if cutBySize > 0 {
            omittedForSize += cutBySize
            text += "- … and \(cutBySize + cutByCount) more\n"
        } else if cutByCount > 0 {
            text += "- … and \(cutByCount) more\n"
        }
    }

    /// The text, with a last line saying that the size cap left items out.
    func finished() -> String {
        guard omittedForSize > 0 else { return text }
        return text + "\n_The summary was cut to stay under \(limits.maxBytes / 1024) KiB._\n"
    }
}
