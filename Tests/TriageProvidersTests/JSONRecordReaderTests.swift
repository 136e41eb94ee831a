import Foundation
import Testing
import TriageTestSupport
import TriageLanguage
import TriageProviders

/// The record reader frames JSON arrays and JSON Lines in chunks, with line numbers for every record
/// and every framing error.
@Suite struct JSONRecordReaderTests {
    /// Reads all records of `text`, returning them and the first error (after which reading stops).
    static func read(_ text: String, chunkSize: Int = 1 << 20) throws -> (records: [JSONRecord], error: JSONRecordError?) {
        try read(Array(text.utf8), chunkSize: chunkSize)
    }

    static func read(_ bytes: [UInt8], chunkSize: Int = 1 << 20, continueAfterErrors: Bool = false) throws -> (records: [JSONRecord], error: JSONRecordError?) {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: chunkSize)
        var records: [JSONRecord] = []
        var firstError: JSONRecordError?
        while true {
            do {
                guard let record = try reader.next() else { break }
                records.append(record)
            } catch {
                if firstError == nil { firstError = error }
                if !continueAfterErrors { break }
            }
        }
        return (records, firstError)
    }

    static func texts(_ records: [JSONRecord]) -> [String] { records.map { String(decoding: $0.bytes, as: UTF8.self) } }

    @Test func recordedGitHubArraySpanningLines() throws {
        let records = try Fixture.records("github-paginate-issues.json")
        #expect(records.map(\.line) == [2, 62, 122, 182, 242, 302, 362, 422, 482, 542, 602, 662, 722])
        #expect(records.allSatisfy { $0.bytes.first == UInt8(ascii: "{") && $0.bytes.last == UInt8(ascii: "}") })
        let numbers = try records.map { try IssueJSONDecoder().decode($0.bytes).number }
        #expect(numbers == Array((1...13).reversed()))
    }

    @Test(arguments: [16, 17, 64, 1000])
    func recordsSpanningManyChunks(chunkSize: Int) throws {
        let whole = try Fixture.records("github-paginate-issues.json")
        let chunked = try Fixture.records("github-paginate-issues.json", chunkSize: chunkSize)
        #expect(chunked == whole)
        let lines = try Self.read(Array(Self.jsonLines.utf8), chunkSize: chunkSize)
        #expect(lines.error == nil)
        #expect(lines.records.map(\.line) == [1, 3, 6])
    }

    static let jsonLines = "{\"a\": 1}\n\n{\"b\": \"x\\n}\"}  \r\n\r\n   \t\n{\"c\": [1, {\"d\": 2}]}"

    @Test func jsonLinesWithBlankLinesCRLFAndNoFinalNewline() throws {
        let (records, error) = try Self.read(Self.jsonLines)
        #expect(error == nil)
        #expect(Self.texts(records) == [#"{"a": 1}"#, #"{"b": "x\n}"}"#, #"{"c": [1, {"d": 2}]}"#])
        #expect(records.map(\.line) == [1, 3, 6])
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let lines = try Self.read(bom + Array("{\"a\":1}\n{\"b\":2}\n".utf8))
        #expect(Self.texts(lines.records) == [#"{"a":1}"#, #"{"b":2}"#])
        let array = try Self.read(bom + Array("\n[{\"a\":1}]".utf8))
        #expect(Self.texts(array.records) == [#"{"a":1}"#])
        #expect(array.records.first?.line == 2)
    }

    @Test func arrayWithWhitespaceAndNestedBrackets() throws {
        let text = " [\n {\"s\": \"]}[{\\\"\", \"n\": [[], {}]} ,\n\n{}\n,{\"x\":\"\\\\\"}\n]\n\n"
        let (records, error) = try Self.read(text)
        #expect(error == nil)
        #expect(Self.texts(records) == [#"{"s": "]}[{\"", "n": [[], {}]}"#, "{}", #"{"x":"\\"}"#])
        #expect(records.map(\.line) == [2, 4, 5])
    }

    @Test(arguments: ["", "   \n\n", "[]", " [ ] \n", "\u{FEFF}"])
    func inputsWithoutRecords(text: String) throws {
        let (records, error) = try Self.read(text)
        #expect(records.isEmpty)
        #expect(error == nil)
    }

    @Test func malformedLineReportsItsLineAndReadingGoesOn() throws {
        let text = "{\"a\":1}\n\n[1]\n{\"b\":2}\n{\"c\":\n  3}\n{\"d\":4}\n"
        let (records, error) = try Self.read(Array(text.utf8), continueAfterErrors: true)
        #expect(error == JSONRecordError(message: "expected a JSON object ('{'), found '['", line: 3))
        #expect(Self.texts(records) == [#"{"a":1}"#, #"{"b":2}"#, #"{"d":4}"#])
        #expect(records.map(\.line) == [1, 4, 7])

        let (_, incomplete) = try Self.read("{\"a\":1}\n{\"c\":\n  3}\n")
        #expect(incomplete?.line == 2)
        #expect(incomplete?.message.hasPrefix("incomplete JSON object") == true)
    }

    @Test func malformedRecordContentIsLeftToTheDecoder() throws {
        // Framing only needs '{' … '}' on the line; the decoder reports the rest with a byte offset.
        let (records, error) = try Self.read("{\"a\": tru}\n")
        #expect(error == nil)
        let decodeError = #expect(throws: IssueJSONError.self) { try IssueJSONDecoder().decode(records[0].bytes) }
        #expect(decodeError?.byteOffset == 9)  // the byte where "tru" stops matching "true"
    }

    @Test func truncatedArrayReportsTheLine() throws {
        let (records, error) = try Self.read("[\n{\"a\":1},\n{\"b\":2}\n\n")
        #expect(records.count == 2)
        #expect(error == JSONRecordError(message: "unexpected end of input: the JSON array is not closed with ']'", line: 5))

        let (cut, cutError) = try Self.read("[\n{\"a\":1},\n{\"b\":\n[2,\n", chunkSize: 16)
        #expect(cut.count == 1)
        #expect(cutError == JSONRecordError(message: "unexpected end of input inside the object that starts on line 3", line: 5))

        let (_, stringError) = try Self.read("[{\"a\":\"never closed}]\n")
        #expect(stringError?.message == "unexpected end of input inside the object that starts on line 1")
    }

    @Test(arguments: [
        ("[{\"a\":1} {\"b\":2}]", "expected ',' or ']' after an array element, found '{'", 1),
        ("[{\"a\":1},\n]", "expected an object as array element, found ']' after ','", 2),
        ("[\n\n1, {}]", "expected an object as array element, found '1'", 3),
        ("[{}]\n{}", "unexpected data after the JSON array: '{'", 2),
        ("[{\"a\":[1}]", "mismatched '}' in the object that starts on line 1", 1),
        ("\n\nx", "expected a JSON array ('[') or JSON Lines objects ('{'), found 'x'", 3),
    ])
    func framingErrorsReportTheLine(text: String, message: String, line: Int) throws {
        let (_, error) = try Self.read(text)
        #expect(error == JSONRecordError(message: message, line: line))
    }

    @Test func arrayStopsAfterAnError() throws {
        let path = try temporaryFile(Array("[{}, 1, {}]".utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor)
        #expect(try reader.next() != nil)
        #expect(throws: JSONRecordError.self) { try reader.next() }
        #expect(try reader.next() == nil)
    }

    @Test func largeRecordsInSmallChunksAndMemoryReturnsAfterwards() throws {
        let body = String(repeating: "0123456789abcdef\\n\\\"é", count: 500_000)  // ~10 MB
        var text = "[{\"number\": 1, \"created\": \"2024-01-01\", \"body\": \"\(body)\"},\n{\"number\": 2, \"created\": \"2024-01-01\"}]"
        let (records, error) = try Self.read(text, chunkSize: 1 << 16)
        #expect(error == nil)
        #expect(records.count == 2)
        #expect(records[1].line == 2)
        let issue = try IssueJSONDecoder().decode(records[0].bytes)
        #expect(issue.body.utf8.count == 500_000 * 20)
        #expect(try IssueJSONDecoder().decode(records[1].bytes).number == 2)

        text = "{\"number\": 1, \"created\": \"2024-01-01\", \"body\": \"\(body)\"}\n{\"number\": 2, \"created\": \"2024-01-01\"}\n"
        let lines = try Self.read(text, chunkSize: 1 << 16)
        #expect(lines.records.map(\.bytes.count) == [records[0].bytes.count, 38])
    }

    @Test func recordLargerThanTheLimitIsAnError() throws {
        let path = try temporaryFile(Array(("[{\"a\": \"" + String(repeating: "x", count: 5000) + "\"}]").utf8))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: 256)
        reader.maxRecordSize = 1000
        let error = #expect(throws: JSONRecordError.self) { try reader.next() }
        #expect(error?.message == "object larger than the maximum record size (1000 bytes)")
    }

    @Test func zeroCopyRecordsDecodeInPlace() throws {
        let descriptor = open(Fixture.path("gitlab-issues.json"), O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: 100)
        let decoder = IssueJSONDecoder()
        var numbers: [Int] = []
        while let (result, line) = try reader.nextRecord({ bytes, line in
            (Result { () throws(IssueJSONError) -> TriageLanguage.Issue in try decoder.decode(bytes) }, line)
        }) {
            numbers.append(try result.get().number)
            #expect(line == 1)
        }
        #expect(numbers == [1, 2])
    }

    @Test func readsFromAPipe() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let writer = fds[1]
        let text = Array(String(repeating: "{\"number\": 1, \"created\": \"2024-01-01\"}\n\n", count: 2000).utf8)
        let thread = Thread {
            text.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let written = write(writer, raw.baseAddress! + offset, min(777, raw.count - offset))
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writer)
        }
        thread.start()
        defer { close(fds[0]) }
        var reader = JSONRecordReader(fileDescriptor: fds[0], chunkSize: 4096)
        var count = 0
        var lastLine = 0
        while let record = try reader.next() {
            count += 1
            lastLine = record.line
        }
        #expect(count == 2000)
        #expect(lastLine == 3999)
    }

    @Test func errorDescriptionIncludesTheLine() {
        #expect(JSONRecordError(message: "bad", line: 3).description == "line 3: bad")
    }
}

/// `nextIssue(using:)`, which decodes array elements in place, gives what framing then decoding gives.
@Suite struct JSONRecordReaderDecodingTests {
    static func issues(_ bytes: [UInt8], chunkSize: Int = 1 << 20) throws -> [(line: Int, issue: Result<TriageLanguage.Issue, IssueJSONError>)] {
        let path = try temporaryFile(bytes)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: chunkSize)
        var all: [(line: Int, issue: Result<TriageLanguage.Issue, IssueJSONError>)] = []
        while let next = try reader.nextIssue(using: IssueJSONDecoder()) { all.append(next) }
        return all
    }

    @Test(arguments: [16, 100, 4096, 1 << 20])
    func sameAsFramingThenDecoding(chunkSize: Int) throws {
        let bytes = try Array(Data(contentsOf: URL(fileURLWithPath: Fixture.path("github-paginate-issues.json"))))
        let framed = try Fixture.records("github-paginate-issues.json")
        let decoded = try Self.issues(bytes, chunkSize: chunkSize)
        #expect(decoded.map(\.line) == framed.map(\.line))
        #expect(try decoded.map { try $0.issue.get() } == framed.map { try IssueJSONDecoder().decode($0.bytes) })
    }

    @Test(arguments: [8, 1 << 20])
    func malformedElementIsAFailureAndReadingGoesOn(chunkSize: Int) throws {
        let text = "[{\"number\":1,\"created\":\"2024-01-01\"},\n {\"number\":\"two\",\n \"created\":\"2024-01-01\"},\n{\"number\":3,\"created\":\"2024-01-01\"}]"
        let all = try Self.issues(Array(text.utf8), chunkSize: chunkSize)
        #expect(all.map(\.line) == [1, 2, 4])
        #expect(try all[0].issue.get().number == 1)
        #expect(throws: IssueJSONError(message: #"expected an integer for "number""#, byteOffset: 10)) { try all[1].issue.get() }
        #expect(try all[2].issue.get().number == 3)
    }

    @Test func jsonLinesDecodeToo() throws {
        let all = try Self.issues(Array("{\"number\":1,\"created\":\"2024-01-01\"}\n\n{\"number\":2}\n".utf8))
        #expect(all.map(\.line) == [1, 3])
        #expect(try all[0].issue.get().number == 1)
        #expect(throws: IssueJSONError.self) { try all[1].issue.get() }
    }

    @Test func backToBackArraysAsGitHubPaginationWritesThem() throws {
        let text = "[{\"number\":1,\"created\":\"2024-01-01\"}]\n[{\"number\":2,\"created\":\"2024-01-01\"},\n{\"number\":3,\"created\":\"2024-01-01\"}][]\n"
        let all = try Self.issues(Array(text.utf8))
        #expect(try all.map { try $0.issue.get().number } == [1, 2, 3])
        #expect(all.map(\.line) == [1, 2, 3])
        let (_, error) = try JSONRecordReaderTests.read("[{}]\n[{}] x")
        #expect(error == JSONRecordError(message: "unexpected data after the JSON array: 'x'", line: 2))
    }
}

/// Randomly damaged inputs end in records, failures or errors, never a crash or a loop.
@Suite struct JSONRecordReaderDamageTests {

    @Test(arguments: ["github-paginate-issues.json", "gitlab-issues.json"])
    func damagedFilesTerminate(fixture: String) throws {
        let original = try Array(Data(contentsOf: URL(fileURLWithPath: Fixture.path(fixture))))
        var random = SplitMix64(seed: 2024)
        let alphabet = Array("{}[]\",:\\ \n0a-".utf8) + [0x00, 0xFF]
        for round in 0..<60 {
            var bytes = original
            for _ in 0..<(1 + round % 6) {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch random.next() % 3 {
                case 0: bytes[index] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: index)
                default: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                }
            }
            let path = try temporaryFile(bytes)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let descriptor = open(path, O_RDONLY)
            defer { close(descriptor) }
            var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: 64)
            var steps = 0
            while steps < 10_000 {
                steps += 1
                do {
                    guard let (line, _) = try reader.nextIssue(using: IssueJSONDecoder()) else { break }
                    #expect(line >= 1)
                } catch {
                    #expect(error.line >= 1)
                }
            }
            #expect(steps < 10_000, "round \(round) did not terminate")
        }
    }
}
