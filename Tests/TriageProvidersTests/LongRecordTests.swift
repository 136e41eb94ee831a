import Foundation
import Testing
import TriageLanguage
import TriageProviders

/// Records longer than the reader's chunk are decoded in place rather than copied into a batch:
/// the same issues, the same order, the same errors with their lines as short records get.
struct LongRecordTests {
    /// A body of `count` bytes of text with escapes, so the scanner has work beyond copying.
    static func body(_ count: Int) -> String {
        String(repeating: "a \\\"long\\\" line\\n", count: count / 16)
    }

    func file(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-long-\(UUID().uuidString).jsonl").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func issue(_ number: Int, body: String = "short") -> String {
        #"{"number": \#(number), "created": "2024-01-01", "body": "\#(body)"}"#
    }

    @Test func longRecordsInterleavedWithShortOnesKeepOrderCountsAndLines() async throws {
        let long = Self.body(3 << 20)
        // 600 short records around them, so long ones fall inside batches and at their edges.
        var lines = (1...300).map { issue($0) }
        lines.append(issue(301, body: long))
        lines.append(#"{"number": "three hundred and two", "body": "\#(long)"}"#)
        lines += (303...600).map { issue($0) }
        lines.append(issue(601, body: long))
        let path = try file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }

        let provider = FileIssueProvider(path: path, keepGoing: true)
        var issues: [TriageLanguage.Issue] = []
        for try await issue in provider.issues(matching: .everything) { issues.append(issue) }
        #expect(issues.map(\.number) == Array(1...301) + Array(303...601))
        #expect(provider.skippedRecords == 1)
        let expectedBody = long.replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\n", with: "\n")
        #expect(issues.filter { $0.body.utf8.count > 1 << 20 }.map(\.number) == [301, 601])
        #expect(issues.first { $0.number == 601 }?.body == expectedBody)

        await #expect {
            for try await _ in FileIssueProvider(path: path).issues(matching: .everything) {}
        } throws: { error in
            (error as? FileSourceError)?.line == 302
        }
    }
}
