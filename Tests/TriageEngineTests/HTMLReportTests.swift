import Testing
@testable import TriageEngine
import TriageLanguage
import TriageRules
import TriageTestSupport

/// `check --format html` and `apply --format html` (SPEC §9) as text: escaping of every value from
/// an issue, the machine hooks and their counts, the histogram's buckets, the generic columns of
/// lazy fields. What a browser makes of the page: `HTMLReportBrowserTests` (TriageCLITests).
struct HTMLReportTests {
    static let xssTitle = "<img src=x onerror=alert(1)>"
    static let hostileLabel = #"a "quoted" & 'single' <label>"#

    static let rules = validRuleSet("""
        rules:
          - name: crashers
            severity: error
            description: Titles that say "crash" & <more>
            when: title ~ "(?i)crash|onerror"
          - name: open
            severity: info
            when: state == "open"
          - name: replied
            when: last_comment != null and last_comment.author != author
          - name: never
            when: number < 0
        """).rules

    static let issues = [
        TriageLanguage.Issue(number: 1, title: xssTitle, state: "open", author: "mallory<b>", labels: [hostileLabel, "bug"], comments: 1,
              created: testNow - .days(3), updated: testNow - .hours(5), url: "https://example.test/o/r/issues/1", repo: "o/r",
              embeddedComments: [IssueComment(author: "helper", body: "on it", created: testNow - .days(1))]),
        TriageLanguage.Issue(number: 2, title: "Crash on start", state: "closed", author: "ann", created: testNow - .days(40), updated: testNow - .days(2),
              url: "javascript:alert(2)", repo: "o/r", embeddedComments: []),
        TriageLanguage.Issue(number: 3, title: "Plain & simple", state: "open", author: "bo", created: testNow - .days(400), updated: testNow - .days(100),
              url: "https://example.test/p/q/issues/3", repo: "p/q", embeddedComments: []),
    ]

    /// Runs `rules` over `provider` as `check --format html` does and returns the page.
    static func render(_ rules: [Rule] = rules, provider: some IssueProvider = InMemoryProvider(issues: issues), spanning: Bool = false,
                       apiCalls: Int? = nil) async throws -> String {
        let options = RuleEngine.Options(now: testNow, concurrency: 2, batchSize: 1, reportedFields: CheckFormat.html.reportedFields(for: rules))
        let engine = RuleEngine(rules: rules, options: options)
        var reporter = CheckFormat.html.makeReporter(context: CheckContext(source: "memory", now: testNow, rules: rules, spansRepositories: spanning))
        let statistics = try await engine.run(provider: provider, query: .everything) { #expect(reporter.record($0) == nil) }
        return reporter.finish(CheckSummary(statistics: statistics, elapsedSeconds: 0.0123, apiCalls: apiCalls))
    }

    // MARK: escaping

    @Test func theEscapingFunctionEscapesEveryMarkupCharacter() {
        #expect(HTML.escape(Self.xssTitle) == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(HTML.escape(Self.hostileLabel) == "a &quot;quoted&quot; &amp; &#39;single&#39; &lt;label&gt;")
        #expect(HTML.escape("plain ünïcödé 🚀") == "plain ünïcödé 🚀")
        #expect(HTML.escape("a\u{0}b&amp;") == "a\u{FFFD}b&amp;amp;")
        #expect(HTML.safeLink("https://example.test/?a=1&b=\"2\"") == "https://example.test/?a=1&amp;b=&quot;2&quot;")
        #expect(HTML.safeLink("HTTP://example.test/") == "HTTP://example.test/")
        for hostile in ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,<b>", "//evil.test/", ""] {
            #expect(HTML.safeLink(hostile) == nil, "\(hostile)")
        }
    }

    @Test func titlesLabelsAuthorsAndDescriptionsAreTextNotMarkup() async throws {
        let html = try await Self.render()
        #expect(!html.contains("<img"))
        #expect(html.contains("<td class=\"title\">&lt;img src=x onerror=alert(1)&gt;</td>"))
        #expect(html.contains("<span class=\"chip\">a &quot;quoted&quot; &amp; &#39;single&#39; &lt;label&gt;</span> <span class=\"chip\">bug</span>"))
        #expect(html.contains("<td>mallory&lt;b&gt;</td>"))
        #expect(html.contains("<p class=\"description\">Titles that say &quot;crash&quot; &amp; &lt;more&gt;</p>"))
        #expect(html.contains("<td class=\"title\">Plain &amp; simple</td>"))
        // A URL that is not http(s) is no link.
        #expect(!html.contains("javascript:"))
        #expect(html.contains("<td class=\"number\" data-sort=\"2\">#2</td>"))
        // Every element in the page is one the reporter writes: nothing came in through a value.
        #expect(Self.elementNames(in: html).subtracting(Self.reporterElements).isEmpty, "\(Self.elementNames(in: html))")
    }

    @Test func aRuleNameWithQuotesIsEscapedInItsDataHook() async throws {
        var rules = Self.rules
        rules[1].name = #"say "hi" & <bye>"#
        let html = try await Self.render(rules)
        #expect(html.contains(#"data-rule="say &quot;hi&quot; &amp; &lt;bye&gt;" data-matches="2""#))
        #expect(html.contains(#"<title>say &quot;hi&quot; &amp; &lt;bye&gt;: 2 matches</title>"#))
        #expect(!html.contains("<bye>"))
    }

    @Test func shaDigestsMatchTheStandardVectorsAndThePolicyAllowsExactlyTheScript() {
        let hex = { (bytes: [UInt8]) in bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined() }
        #expect(hex(SHA256.digest(Array("".utf8))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.digest(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = String(repeating: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", count: 1)
        #expect(hex(SHA256.digest(Array(long.utf8))) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(HTMLPage.contentSecurityPolicy.hasPrefix("default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-"))
        #expect(!HTMLPage.contentSecurityPolicy.contains("unsafe-eval"))
    }

    // MARK: hooks and counts

    @Test func everyRuleHasASectionInFileOrderWithItsMatchCountAndRows() async throws {
        let html = try await Self.render(apiCalls: 12)
        let sections = Self.sections(in: html)
        #expect(sections.map(\.rule) == ["crashers", "open", "replied", "never"])
        #expect(sections.map(\.matches) == [2, 2, 1, 0])
        #expect(sections.map(\.rows) == [[1, 2], [1, 3], [1], []])
        #expect(!html.contains("data-repo="))
        #expect(html.contains("<a href=\"https://example.test/o/r/issues/1\">#1</a>"))
        #expect(html.contains("<p class=\"muted\">No matches.</p>"))
        for fact in ["<dt>Source</dt><dd>memory</dd>", "<dt>Now</dt><dd>2024-06-01T00:00:00Z</dd>", "<dt>Issues read</dt><dd>3</dd>",
                     "<dt>Matches</dt><dd>5</dd>", "<dt>API calls</dt><dd>12</dd>", "<dt>Duration</dt><dd>12 ms</dd>",
                     "<dt>Version</dt><dd>triage \(TriageVersion.current)</dd>"] {
            #expect(html.contains(fact), "\(fact)")
        }
        // The bar chart: one bar per rule, linked to its section.
        #expect(html.contains("<a href=\"#rule-0\"><g><title>crashers: 2 matches</title>"))
        #expect(html.contains("<a href=\"#rule-3\"><g><title>never: 0 matches</title>"))
        #expect(html.hasPrefix("<!DOCTYPE html>\n") && html.hasSuffix("</html>\n"))
    }

    @Test func multiRepositorySourcesNameTheRepositoryOfEachRow() async throws {
        let html = try await Self.render(spanning: true)
        #expect(html.contains("<tr data-number=\"3\" data-repo=\"p/q\"><td class=\"number\"><a href=\"https://example.test/p/q/issues/3\">p/q#3</a></td>"))
        #expect(Self.sections(in: html).map(\.rows) == [[1, 2], [1, 3], [1], []])
    }

    @Test func errorsAreListed() async throws {
        let provider = CountingProvider(issues: [TriageLanguage.Issue(number: 5, title: "t", author: "a", comments: 2, created: testNow, updated: testNow)],
                                        failingComments: [5])
        let html = try await Self.render(provider: provider)
        #expect(html.contains("<section class=\"errors\" data-errors=\"1\">"))
        #expect(html.contains("<li><code>replied</code> on #5: comments of #5 could not be fetched (HTTP 502)</li>"))
    }

    @Test func longTablesAreWrittenInChunksWithOneHeader() async throws {
        let rules = validRuleSet("rules:\n  - name: all\n    when: number > 0\n").rules
        let issues = (1...450).map { TriageLanguage.Issue(number: $0, title: "t\($0)", created: testNow, updated: testNow) }
        let html = try await Self.render(rules, provider: InMemoryProvider(issues: issues))
        let section = try #require(Self.sections(in: html).first)
        #expect(section.matches == 450 && section.rows == Array(1...450))
        let chunks = section.text.components(separatedBy: "<div class=\"chunk\"").dropFirst()
        #expect(chunks.map { $0.components(separatedBy: "<tr data-number=").count - 1 } == [200, 200, 50])
        #expect(chunks.map { $0.contains("<thead>") } == [true, false, false])
        #expect(chunks.map { $0.contains("<table class=\"sortable matches\">") } == [true, false, false])
        #expect(chunks.allSatisfy { $0.contains("<colgroup><col style=\"width: 6em\"><col><col style=\"width: 9em\">") })
    }

    // MARK: histogram

    @Test func agesFallInTheFirstBucketTheyAreUnder() {
        let cases: [(TimeSpan, Int)] = [
            (.days(-1), 0), (TimeSpan(milliseconds: 0), 0), (.days(7) - TimeSpan(milliseconds: 1), 0), (.days(7), 1), (.days(29), 1), (.days(30), 2),
            (.days(89), 2), (.days(90), 3), (.days(364), 3), (.days(365), 4), (.days(5000), 4),
        ]
        for (age, bucket) in cases { #expect(AgeBuckets.bucket(of: age) == bucket, "\(age.sourceText)") }
        #expect(AgeBuckets.counts(ofBuckets: [TimeSpan.days(1), .days(2), .days(8), .days(400)].map(AgeBuckets.bucket(of:))) == [2, 1, 0, 0, 1])
        #expect(AgeBuckets.buckets.map(\.label) == ["< 1 week", "< 1 month", "< 3 months", "< 1 year", "older"])
    }

    @Test func eachRuleWithMatchesHasAnAgeHistogramOfThem() async throws {
        let html = try await Self.render()
        let open = try #require(Self.sections(in: html).first { $0.rule == "open" }?.text)
        #expect(open.contains("<title>Age of the matches of open</title>"))
        for (bucket, count) in [("&lt; 1 week", 1), ("&lt; 1 month", 0), ("&lt; 3 months", 0), ("&lt; 1 year", 0), ("older", 1)] {
            #expect(open.contains("<g><title>\(bucket): \(count) match\(count == 1 ? "" : "es")</title>"), "\(bucket)")
        }
        let never = try #require(Self.sections(in: html).first { $0.rule == "never" }?.text)
        #expect(!never.contains("<svg"))
    }

    // MARK: columns of lazy fields

    @Test func aRuleThatReadsALazyFieldGetsItsColumnWithTheLoadedValue() async throws {
        #expect(HTMLCells.extraFields(of: Self.rules[2]) == [.lastComment])
        #expect(HTMLCells.extraFields(of: Self.rules[0]).isEmpty)
        let commenters = validRuleSet("rules:\n  - name: busy\n    when: len(commenters) > 1 and last_comment != null\n").rules[0]
        #expect(HTMLCells.extraFields(of: commenters) == [.lastComment, .commenters])

        let sections = Self.sections(in: try await Self.render())
        let replied = try #require(sections.first { $0.rule == "replied" }?.text)
        #expect(replied.contains("<th scope=\"col\">Idle</th><th scope=\"col\">last_comment</th></tr>"))
        #expect(replied.contains("<td data-sort=\"\((testNow - .days(1)).millisecondsSinceEpoch)\" title=\"2024-05-31T00:00:00Z\">helper, 2024-05-31</td></tr>"))
        #expect(!(sections.first { $0.rule == "crashers" }?.text.contains("last_comment") ?? true))
    }

    /// SPEC §8's fields get their columns like any lazy field: pull requests as chips, the review
    /// state and checks as text, the human idle time as a sortable duration.
    @Test func conversationAndPullRequestFieldsGetColumns() async throws {
        let rules = validRuleSet("""
            rules:
              - name: ready
                when: kind == "pull_request" and review_state == "approved" and checks == "success" and human_idle > 1d
              - name: linked
                when: any(linked_prs, p => p.state != "closed")
            """).rules
        #expect(HTMLCells.extraFields(of: rules[0]) == [.humanIdle, .reviewState, .checks])
        #expect(HTMLCells.extraFields(of: rules[1]) == [.linkedPrs])
        let issues = [
            TriageLanguage.Issue(number: 5, title: "Fix it", kind: "pull_request", author: "ann", created: testNow - .days(9), updated: testNow - .days(1),
                  embeddedComments: [], embeddedReviews: [PullReview(author: "bo", state: .approved, submitted: testNow - .days(4))],
                  embeddedLinkedPulls: [LinkedPull(number: 38, state: "merged"), LinkedPull(number: 40, state: "open", draft: true)],
                  embeddedChecks: PullChecks(.success)),
        ]
        let sections = Self.sections(in: try await Self.render(rules, provider: InMemoryProvider(issues: issues)))
        let ready = try #require(sections.first { $0.rule == "ready" }?.text)
        #expect(ready.contains("<th scope=\"col\">human_idle</th><th scope=\"col\">review_state</th><th scope=\"col\">checks</th></tr>"))
        #expect(ready.contains("<td class=\"duration\" data-sort=\"\(TimeSpan.days(4).milliseconds)\">4d</td><td>approved</td><td>success</td></tr>"))
        let linked = try #require(sections.first { $0.rule == "linked" }?.text)
        #expect(linked.contains("<td class=\"labels\" data-sort=\"2\"><span class=\"chip\">#38 merged</span> <span class=\"chip\">#40 open draft</span></td></tr>"))
    }

    /// A value evaluation did not load is shown as not read: the report never fetches for a column.
    @Test func aLazyValueNoRuleLoadedIsNotFetchedForTheReport() async throws {
        let rules = validRuleSet("""
            rules:
              - name: either
                when: number == 1 or len(commenters) > 1
            """).rules
        let issues = [1, 2].map { TriageLanguage.Issue(number: $0, title: "t\($0)", author: "a", comments: 3, created: testNow, updated: testNow) }
        let provider = CountingProvider(issues: issues)
        let html = try await Self.render(rules, provider: provider)
        let rows = html.split(separator: "\n").filter { $0.hasPrefix("<tr data-number=") }
        #expect(rows.count == 2)
        #expect(rows[0].hasSuffix("title=\"not read: no rule needed it for this issue\">n/a</td></tr>"))
        #expect(rows[1].hasSuffix("<td class=\"labels\"><span class=\"chip\">someone</span> <span class=\"chip\">a</span></td></tr>"))
        #expect(provider.commentLoads.total == 1)
    }

    @Test func onlyTheHTMLFormatAsksForFieldValues() async throws {
        for format in CheckFormat.allCases where format != .html { #expect(format.reportedFields(for: Self.rules).isEmpty) }
        #expect(CheckFormat.html.reportedFields(for: Self.rules) == [.author, .labels, .age, .idle, .lastComment])
        // Without reported fields the engine hands out none (the other formats keep memory flat).
        let engine = RuleEngine(rules: Self.rules, options: .init(now: testNow, concurrency: 1))
        _ = try await engine.run(provider: InMemoryProvider(issues: Self.issues), query: .everything) { #expect($0.fieldValues.isEmpty) }
    }

    // MARK: apply

    @Test func theApplyReportListsEachRulesWritesWithTheirStatus() async throws {
        let rules = validRuleSet("""
            rules:
              - name: label-crashes
                description: Crashes get "bug" & a comment
                when: title ~ "(?i)crash|onerror"
                actions:
                  - label: bug
                  - comment: Thanks!
              - name: nothing-to-do
                when: number < 0
                actions:
                  - close: true
              - name: read-only
                when: number > 0
            """).rules
        let tracker = InMemoryTracker(issues: Self.issues)
        let run = try ApplyRun(rules: rules, options: .init(now: testNow, perform: true, maxOperations: 2, evaluationConcurrency: 1))
        let result = try await run.run(provider: tracker)
        let html = ApplyReport.html(result, rules: run.rules, source: "memory", now: testNow)
        #expect(!html.contains("<img") && html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(html.contains("<section class=\"rule\" id=\"rule-0\" data-rule=\"label-crashes\" data-writes=\"3\" data-issues=\"2\">"))
        #expect(html.contains("<section class=\"rule\" id=\"rule-1\" data-rule=\"nothing-to-do\" data-writes=\"0\" data-issues=\"0\">"))
        #expect(!html.contains("read-only"))
        let rows = html.split(separator: "\n").filter { $0.hasPrefix("<tr data-number=") }.map { line in
            String(line.split(separator: "\"")[1]) + ":" + String(line.split(separator: "\"")[3])
        }
        let execution = try #require(result.execution)
        #expect(execution.done == 2 && execution.notDone == 1)
        let expected = execution.entries.map { entry, status in "\(entry.issue.number):" + (status == .done ? "done" : "not_done") }
        #expect(rows == expected, "\(rows)")
        #expect(html.contains("<dt>Mode</dt><dd>writes performed (--yes)</dd>"))
        #expect(html.contains("<p class=\"description\">Crashes get &quot;bug&quot; &amp; a comment</p>"))
        #expect(Self.elementNames(in: html).subtracting(Self.reporterElements).isEmpty)
    }

    /// A report the run will create has no number yet: its row says it is new, as the text and
    /// Markdown say, where it showed `#0`; once made, the row names the number the tracker gave it.
    @Test func aReportToBeCreatedIsShownAsNewThenByItsNumber() async throws {
        let rules = validRuleSet("""
            rules:
              - name: crash-report
                when: title ~ "(?i)crash"
                actions:
                  - report: {title: Crashes}
            """).rules
        let tracker = InMemoryTracker(issues: Self.issues)
        func cell(perform: Bool) async throws -> String {
            let run = try ApplyRun(rules: rules, options: .init(now: testNow, perform: perform, evaluationConcurrency: 1))
            let html = ApplyReport.html(try await run.run(provider: tracker), rules: run.rules, source: "memory", now: testNow)
            let row = try #require(html.split(separator: "\n").first { $0.hasPrefix("<tr data-") })
            return String(try #require(row.components(separatedBy: "<td").dropFirst().first)).components(separatedBy: "</td>")[0]
        }
        let planned = try await cell(perform: false)
        #expect(planned.hasSuffix(">new issue") && !planned.contains("#0"), "\(planned)")
        let created = try await cell(perform: true)
        let number = try #require(tracker.issues.last?.number)
        #expect(created.hasSuffix(">#\(number)") || created.hasSuffix(">#\(number)</a>"), "\(created)")
    }

    // MARK: helpers

    /// One rule section of a page: its hooks, the numbers of its rows in order, its text.
    struct Section {
        var rule: String
        var matches: Int
        var rows: [Int]
        var text: Substring
    }

    static func sections(in html: String) -> [Section] {
        html.components(separatedBy: "<section class=\"rule\"").dropFirst().map { chunk in
            let text = chunk.components(separatedBy: "</section>")[0]
            let attribute = { (name: String) -> String in
                let start = text.range(of: " \(name)=\"")!.upperBound
                return String(text[start...].prefix { $0 != "\"" })
            }
            let rows = text.components(separatedBy: "<tr data-number=\"").dropFirst().map { Int($0.prefix { $0 != "\"" })! }
            return Section(rule: attribute("data-rule"), matches: Int(attribute("data-matches"))!, rows: rows, text: Substring(text))
        }
    }

    /// The names of the elements a page opens (`<name`), script text aside.
    static func elementNames(in html: String) -> Set<String> {
        let withoutScript = html.components(separatedBy: "<script>")[0]
        var names = Set<String>()
        var rest = Substring(withoutScript)
        while let open = rest.firstIndex(of: "<") {
            let name = rest[rest.index(after: open)...].prefix { $0.isLetter || $0.isNumber }
            if !name.isEmpty { names.insert(name.lowercased()) }
            rest = rest[rest.index(after: open)...]
        }
        return names
    }

    static let reporterElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "header", "h1", "dl", "div", "dt", "dd", "main", "section", "h2", "figure", "colgroup", "col",
        "figcaption", "svg", "a", "g", "rect", "text", "line", "span", "p", "table", "thead", "tbody", "tr", "th", "td", "ul", "li", "code",
    ]
}
