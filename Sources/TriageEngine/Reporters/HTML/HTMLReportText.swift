/// Pieces of text both HTML reports (check and apply) write the same way.
enum HTMLReportText {
    /// `<a href="URL">#12</a>` (`owner/name#12` for a source spanning repositories), or the label
    /// alone when the issue has no web link (file sources, or a URL that is not http(s)).
    static func issueLink(_ issue: IssueReference, spanningRepositories: Bool) -> String {
        let label = HTML.escape(issue.label(spanningRepositories: spanningRepositories))
        guard let href = HTML.safeLink(issue.url) else { return label }
        return "<a href=\"\(href)\">\(label)</a>"
    }

    /// `850 ms`, `2.4 s`, `75 s`: a run's wall time.
    static func duration(seconds: Double) -> String {
        let milliseconds = Int((seconds * 1000).rounded())
        if milliseconds < 1000 { return "\(milliseconds) ms" }
        if milliseconds < 10_000 { return "\(milliseconds / 1000).\(milliseconds % 1000 / 100) s" }
        return "\(milliseconds / 1000) s"
    }
}
