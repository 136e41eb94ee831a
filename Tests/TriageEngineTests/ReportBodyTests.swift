import Testing
import TriageEngine
import TriageLanguage
import TriageTestSupport

/// The report body against what a server gives back and what it counts (SPEC §8): an unchanged
/// report is not edited again when the server returns it with CRLF line breaks or without its
/// trailing newline, a changed one is (compared byte for byte, not by Unicode equivalence), and
/// the 65,536 limit counts characters, so titles in other scripts are not cut at a third of it.
struct ReportBodyTests {
    static let created = Timestamp(year: 2024, month: 5, day: 1)!

    static func bug(_ number: Int, title: String) -> TriageLanguage.Issue {
        TriageLanguage.Issue(number: number, title: title, state: "open", author: "dana", labels: ["bug"], created: created, updated: created,
                             url: "https://example.com/\(number)")
    }

    /// The rules of `ConversationActionPlanningTests`: `open-bugs` reports open bugs.
    static let rules = ConversationActionPlanningTests.reportRules

    /// The tracker holding bug #1 titled `title` and the report #2 whose stored body is `stored`
    /// applied to what this run renders.
    static func tracker(title: String, stored: (String) -> String) -> InMemoryTracker {
        let rendered = ReportBody.render(rule: "open-bugs", description: "Open bugs | triage", rows: [ReportRow(bug(1, title: title))], now: testNow)
        let report = TriageLanguage.Issue(number: 2, title: "Bug report", body: stored(rendered), state: "open", author: "bot",
                                          labels: ["triage-report"], created: created, updated: created, url: "https://example.com/2")
        return InMemoryTracker(issues: [bug(1, title: title), report])
    }

    static func run(on tracker: InMemoryTracker) async throws -> ApplyRun.Result {
        try await ApplyRun(rules: validRuleSet(rules).rules, options: .init(now: testNow, perform: true, writeConcurrency: 1,
                                                                           evaluationConcurrency: 1)).run(provider: tracker)
    }

    @Test func anUnchangedReportIsNotEditedWhenTheServerReturnsItWithCRLFOrWithoutItsLastNewline() async throws {
        let crlf = Self.tracker(title: "Crash") { $0.replacing("\n", with: "\r\n") }
        let crlfRun = try await Self.run(on: crlf)
        #expect(crlf.writes.isEmpty && crlfRun.plan.alreadyDone == 1)

        let trimmed = Self.tracker(title: "Crash") { String($0.dropLast()) }
        let trimmedRun = try await Self.run(on: trimmed)
        #expect(trimmed.writes.isEmpty && trimmedRun.plan.alreadyDone == 1)
    }

    @Test func aReportWhoseTitleChangedOnlyInUnicodeNormalisationIsEdited() async throws {
        // "é" precomposed in the stored report, decomposed in the issue now: Swift's `==` calls the
        // two equal, the bytes (and what the reader's browser shows for search) differ.
        let tracker = Self.tracker(title: "Cafe\u{301}") { $0.replacing("Cafe\u{301}", with: "Caf\u{E9}") }
        #expect(tracker.issues[1].body.contains("Caf\u{E9}") && !tracker.issues[1].body.utf8.elementsEqual(
            ReportBody.render(rule: "open-bugs", description: "Open bugs | triage", rows: [ReportRow(Self.bug(1, title: "Cafe\u{301}"))], now: testNow).utf8))
        _ = try await Self.run(on: tracker)
        #expect(tracker.writes == ["#2 update report listing 1 issue"])
    }

    @Test func theLimitCountsCharactersNotBytes() {
        // 40 CJK characters a title: 120 UTF-8 bytes, 40 characters.
        let title = String(repeating: "漢", count: 40)
        let rows = (1...2000).map { ReportRow(number: $0, title: title, url: "https://example.com/\($0)", author: "dana", created: Self.created, labels: []) }
        let body = ReportBody.render(rule: "many", description: nil, rows: rows, now: testNow)
        let row = "| [#1999](https://example.com/1999) | \(title) | dana | 31d |  |\n"
        #expect(body.unicodeScalars.count <= ReportBody.limit)
        // Full: not even one more row would have fitted.
        #expect(body.unicodeScalars.count + row.unicodeScalars.count > ReportBody.limit - 64, "\(body.unicodeScalars.count) characters")
    }

    /// GFM splits a table row at every `|` not preceded by a backslash escape, and `\\` is itself
    /// an escape: a title ending a backslash before its `|` must not end the cell early.
    @Test func aBackslashBeforeAPipeInATitleDoesNotSplitTheCell() {
        let row = ReportRow(number: 1, title: #"path\|x"#, url: "", author: "a", created: Self.created, labels: [])
        let body = ReportBody.render(rule: "r", description: nil, rows: [row], now: testNow)
        #expect(body.contains(#"| #1 | path\\\|x | a | 31d |  |"#), "\(body)")
    }

    /// A title's mentions and references are broken with a zero-width space, so editing the report
    /// never notifies anyone nor cross-references other issues; `#` and `!` not before a digit stay.
    @Test func mentionsAndReferencesInTitlesDoNotNotify() {
        let row = ReportRow(number: 7, title: "Thanks @dana! See #12, !3 and C# #x", url: "", author: "a", created: Self.created, labels: [])
        let body = ReportBody.render(rule: "r", description: nil, rows: [row], now: testNow)
        #expect(body.contains("| #7 | Thanks @&#8203;dana! See #&#8203;12, !&#8203;3 and C# #x | a | 31d |  |"), "\(body)")
    }

    /// Two overlapping runs may each have opened a report: the next run keeps the oldest and
    /// closes the newer one, so one report per repository remains.
    @Test func aNewerDuplicateReportIsClosedAndTheOldestKept() async throws {
        let tracker = Self.tracker(title: "Crash") { $0 }
        var duplicate = tracker.issues[1]
        duplicate.number = 3
        let withDuplicate = InMemoryTracker(issues: tracker.issues + [duplicate])
        let result = try await Self.run(on: withDuplicate)
        #expect(withDuplicate.writes == ["#3 close duplicate report (an older one stays)"])
        #expect(result.plan.alreadyDone == 1 && withDuplicate.issues.map(\.state) == ["open", "open", "closed"])
        let again = try await Self.run(on: withDuplicate)
        #expect(again.plan.entries.isEmpty && withDuplicate.writes.count == 1)
    }
}
