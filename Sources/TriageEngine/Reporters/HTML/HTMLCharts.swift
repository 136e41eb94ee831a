/// The report's two charts, inline SVG: matches per rule (horizontal bars, each a link to its
/// rule's section) and a rule's age histogram. Each chart has a `<title>` as its accessible name
/// and each bar a `<title>` with its exact figure; colours come from the style sheet's classes.
enum HTMLCharts {
    /// One bar of the per-rule chart.
    struct Bar {
        var label: String
        var value: Int
        /// The rule's severity, which picks the bar's colour.
        var severity: String
        /// Where the bar links to (`#rule-3`).
        var anchor: String
    }

    /// Horizontal bars, one row per rule: name above, bar below with its count at the end.
    static func barChart(title: String, unit: (Int) -> String, bars: [Bar]) -> String {
        let width = 400, rowHeight = 30, barSpace = 330
        let height = max(1, bars.count) * rowHeight + 4
        let largest = max(1, bars.map(\.value).max() ?? 0)
        var svg = "<svg role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" class=\"chart bars\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let top = index * rowHeight
            let length = bar.value == 0 ? 0 : max(2, bar.value * barSpace / largest)
            let summary = "\(bar.label): \(unit(bar.value))"
            svg += "<a href=\"\(HTML.escape(bar.anchor))\"><g><title>\(HTML.escape(summary))</title>"
            svg += "<text x=\"0\" y=\"\(top + 11)\" font-size=\"11\">\(HTML.escape(bar.label))</text>"
            svg += "<rect class=\"bar bar-\(HTML.escape(bar.severity))\" x=\"0\" y=\"\(top + 15)\" width=\"\(length)\" height=\"11\" rx=\"2\"></rect>"
            svg += "<text x=\"\(length + 5)\" y=\"\(top + 25)\" font-size=\"11\">\(bar.value)</text></g></a>"
        }
        return svg + "</svg>"
    }

    /// Vertical bars over `AgeBuckets`, each labelled and titled with its count.
    static func ageHistogram(title: String, counts: [Int]) -> String {
        let width = 300, height = 130, baseline = 100, top = 18, slot = 60, barWidth = 44
        let largest = max(1, counts.max() ?? 0)
        var svg = "<svg role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" class=\"chart histogram\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for (index, bucket) in AgeBuckets.buckets.enumerated() {
            let count = index < counts.count ? counts[index] : 0
            let barHeight = count == 0 ? 0 : max(2, count * (baseline - top) / largest)
            let left = index * slot + (slot - barWidth) / 2, middle = index * slot + slot / 2
            svg += "<g><title>\(HTML.escape("\(bucket.label): \(count) match\(count == 1 ? "" : "es")"))</title>"
            svg += "<rect class=\"bar\" x=\"\(left)\" y=\"\(baseline - barHeight)\" width=\"\(barWidth)\" height=\"\(barHeight)\" rx=\"2\"></rect>"
            svg += "<text x=\"\(middle)\" y=\"\(baseline - barHeight - 4)\" font-size=\"11\" text-anchor=\"middle\">\(count)</text>"
            svg += "<text x=\"\(middle)\" y=\"\(baseline + 16)\" font-size=\"11\" text-anchor=\"middle\">\(HTML.escape(bucket.shortLabel))</text></g>"
        }
        svg += "<line class=\"axis\" x1=\"0\" y1=\"\(baseline)\" x2=\"\(width)\" y2=\"\(baseline)\"></line>"
        return svg + "</svg>"
    }
}
