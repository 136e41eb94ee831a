import Foundation
import Testing
import TriageJSON
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// The issue scanner and `TriageJSON.JSONParser` against Foundation's `JSONSerialization` on
/// thousands of seeded documents and byte mutations of the real fixtures: both accept exactly what
/// Foundation accepts, except the scanner's documented leniencies (invalid UTF-8 and lone surrogate
/// escapes become U+FFFD, a leading BOM is skipped — see `IssueJSONDecoder`), and every mapped field
/// equals what mapping Foundation's parse by hand gives.
@Suite struct JSONDifferentialTests {
    /// Enough to hit every generator branch many times while the suite stays within seconds in debug.
    static let documentCount = 2500
    static let created = Timestamp(millisecondsSinceEpoch: 1_704_067_200_000)  // 2024-01-01T00:00:00Z

    @Test func generatedDocumentsAgreeWithFoundation() throws {
        var generator = JSONDocumentGenerator(seed: 0x7269_6167_6531_33)
        var compared = 0, accepted = 0
        for index in 0..<Self.documentCount {
            let document = generator.issueDocument(maxDepth: index % 4 == 0 ? 12 : 3)
            let foundation = Self.foundationParse(document)
            let scanned = Result { () throws(IssueJSONError) in try IssueJSONDecoder().decode(document) }
            let expected = foundation.flatMap(Self.mapNormalized)
            if generator.usesFoundationLeniency || Self.hasOutOfRangeNumber(document) {
                // Trailing commas and numbers beyond Double: Foundation rejects the one, the other is
                // not JSON; the scanner rejects a trailing comma and skips unread numbers by syntax.
                try #require(Self.hasOutOfRangeNumber(document) || (try? scanned.get()) == nil, "trailing comma accepted: \(Self.show(document))")
            } else if !generator.usesLeniency, !Self.hasLenientFeature(document) {
                compared += 1
                try #require(Self.agree(scanned, expected), "seed index \(index): \(Self.show(document))\nscanner: \(scanned)\nFoundation: \(expected)")
            } else if expected != nil {
                // A lenient feature Foundation took anyway must still decode identically.
                try #require(Self.agree(scanned, expected), "lenient, index \(index): \(Self.show(document))")
            }
            if case .success = scanned { accepted += 1 }
            try #require(Self.parserAgrees(document, foundation: foundation), "JSONParser, index \(index): \(Self.show(document))")
        }
        // The generator must produce both outcomes in quantity, or the comparison proves little.
        #expect(compared > Self.documentCount / 2)
        #expect(accepted > Self.documentCount / 10 && accepted < Self.documentCount * 9 / 10, "accepted \(accepted), compared \(compared)")
    }

    @Test func fixtureMutationsAgreeWithFoundation() throws {
        var random = SplitMix64(seed: 0x6D75_7461_7465)
        let seeds = try Self.fixtureSeeds()
        let interesting: [UInt8] = Array(#""\{}[],:0-e.+ tnu"#.utf8) + [0xFF, 0x00, 0x0A]
        var rejectedCount = 0
        for round in 0..<1500 {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<(random.next(below: 3) + 1) where !bytes.isEmpty {
                let at = random.next(below: bytes.count)
                switch random.next(below: 4) {
                case 0: bytes[at] ^= UInt8(1 << random.next(below: 8))
                case 1: bytes.remove(at: at)
                case 2: bytes.insert(interesting[random.next(below: interesting.count)], at: at)
                default: bytes[at] = interesting[random.next(below: interesting.count)]
                }
            }
            // Inside an unmapped key, the scanner checks the syntax of the whole value.
            let document = Array(#"{"number":1,"created":"2024-01-01T00:00:00Z","extra":"#.utf8) + bytes + [0x7D]
            let foundation = Self.foundationParse(document)
            let scanned = Result { () throws(IssueJSONError) in try IssueJSONDecoder(fields: []).decode(document) }
            if case .failure = scanned { rejectedCount += 1 }
            if !Self.hasLenientFeature(document), !Self.hasOutOfRangeNumber(document), !Self.hasTrailingComma(document) {
                let scannerAccepted = (try? scanned.get()) != nil
                try #require((foundation != nil) == scannerAccepted, "round \(round): \(Self.show(document))\nscanner: \(scanned)")
            }
            try #require(Self.parserAgrees(document, foundation: foundation), "JSONParser, round \(round): \(Self.show(document))")
        }
        #expect(rejectedCount > 150 && rejectedCount < 1450)
    }

    @Test func fixtureRecordsMapLikeFoundation() throws {
        for name in ["github-paginate-issues.json", "gitlab-issues.json"] {
            let records = try Fixture.records(name)
            #expect(records.count >= 2)
            for record in records {
                let object = try #require(try JSONSerialization.jsonObject(with: Data(record.bytes)) as? [String: Any])
                let issue = try IssueJSONDecoder().decode(record.bytes)
                let gitlab = object["iid"] != nil
                #expect(issue.number == object[gitlab ? "iid" : "number"] as? Int)
                #expect(issue.title == object["title"] as? String)
                let state = object["state"] as? String
                #expect(issue.state == (gitlab && state == "opened" ? "open" : gitlab && state != "opened" ? "closed" : state))
                #expect(issue.body == (object[gitlab ? "description" : "body"] as? String ?? ""))
                let author = object[gitlab ? "author" : "user"] as? [String: Any]
                #expect(issue.author == author?[gitlab ? "username" : "login"] as? String)
                let labels = (object["labels"] as? [Any] ?? []).compactMap { ($0 as? [String: Any])?["name"] as? String ?? $0 as? String }
                #expect(issue.labels == labels)
                #expect(issue.comments == object[gitlab ? "user_notes_count" : "comments"] as? Int)
                #expect(issue.locked == (object[gitlab ? "discussion_locked" : "locked"] as? Bool ?? false))
            }
        }
    }

    // MARK: Leniencies, each on purpose (documented on `IssueJSONDecoder`)

    @Test func fileReaderSkipsALeadingByteOrderMark() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bom-\(UUID().uuidString).jsonl").path
        let document: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"number":3,"created":"2024-01-01T00:00:00Z"}"#.utf8)
        try Data(document).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let records = try readRecords(path: path)
        #expect(try records.map { try IssueJSONDecoder().decode($0.bytes).number } == [3])
    }

    @Test func numbersBeyondDoubleAreSkippedInUnreadFieldsAndRejectedInReadOnes() throws {
        let unread = Array(#"{"number":1,"created":"2024-01-01T00:00:00Z","extra":[1e309,-1102e947]}"#.utf8)
        #expect(Self.foundationParse(unread) == nil)
        #expect(try IssueJSONDecoder().decode(unread).number == 1)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(unread) }
        let read = Array(#"{"number":1,"created":"2024-01-01T00:00:00Z","comments":1e309}"#.utf8)
        #expect(throws: IssueJSONError.self) { try IssueJSONDecoder().decode(read) }
    }

    @Test func trailingCommasAreRejectedWhereFoundationAcceptsThem() throws {
        for text in [#"{"number":1,"created":"2024-01-01T00:00:00Z",}"#, #"{"number":1,"created":"2024-01-01T00:00:00Z","x":[1,]}"#] {
            #expect(Self.foundationParse(Array(text.utf8)) != nil)
            #expect(throws: IssueJSONError.self) { try IssueJSONDecoder().decode(Array(text.utf8)) }
            #expect(throws: JSONParseError.self) { try JSONParser().parse(text) }
        }
    }

    @Test func invalidUTF8AndLoneSurrogatesAreReplacedWhereFoundationRejects() throws {
        let invalidUTF8 = Array(#"{"number":1,"created":"2024-01-01T00:00:00Z","title":"a"#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let loneSurrogate = Array(#"{"number":1,"created":"2024-01-01T00:00:00Z","title":"a\uD83D"}"#.utf8)
        for document in [invalidUTF8, loneSurrogate] {
            #expect(Self.foundationParse(document) == nil)
            #expect(try IssueJSONDecoder().decode(document).title == "a\u{FFFD}")
            #expect(throws: JSONParseError.self) { try JSONParser().parse(document) }
        }
    }

    @Test func unreadValuesNestDeeperThanFoundationAllows() throws {
        let levels = 100_000
        let document = Array((#"{"number":5,"created":"2024-01-01T00:00:00Z","extra":"# + String(repeating: "[", count: levels)
            + String(repeating: "]", count: levels) + "}").utf8)
        #expect(try IssueJSONDecoder().decode(document).number == 5)
        #expect(Self.foundationParse(document) == nil)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(document) }
    }

    // MARK: Oracle

    /// Foundation's parse of `bytes` (objects and arrays only at the top, as the scanner), or nil.
    static func foundationParse(_ bytes: [UInt8]) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(bytes))
    }

    /// What the scanner must produce for Foundation's parse, mapped by hand by the normalized rules:
    /// nil where the scanner must throw (not an object, a missing or wrongly typed field).
    static func mapNormalized(_ parsed: Any) -> MappedIssue? {
        guard let object = parsed as? [String: Any] else { return nil }
        guard let number = integer(object["number"]), object["created"] as? String == "2024-01-01T00:00:00Z" else { return nil }
        var mapped = MappedIssue(number: number)
        for (key, keyPath) in [("title", \MappedIssue.title), ("state", \.state), ("body", \.body)] {
            switch object[key] {
            case nil, is NSNull: break
            case let text as String: mapped[keyPath: keyPath] = text
            default: return nil
            }
        }
        switch object["comments"] {
        case nil, is NSNull: break
        case let value: guard let comments = integer(value) else { return nil }; mapped.comments = comments
        }
        switch object["locked"] {
        case nil, is NSNull: break
        case is String: return nil
        case let value: guard let locked = value as? Bool else { return nil }; mapped.locked = locked
        }
        switch object["labels"] {
        case nil, is NSNull: break
        case let list as [Any]:
            let names = list.compactMap { $0 as? String }
            guard names.count == list.count else { return nil }
            mapped.labels = names
        default: return nil
        }
        return mapped
    }

    /// An integer field's value: a JSON number that is whole and fits `Int` (Foundation's bridging
    /// of `NSNumber` to `Int` is exact: `1.5` and `2^63` give nil, `1.0e2` gives 100).
    static func integer(_ value: Any?) -> Int? {
        guard let number = value as? NSNumber else { return nil }
        return number as? Int
    }

    struct MappedIssue: Equatable, CustomStringConvertible {
        var number: Int
        var title = "", state = "open", body = ""
        var comments = 0
        var locked = false
        var labels: [String] = []

        init(number: Int) { self.number = number }
        init(_ issue: TriageLanguage.Issue) {
            number = issue.number
            title = issue.title
            state = issue.state
            body = issue.body
            comments = issue.comments
            locked = issue.locked
            labels = issue.labels
        }

        var description: String { "#\(number) \(title.debugDescription) \(state) \(body.debugDescription) c=\(comments) locked=\(locked) \(labels)" }
    }

    static func agree(_ scanned: Result<TriageLanguage.Issue, IssueJSONError>, _ expected: MappedIssue?) -> Bool {
        switch (scanned, expected) {
        case let (.success(issue), expected?): MappedIssue(issue) == expected && issue.created == created
        case (.failure, nil): true
        default: false
        }
    }

    /// `JSONParser` accepts exactly what Foundation accepts (no leniencies), with equal values.
    static func parserAgrees(_ bytes: [UInt8], foundation: Any?) -> Bool {
        let parsed = try? JSONParser().parse(bytes)
        if hasTrailingComma(bytes) { return parsed == nil }  // Foundation's leniency, not RFC 8259
        if hasOutOfRangeNumber(bytes) { return true }  // Foundation takes some, JSONParser none (tested apart)
        switch (parsed, foundation) {
        case (nil, nil): return true
        case let (value?, object?): return same(value, object)
        default: return false
        }
    }

    static func same(_ value: JSONValue, _ object: Any) -> Bool {
        switch value {
        case .null: return object is NSNull
        case let .bool(flag): return (object as? Bool) == flag && !(object is String)
        case let .int(number): return (object as? NSNumber)?.doubleValue == Double(number)
        case let .double(number): return (object as? NSNumber)?.doubleValue == number
        case let .string(text): return (object as? String) == text
        case let .array(elements):
            guard let list = object as? [Any], list.count == elements.count else { return false }
            return zip(elements, list).allSatisfy { same($0, $1) }
        case let .object(entries):
            guard let dictionary = object as? [String: Any] else { return false }
            var last: [String: JSONValue] = [:]
            for (key, entry) in entries { last[key] = entry }
            return last.count == dictionary.count && last.allSatisfy { key, entry in dictionary[key].map { same(entry, $0) } ?? false }
        }
    }

    /// Whether `bytes` has something only the scanner accepts on purpose: a leading BOM, invalid
    /// UTF-8, or a `\u` surrogate escape that is not part of a pair.
    static func hasLenientFeature(_ bytes: [UInt8]) -> Bool {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) || String(validating: bytes, as: UTF8.self) == nil { return true }
        var index = 0
        var pendingHigh = false
        while index < bytes.count {
            if bytes[index] == 0x5C, index + 1 < bytes.count {
                if bytes[index + 1] == 0x75, index + 6 <= bytes.count, let unit = UInt16(String(decoding: bytes[(index + 2)..<(index + 6)], as: UTF8.self), radix: 16) {
                    if (0xDC00...0xDFFF).contains(unit), !pendingHigh { return true }
                    if pendingHigh, !(0xDC00...0xDFFF).contains(unit) { return true }
                    pendingHigh = (0xD800...0xDBFF).contains(unit) && !pendingHigh
                    index += 6
                    continue
                }
                index += 2
            } else {
                index += 1
            }
            if pendingHigh { return true }
        }
        return pendingHigh
    }

    /// Whether `bytes` has a number literal (outside strings) beyond `Double`'s range, like `1e309`.
    static func hasOutOfRangeNumber(_ bytes: [UInt8]) -> Bool {
        literals(in: bytes).contains { Double($0).map { !$0.isFinite } ?? false }
    }

    /// Whether `bytes` has a `,` followed (after whitespace) by `]` or `}`, outside strings.
    static func hasTrailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, afterComma = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { continue }
            if afterComma, byte == 0x5D || byte == 0x7D { return true }
            afterComma = byte == 0x2C
            if byte == 0x22 { inString = true }
        }
        return false
    }

    static let numberBytes = Set("0123456789+-.eE".utf8)

    /// The runs of number characters outside strings.
    static func literals(in bytes: [UInt8]) -> [String] {
        var inString = false, escaped = false, current: [UInt8] = [], found: [String] = []
        for byte in bytes + [0x20] {
            if inString {
                if escaped { escaped = false } else if byte == 0x5C { escaped = true } else if byte == 0x22 { inString = false }
                continue
            }
            if numberBytes.contains(byte) { current.append(byte); continue }
            if !current.isEmpty { found.append(String(decoding: current, as: UTF8.self)); current = [] }
            if byte == 0x22 { inString = true }
        }
        return found
    }

    static func fixtureSeeds() throws -> [[UInt8]] {
        var seeds: [[UInt8]] = []
        for name in ["gitlab-issues.json", "github-paginate-issues.json"] {
            seeds += try Fixture.records(name).prefix(4).map(\.bytes)
        }
        let checks = Fixture.directory.deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TriageCLITests/Fixtures/check")
        for name in ["github.jsonl", "normalized.jsonl"] {
            let text = try String(contentsOf: checks.appendingPathComponent(name), encoding: .utf8)
            seeds += text.split(separator: "\n").prefix(3).map { Array($0.utf8) }
        }
        return seeds
    }

    static func show(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(600), as: UTF8.self).debugDescription
    }
}
