import Testing
import TriageTestSupport
@testable import TriageEngine
import TriageLanguage
import TriageRules
import TriageJSON

/// The collected `check` formats written in pieces (json, markdown, html and the job summary, as
/// text before them): each report of thousands of matches must arrive in many writes, none much
/// over `ChunkedOutput.size`, and be byte for byte the document the whole-string renderers wrote.
/// The expected SHA-256 and sizes were taken from those renderers (commit 2e4fda1) on the same
/// outcomes; the version, which the HTML page names, is replaced by `VERSION` before hashing.
struct ReportPiecesTests {
    static let rules = validRuleSet("""
        rules:
          - name: first
            description: The first rule <with> "markup" & *emphasis*
            when: number > 0
          - name: second
            severity: error
            when: number > 0
          - name: third
            when: number > 0
          - name: never
            severity: info
            when: number > 0
        """).rules

    /// `MatchCollectorTests`' issues, with the values the HTML report shows (some missing), an
    /// evaluation error on every 97th and rules not evaluated on every 101st.
    static func outcomes(count: Int) -> [IssueOutcome] {
        MatchCollectorTests.outcomes(count: count).map { outcome in
            var outcome = outcome
            let number = outcome.issue.number
            if number % 7 != 0 {
                outcome.fieldValues = [
                    .author: .string(number % 2 == 0 ? "alice" : "<b>bob</b>"),
                    .labels: .strings(number % 3 == 0 ? [] : ["bug", "needs & triage"]),
                    .age: .duration(.hours(Int64(number % 9_000))),
                    .idle: number % 5 == 0 ? .null : .duration(.days(Int64(number % 400))),
                ]
            }
            if number % 97 == 0 { outcome.errors = [RuleEvaluationError(rule: "second", number: number, message: "no <comments> for #\(number)", repo: outcome.issue.repo)] }
            if number % 101 == 0 { outcome.notEvaluatedRules = [1, 2] }
            return outcome
        }
    }

    /// The report of `format` on `outcomes`, written into `output`.
    static func render(_ format: CheckFormat?, spanning: Bool, outcomes: [IssueOutcome], into output: inout MatchCollectorTests.PieceCounter) {
        let context = CheckContext(source: "memory:many", now: testNow, rules: rules, spansRepositories: spanning)
        let matches = outcomes.reduce(0) { $0 + $1.matchedRules.count }
        let errors = outcomes.reduce(0) { $0 + $1.errors.count }
        let summary = CheckSummary(statistics: .init(issuesRead: outcomes.count, matches: matches, errors: errors), elapsedSeconds: 2.5,
                                   apiCalls: 12, notModified: 3)
        if let format {
            var reporter = format.makeReporter(context: context)
            for outcome in outcomes { _ = reporter.record(outcome) }
            reporter.finish(summary, to: &output)
        } else {
            // Long lists, so that the byte cap cuts the summary too.
            var reporter = CheckJobSummary(context: context, limits: SummaryLimits(itemsPerList: 1_500, maxBytes: 200_000))
            for outcome in outcomes { _ = reporter.record(outcome) }
            reporter.finish(summary, to: &output)
        }
    }

    /// Format (nil: the job summary), spanning repositories, SHA-256 of the output, its size.
    static let expected: [(format: CheckFormat?, spanning: Bool, sha256: String, bytes: Int)] = [
        (.json, false, "50997a17fe3224c5395523d50921a65c1f4974dc7ccea7807a312897ba969703", 1181408),
        (.json, true, "864884ef596b4ba8c75893a1495f30370cca44527a77586ee2b0b7b378f17042", 1364672),
        (.markdown, false, "7d636749375bf6eeafceef37aefc7b5079ba647994b5af63049ecd31608bdbff", 692298),
        (.markdown, true, "f37a66187577c6421cbd6b86424ac51ff141fafd38c01e3d4b56e64efe9ef212", 730366),
        (.html, false, "feba1192c2598735833cc23cdef07694342864a30ec36e88309960b5a9ed555c", 2765374),
        (.html, true, "3df25abfdd68e2d51b3b0c24d25c7a8614db665a4702929869dcb7e0740395e0", 2815484),
        (nil, false, "6cd89e7ebdce9ed06ba16daa43d41e3cf9995d922f6a3c84567a854d75dc9346", 198959),
        (nil, true, "431e6aa8c4c598d768338916d5e562d20b228ccd755bb93efc4d2ce09ae7c5b7", 199133),
    ]

    @Test(arguments: [CheckFormat.json, .markdown, .html, nil], [false, true])
    func aLargeReportArrivesInPiecesAsBefore(format: CheckFormat?, spanning: Bool) throws {
        var output = MatchCollectorTests.PieceCounter()
        Self.render(format, spanning: spanning, outcomes: Self.outcomes(count: 6_000), into: &output)
        let text = output.text.replacingAll(TriageVersion.current, with: "VERSION")
        let digest = SHA256.digest(text.utf8).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let expected = try #require(Self.expected.first { $0.format == format && $0.spanning == spanning })
        #expect(digest == expected.sha256 && text.utf8.count == expected.bytes)
        if format == nil { #expect(text.contains("_The summary was cut to stay under 195 KiB._")) }
        // The job summary, cut at 200,000 bytes here, arrives in pieces too.
        #expect(output.writes > 3 && output.largestWrite < 2 * ChunkedOutput<String>.size, "\(output.writes) writes, largest \(output.largestWrite)")
    }

    /// Titles, repositories, messages and a source with quotes, markup, control characters, NUL,
    /// U+2028/U+2029 and non-ASCII; `count` issues, matching some rules (rule 3 never) when
    /// `matching`, every 2nd with an error.
    static func hostileOutcomes(count: Int, matching: Bool) -> [IssueOutcome] {
        let texts = ["\"quoted\" \\ </script><script>alert(1)</script>", "nul\u{0}bell\u{7}del\u{7F}", "line\u{2028}para\u{2029}end",
                     "ünï 🚀 &amp; <b>", ""]
        return (0..<count).map { number in
            let text = texts[number % texts.count]
            let issue = IssueReference(number: number + 1, title: text, url: number % 3 == 0 ? "" : "https://example.test/\(text)",
                                       repo: "o/\(texts[(number + 1) % texts.count])")
            let errors = number % 2 == 0 ? [RuleEvaluationError(rule: "second", number: number + 1, message: text, repo: issue.repo)] : []
            return IssueOutcome(issue: issue, matchedRules: matching ? [0, 1, 2].filter { (number + $0) % 2 == 0 } : [], errors: errors)
        }
    }

    /// json on no issues, on errors only, and on hostile strings with a rule of no match among
    /// others: the document `serialized(pretty: true)` gives for the tree the whole-document
    /// renderer built (2e4fda1's `JSONCheckReporter`, rebuilt here as the oracle).
    @Test(arguments: [(0, true), (40, false), (40, true)], [false, true])
    func edgeCasesStreamAsTheTreeSerialized(cases: (count: Int, matching: Bool), spanning: Bool) {
        let outcomes = Self.hostileOutcomes(count: cases.count, matching: cases.matching)
        let source = "file:\"odd\u{2028}</script>\u{0}.json"
        let context = CheckContext(source: source, now: testNow, rules: Self.rules, spansRepositories: spanning)
        var reporter = CheckFormat.json.makeReporter(context: context)
        for outcome in outcomes { _ = reporter.record(outcome) }
        let streamed = reporter.finish(CheckSummary(statistics: .init(issuesRead: outcomes.count, matches: 0, errors: 0), elapsedSeconds: 1))

        let repo = { (repo: String) -> [(String, JSONValue)] in spanning ? [("repo", .string(repo))] : [] }
        let rules: [JSONValue] = Self.rules.enumerated().map { index, rule in
            .object([("name", .string(rule.name)), ("severity", .string(rule.severity.rawValue)),
                     ("matches", .array(outcomes.filter { $0.matchedRules.contains(index) }.map { outcome in
                         .object(repo(outcome.issue.repo) + [("number", .int(outcome.issue.number)), ("title", .string(outcome.issue.title)),
                                                             ("url", .string(outcome.issue.url))])
                     }))])
        }
        let errors: [JSONValue] = outcomes.flatMap(\.errors).map { error in
            .object([("rule", .string(error.rule))] + repo(error.repo) + [("number", .int(error.number)), ("message", .string(error.message))])
        }
        let document: JSONValue = .object([("source", .string(source)), ("now", .string(testNow.rfc3339)), ("issues", .int(outcomes.count)),
                                           ("rules", .array(rules)), ("errors", .array(errors))])
        #expect(streamed == document.serialized(pretty: true) + "\n")
    }
}

private extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
