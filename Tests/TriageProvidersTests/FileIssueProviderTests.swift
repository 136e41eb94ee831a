import Foundation
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders

/// The `file:` provider end to end on files it writes itself.
struct FileIssueProviderTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func readAll(_ provider: FileIssueProvider) async throws -> [TriageLanguage.Issue] {
        var issues: [TriageLanguage.Issue] = []
        for try await issue in provider.issues(matching: .everything) { issues.append(issue) }
        return issues
    }

    @Test func anErrorInAPrettyPrintedArrayNamesTheLineOfTheError() async throws {
        let path = try write("[\n  {\n    \"number\": 1,\n    \"created\": \"2024-01-01\"\n  },\n  {\n    \"number\": 2,\n    \"created\": \"2024-01-01\",\n    \"comments\": \"many\"\n  }\n]\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        await #expect {
            _ = try await readAll(FileIssueProvider(path: path))
        } throws: { error in
            guard let error = error as? FileSourceError else { return false }
            return error.line == 9 && error.description.hasPrefix("\(path):9: expected an integer for \"comments\"")
        }
    }

    @Test func keepGoingSkipsAndCountsMalformedLines() async throws {
        let path = try write("{\"number\": 1, \"created\": \"2024-01-01\"}\n{\"number\": \n{\"number\": 3, \"created\": \"2024-01-01\"}\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let provider = FileIssueProvider(path: path, keepGoing: true)
        #expect(try await readAll(provider).map(\.number) == [1, 3])
        #expect(provider.skippedRecords == 1)
    }

    @Test func lazyDataComesOnlyFromEmbeddedData() async throws {
        let provider = FileIssueProvider(path: "/nonexistent")
        let bare = TriageLanguage.Issue(number: 1, comments: 2, created: Timestamp(millisecondsSinceEpoch: 0), updated: Timestamp(millisecondsSinceEpoch: 0))
        await #expect(throws: LazyDataUnavailable.self) { _ = try await provider.loadComments(of: bare) }
        var embedded = bare
        embedded.embeddedComments = []
        #expect(try await provider.loadComments(of: embedded).isEmpty)
    }

    @Test func aMissingFileFailsWhenRead() async throws {
        await #expect(throws: FileSourceError.self) { _ = try await readAll(FileIssueProvider(path: "/nonexistent/issues.jsonl")) }
    }
}
