/// The frame of a report page: doctype, a Content-Security-Policy that allows no load of any kind
/// and only the page's own script (by hash), the inline style sheet with its light and dark
/// schemes, the header with the run's facts, then the body, then the script. One file, nothing
/// external: it opens from an artifact zip, a `file:` URL or a Pages site alike. The page is
/// written around its body (`writeStart`, the body's pieces, `writeEnd`), so a report of thousands
/// of rows is never one string; the script is fixed text, so its hash is known before the first byte.
struct HTMLPage {
    /// The `<title>` and the header's heading.
    var title: String
    /// Label and value of each fact the header lists (source, `now`, counts, version), as text.
    var facts: [(label: String, value: String)]

    /// `default-src 'none'` forbids every fetch (fonts, images, scripts, frames, connections);
    /// inline styles are allowed, scripts only by the hash of `HTMLScript.source`.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; script-src \(HTMLScript.hashSource); img-src data:; base-uri 'none'; form-action 'none'"

    /// Everything before the body: head, style sheet, header with the facts, and `<main>`.
    func writeStart(to output: inout some TextOutputStream) {
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTML.escape(Self.contentSecurityPolicy))\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<meta name=\"color-scheme\" content=\"light dark\">\n"
        html += "<meta name=\"generator\" content=\"triage \(HTML.escape(TriageVersion.current))\">\n"
        html += "<title>\(HTML.escape(title))</title>\n<style>\n\(Self.styleSheet)</style>\n</head>\n<body>\n"
        html += "<header class=\"page\">\n<h1>\(HTML.escape(title))</h1>\n<dl class=\"facts\">\n"
        for fact in facts {
            html += "<div><dt>\(HTML.escape(fact.label))</dt><dd>\(HTML.escape(fact.value))</dd></div>\n"
        }
        html += "</dl>\n<div class=\"filter\" data-filter-slot></div>\n</header>\n<main>\n"
        output.write(html)
    }

    /// Everything after the body: the end of `<main>`, the script, the end of the document.
    static func writeEnd(to output: inout some TextOutputStream) {
        output.write("</main>\n<script>\(HTMLScript.source)</script>\n</body>\n</html>\n")
    }

    /// Colours are custom properties, swapped as a whole for `prefers-color-scheme: dark`; tables
    /// scroll sideways inside their own box so the page itself never does (375 px phones); chunks of
    /// rows off screen are not laid out until scrolled to (`HTMLTable`).
    static let styleSheet = """
        :root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --border: #d1d9e0; --panel: #f6f8fa;
          --link: #0969da; --chip: #ddf4ff; --chip-fg: #0a3069; --error: #cf222e; --warning: #9a6700; --info: #0969da; --bar: #8c959f; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --border: #3d444d; --panel: #151b23;
            --link: #4493f8; --chip: #12365e; --chip-fg: #cae8ff; --error: #f85149; --warning: #d29922; --info: #4493f8; --bar: #656c76; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header.page, main { max-width: 1240px; margin: 0 auto; padding: 16px 20px; }
        header.page { border-bottom: 1px solid var(--border); }
        h1 { font-size: 1.5em; margin: 0 0 8px; }
        h2 { font-size: 1.2em; margin: 0 0 4px; display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; overflow-wrap: anywhere; }
        a { color: var(--link); }
        dl.facts { display: flex; flex-wrap: wrap; gap: 4px 28px; margin: 0; }
        dl.facts div { min-width: 0; }
        dt { color: var(--muted); font-size: 0.85em; }
        dd { margin: 0; overflow-wrap: anywhere; }
        .filter input { font: inherit; color: inherit; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; padding: 4px 8px; margin-top: 10px; width: min(24em, 100%); }
        .muted, .description { color: var(--muted); }
        .description { margin: 0 0 8px; }
        .count { color: var(--muted); font-weight: normal; font-size: 0.85em; }
        section.rule { border-bottom: 1px solid var(--border); padding: 18px 0; }
        .severity { font-size: 0.75em; font-weight: 600; padding: 0 8px; border: 1px solid currentColor; border-radius: 10px; }
        .severity-error { color: var(--error); }
        .severity-warning { color: var(--warning); }
        .severity-info { color: var(--info); }
        figure { margin: 8px 0 12px; }
        figcaption { color: var(--muted); font-size: 0.85em; }
        svg { max-width: 100%; height: auto; display: block; }
        svg text { fill: var(--fg); font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        svg .bar { fill: var(--bar); }
        svg .bar-error { fill: var(--error); }
        svg .bar-warning { fill: var(--warning); }
        svg .bar-info { fill: var(--info); }
        svg .axis { stroke: var(--border); }
        svg a:hover text { text-decoration: underline; }
        .table-wrap { overflow-x: auto; border: 1px solid var(--border); border-radius: 6px; }
        .chunk { content-visibility: auto; }
        .chunk + .chunk { border-top: 1px solid var(--border); }
        table { border-collapse: collapse; width: 100%; table-layout: fixed; }
        th, td { padding: 5px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--border); overflow-wrap: anywhere; }
        tbody tr:last-child td { border-bottom: 0; }
        th { background: var(--panel); white-space: nowrap; font-weight: 600; }
        th button { font: inherit; color: inherit; background: none; border: 0; padding: 0; cursor: pointer; }
        th[aria-sort="ascending"] button::after { content: " \\25B2"; }
        th[aria-sort="descending"] button::after { content: " \\25BC"; }
        td.number, td.duration { font-variant-numeric: tabular-nums; }
        td.duration { text-align: right; }
        .chip { display: inline-block; padding: 0 8px; margin: 1px 4px 1px 0; border-radius: 10px; background: var(--chip); color: var(--chip-fg); font-size: 0.85em; }
        .status-failed { color: var(--error); }
        .errors li { overflow-wrap: anywhere; }
        @media (max-width: 600px) {
          body { font-size: 13px; }
          header.page, main { padding: 12px; }
        }

        """
}
