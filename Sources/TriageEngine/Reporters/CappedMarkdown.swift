/// Markdown written under a `SummaryLimits` as it is produced: lists are cut with "… and N more",
/// and once the byte budget is spent every further list item is only counted. It keeps only the
/// count of bytes written, so an uncapped report (`--format markdown`) is never one string; hand it
/// a `ChunkedOutput`, as each line is a write.
struct CappedMarkdown<Output: TextOutputStream> {
    let limits: SummaryLimits
    private var output: Output
    /// UTF-8 bytes written so far.
    private var byteCount = 0
    /// Items left out because the byte budget ran out, told once at the end.
    private var omittedForSize = 0

    init(limits: SummaryLimits, writingTo output: Output) {
        self.limits = limits
        self.output = output
    }

    /// Room kept for the lines that must always fit (headings, "… and N more").
    private var reserve: Int { min(1024, limits.maxBytes / 4) }

    /// Text that is always written (headings, tables of counts: a few hundred bytes at most).
    mutating func append(_ line: String) {
        output.write(line)
        byteCount += line.utf8.count
    }

    /// A list of `items` (rendered lines, without "- "; a lazy collection renders only those
    /// written), cut at `itemsPerList` and by the byte budget.
    mutating func appendList(_ items: some Collection<String>) {
        var written = 0
        for item in items.prefix(limits.itemsPerList) {
            let line = "- \(item)\n"
            guard omittedForSize == 0, byteCount + line.utf8.count <= limits.maxBytes - reserve else { break }
            append(line)
            written += 1
        }
        let cutByCount = max(0, items.count - limits.itemsPerList)
        let cutBySize = items.count - written - cutByCount
        if cutBySize > 0 {
            omittedForSize += cutBySize
            append("- … and \(cutBySize + cutByCount) more\n")
        } else if cutByCount > 0 {
            append("- … and \(cutByCount) more\n")
        }
    }

    /// Writes a last line saying that the size cap left items out, and returns the stream, which
    /// must be written back.
    consuming func finished() -> Output {
        if omittedForSize > 0 { output.write("\n_The summary was cut to stay under \(limits.maxBytes / 1024) KiB._\n") }
        return output
    }
}
