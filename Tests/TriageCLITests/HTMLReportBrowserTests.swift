import Foundation
import Testing

/// The HTML report (SPEC §9) in a real browser: `triage check --format html` writes the page, headless
/// Chromium loads it from a `file:` URL, and the test reads the DOM Chromium serializes (`--dump-dom`):
/// sections, counts, rows and links; a hostile title stays text; the page's script runs under its own
/// Content-Security-Policy while an injected one does not; content is complete with JavaScript off;
/// the dark scheme applies; at 375 px the page does not scroll sideways. Screenshots at 1280 and
/// 375 px, light and dark, go to `$HTML_REPORT_SCREENSHOTS` (default `.build/html-report-screenshots`),
/// which CI keeps as an artifact. Skipped, saying so, only when Chromium is not installed.
@Suite(.serialized, .enabled(if: Chromium.isInstalled, Chromium.absence))
struct HTMLReportBrowserTests {
    static let xssTitle = "<img src=x onerror=alert(1)>"

    static let rules = """
        rules:
          - name: everything
            severity: info
            description: Every issue, to fill a long table
            when: number > 0
          - name: hostile-titles
            severity: error
            description: Titles with markup in them
            when: title ~ "onerror|<"
          - name: open-bugs
            when: state == "open" and "bug" in labels
          - name: never
            when: number < 0
        """

    /// `count` GitHub REST issue objects: ages from a day to two years, a few labels (one with
    /// quotes and an ampersand), #3 with the hostile title, every fourth closed, #7 without a web link.
    static func issuesJSON(count: Int) throws -> Data {
        let now = Date(timeIntervalSince1970: 1_717_200_000)  // 2024-06-01T00:00:00Z
        let formatter = ISO8601DateFormatter()
        let issues: [[String: Any]] = (1...count).map { number in
            let created = now.addingTimeInterval(-Double(number * number % 730 + 1) * 86_400)
            var labels: [[String: Any]] = number % 2 == 0 ? [["name": "bug"]] : []
            if number % 5 == 0 { labels.append(["name": #"needs "info" & <repro>"#]) }
            return [
                "number": number, "title": number == 3 ? xssTitle : "Issue number \(number) about the parser & friends",
                "state": number % 4 == 0 ? "closed" : "open", "user": ["login": "user\(number % 6)"], "labels": labels,
                "comments": 0, "created_at": formatter.string(from: created), "updated_at": formatter.string(from: created.addingTimeInterval(3600)),
                "html_url": number == 7 ? "javascript:alert(7)" : "https://github.com/acme/app/issues/\(number)",
            ]
        }
        return try JSONSerialization.data(withJSONObject: issues)
    }

    /// A directory with the rules, `count` issues and the report `check --format html` wrote.
    static func report(count: Int = 40) async throws -> (directory: URL, page: URL, html: String) {
        let directory = try makeTemporaryDirectory()
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        try issuesJSON(count: count).write(to: directory.appendingPathComponent("issues.json"))
        let output = try await Triage.run(["check", "--rules", "rules.yaml", "--source", "file:issues.json", "--now", "2024-06-01",
                                           "--fail-on", "none", "--format", "html"], in: directory)
        #expect(output.status == 0 && output.stderr.isEmpty, "\(output)")
        let page = directory.appendingPathComponent("report.html")
        try output.stdoutData.write(to: page)
        return (directory, page, output.stdout)
    }

    @Test func theRenderedDOMHasEveryRuleMatchAndLinkAndTheHostileTitleAsText() async throws {
        let (directory, page, _) = try await Self.report()
        defer { try? FileManager.default.removeItem(at: directory) }
        let dom = try await Chromium.dumpDOM(page)
        let sections = RenderedSection.all(in: dom)
        #expect(sections.map(\.rule) == ["everything", "hostile-titles", "open-bugs", "never"])
        #expect(sections.map(\.matches) == [40, 1, 10, 0])
        #expect(sections.map(\.rows.count) == sections.map(\.matches))
        #expect(sections[0].rows == Array(1...40))
        #expect(sections[2].rows == [2, 6, 10, 14, 18, 22, 26, 30, 34, 38])
        // Links: every row but #7's (not an http(s) URL) links its issue page.
        #expect(sections[0].links == (1...40).filter { $0 != 7 }.map { "https://github.com/acme/app/issues/\($0)" })
        #expect(!dom.contains("javascript:"))
        // The hostile title is text: no element came of it.
        #expect(!dom.contains("<img"))
        #expect(sections[1].text.contains("<td class=\"title\">&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(dom.contains("needs \"info\" &amp; &lt;repro&gt;</span>"))
        // The page's script ran under the page's CSP: the root is marked and every column header sorts.
        #expect(dom.contains("<html lang=\"en\" data-js=\"on\" data-color-scheme=\"light\">"))
        let headers = dom.components(separatedBy: "<th scope=\"col\"").count - 1
        #expect(headers > 0 && dom.components(separatedBy: "<th scope=\"col\"><button type=\"button\">").count - 1 == headers)
        #expect(dom.contains("<input type=\"search\""))
    }

    @Test func contentIsCompleteWithoutJavaScriptAndInjectedScriptIsBlocked() async throws {
        let (directory, _, html) = try await Self.report()
        defer { try? FileManager.default.removeItem(at: directory) }
        // `--dump-dom` itself needs JavaScript, so the page's script is switched off by its own policy.
        let withoutScript = directory.appendingPathComponent("no-script.html")
        let policy = try #require(html.firstMatch(of: /script-src &#39;sha256-[^&]+&#39;/))
        try html.replacingOccurrences(of: String(policy.0), with: "script-src &#39;none&#39;")
            .write(to: withoutScript, atomically: true, encoding: .utf8)
        let plain = try await Chromium.dumpDOM(withoutScript)
        #expect(plain.contains("<html lang=\"en\">"))
        #expect(!plain.contains("<input"))
        #expect(RenderedSection.all(in: plain).map(\.rows.count) == [40, 1, 10, 0])
        #expect(plain.contains("&lt;img src=x onerror=alert(1)&gt;"))

        // A script the page did not ship (as an escaping mistake would let in) does not run.
        let injected = directory.appendingPathComponent("injected.html")
        let marker = "<script>document.documentElement.setAttribute(\"data-injected\", \"ran\")</script><img src=x onerror=\"document.documentElement.setAttribute('data-handler', 'ran')\">"
        try html.replacingOccurrences(of: "</main>", with: marker + "</main>").write(to: injected, atomically: true, encoding: .utf8)
        let dom = try await Chromium.dumpDOM(injected)
        #expect(dom.contains("data-js=\"on\""))
        #expect(!dom.contains("data-injected=\"ran\"") && !dom.contains("data-handler=\"ran\""))
    }

    @Test func theDarkSchemeAppliesAndA375PixelScreenDoesNotScrollSideways() async throws {
        let (directory, page, _) = try await Self.report()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try await Chromium.dumpDOM(page, dark: true).contains("data-color-scheme=\"dark\""))
        // Headless Chromium's window is at least 500 px wide, so the page is measured in a 375 px frame.
        let frame = try Self.frame(around: page, width: 375, height: 900, in: directory)
        let dom = try await Chromium.dumpDOM(frame, width: 375, extraArguments: ["--allow-file-access-from-files"])
        let measured = try #require(dom.firstMatch(of: /data-widths="(\d+) (\d+) (\d+) (\d+)"/), "\(dom.prefix(2000))")
        let (viewport, visible, pageWidth, widestTable) = (Int(measured.1)!, Int(measured.2)!, Int(measured.3)!, Int(measured.4)!)
        #expect(viewport == 375)
        #expect(pageWidth <= visible, "the page is \(pageWidth) px wide in \(visible) visible px")
        // The tables are wider than the screen and scroll inside their own box.
        #expect(widestTable > viewport)
    }

    /// The page's script, driven in the browser: a click on a column header sorts the rows of every
    /// chunk of the table as one list, a second click reverses them, and the filter hides the rows
    /// without its text (450 matches: three chunks).
    @Test func headersSortAllChunksAndTheFilterHidesRows() async throws {
        let (directory, page, _) = try await Self.report(count: 450)
        defer { try? FileManager.default.removeItem(at: directory) }
        let script = """
            var s = d.querySelector('section[data-rule="everything"]'), age = s.querySelectorAll("thead th")[4].querySelector("button");
            function order() { return Array.prototype.map.call(s.querySelectorAll("tbody tr"), function (r) { return r.getAttribute("data-number"); }).join(","); }
            age.click(); var ascending = order(); age.click(); var descending = order();
            var input = d.querySelector("input[type=search]"); input.value = "user5"; input.dispatchEvent(new Event("input"));
            var shown = Array.prototype.filter.call(s.querySelectorAll("tbody tr"), function (r) { return !r.hidden; }).length;
            var chunks = Array.prototype.map.call(s.querySelectorAll("tbody"), function (b) { return b.rows.length; }).join(",");
            return [ascending, descending, shown, chunks, s.querySelector("[data-shown]").textContent].join("|");
            """
        let frame = try Self.frame(around: page, width: 1280, height: 900, in: directory, probe: script)
        let dom = try await Chromium.dumpDOM(frame, extraArguments: ["--allow-file-access-from-files"])
        let result = try #require(dom.firstMatch(of: /data-probe="([^"]*)"/).map { String($0.1) }, "\(dom.prefix(3000))")
        let parts = result.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        #expect(parts.count == 5, "\(result)")
        guard parts.count == 5 else { return }
        // Ages: issue n is created (n² mod 730 + 1) days before now; ties keep the source order.
        let ages = (1...450).map { ($0, $0 * $0 % 730 + 1) }
        let ascending = ages.sorted { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }.map { String($0.0) }
        #expect(parts[0] == ascending.joined(separator: ","))
        let descending = parts[1].split(separator: ",").map(String.init)
        let age = { (number: String) -> Int in let value = Int(number) ?? 0; return value * value % 730 + 1 }
        let descendingAges: [Int] = descending.map(age), ascendingAges: [Int] = ascending.map(age)
        #expect(descendingAges == Array(ascendingAges.reversed()))
        #expect(Set(descending) == Set(ascending) && descending.count == 450)
        let expectedShown = (1...450).filter { $0 % 6 == 5 }.count
        #expect(parts[2] == String(expectedShown))
        #expect(parts[3] == "200,200,50")
        #expect(parts[4] == "(\(expectedShown) of 450 shown)")
    }

    @Test func screenshotsAt1280And375PixelsLightAndDark() async throws {
        let (directory, page, _) = try await Self.report(count: 12)
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ProcessInfo.processInfo.environment["HTML_REPORT_SCREENSHOTS"].flatMap { $0.isEmpty ? nil : $0 }
        let output = environment.map { URL(fileURLWithPath: $0, relativeTo: Triage.packageRoot) }
            ?? Triage.packageRoot.appendingPathComponent(".build/html-report-screenshots")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        for width in [1280, 375] {
            let height = width == 1280 ? 1400 : 1600
            let url = width == 1280 ? page : try Self.frame(around: page, width: width, height: height, in: directory)
            for dark in [false, true] {
                let file = output.appendingPathComponent("report-\(width)-\(dark ? "dark" : "light").png")
                try? FileManager.default.removeItem(at: file)
                try await Chromium.screenshot(url, to: file, width: width, height: height, dark: dark)
                let png = try Data(contentsOf: file)
                #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "\(file.path) is no PNG")
                #expect(png.count > 16 && Int(png[16...19].reduce(0) { $0 << 8 | UInt32($1) }) == width, "\(file.path)")
            }
        }
    }

    /// A page that shows `page` in a `width` × `height` frame and, once loaded, writes the frame's
    /// viewport width, its width without the scroll bar, the page's scroll width and the widest
    /// table's scroll width into
    /// `data-widths` (read by `--dump-dom` with `--allow-file-access-from-files`).
    /// With `probe` (the body of a function of `d`, the frame's document), its result goes into
    /// `data-probe` instead.
    static func frame(around page: URL, width: Int, height: Int, in directory: URL, probe: String? = nil) throws -> URL {
        let measure = probe.map { "document.body.setAttribute(\"data-probe\", (function (d) {\n\($0)\n})(d));" } ?? """
            d.querySelectorAll("table").forEach(function (t) { widest = Math.max(widest, t.scrollWidth); });
            var w = document.getElementById("report").contentWindow;
            document.body.setAttribute("data-widths", w.innerWidth + " " + d.documentElement.clientWidth + " " + d.documentElement.scrollWidth + " " + widest);
            """
        let html = """
            <!DOCTYPE html><html><head><meta charset="utf-8"><style>body{margin:0}iframe{border:0;display:block}</style></head>
            <body><iframe id="report" src="\(page.lastPathComponent)" width="\(width)" height="\(height)"></iframe><script>
            addEventListener("load", function () {
              var d = document.getElementById("report").contentDocument, widest = 0;
            \(measure)
            });
            </script></body></html>
            """
        let url = directory.appendingPathComponent("frame-\(width)\(probe == nil ? "" : "-probe").html")
        try html.write(to: url, atomically: true, encoding: .utf8)
        return url
    }
}

/// A rule section as Chromium serialized it.
struct RenderedSection {
    var rule: String
    var matches: Int
    var rows: [Int]
    var links: [String]
    var text: String

    static func all(in dom: String) -> [RenderedSection] {
        dom.components(separatedBy: "<section class=\"rule\"").dropFirst().map { chunk in
            let text = chunk.components(separatedBy: "</section>")[0]
            let rule = text.firstMatch(of: /data-rule="([^"]*)"/).map { String($0.1) } ?? ""
            let matches = text.firstMatch(of: /data-matches="(\d+)"/).flatMap { Int($0.1) } ?? -1
            let rows = text.matches(of: /<tr data-number="(\d+)"/).compactMap { Int($0.1) }
            let links = text.matches(of: /<td class="number"[^>]*><a href="([^"]*)"/).map { String($0.1) }
            return RenderedSection(rule: rule, matches: matches, rows: rows, links: links, text: text)
        }
    }
}
