import Testing
import TriageLanguage
import TriageProviders

/// The decoder is strictly correct on tricky but valid JSON and fails cleanly, with a byte offset, on
/// anything malformed.
@Suite struct JSONSyntaxTests {
    /// A minimal valid normalized issue with `title` set to the JSON string literal `title`.
    static func withTitle(_ title: String) -> String { #"{"number":1,"created":"2024-01-01","title":\#(title)}"# }

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{8}\u{C}\n\r\t"),
        (#""\u0041\u00e9\u00E9\u20ac\u0000""#, "Aéé€\u{0}"),
        (#""\uD83D\uDE00 \ud83d\ude00""#, "😀 😀"),
        (#""héllo 世界 🎉""#, "héllo 世界 🎉"),
        (#""""#, ""),
        // Lone surrogates become U+FFFD (documented), keeping what follows.
        (#""\uD83Dx""#, "\u{FFFD}x"),
        (#""\uDE00""#, "\u{FFFD}"),
        (#""\uD83D\u0041""#, "\u{FFFD}A"),
        (#""\uD83D""#, "\u{FFFD}"),
        (#""\uD83D\uD83D\uDE00""#, "\u{FFFD}😀"),
    ])
    func strings(literal: String, expected: String) throws {
        #expect(try decode(Self.withTitle(literal)).title == expected)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var bytes = Array(#"{"number":1,"created":"2024-01-01","title":"a"#.utf8)
        bytes += [0xFF, 0x62, 0xE2, 0x82, 0x63, 0xC3]  // a stray byte, a cut 3-byte sequence, a cut 2-byte one
        bytes += Array(#""}"#.utf8)
        let issue = try IssueJSONDecoder().decode(bytes)
        #expect(issue.title == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
    }

    @Test func invalidUTF8NextToEscapesIsReplacedToo() throws {
        var bytes = Array(#"{"number":1,"created":"2024-01-01","title":"\n"#.utf8)
        bytes += [0xF0, 0x9F, 0x98]  // a 4-byte sequence cut short
        bytes += Array(#"\u00e9"}"#.utf8)
        #expect(try IssueJSONDecoder().decode(bytes).title == "\n\u{FFFD}é")
    }

    @Test(arguments: [#""\uD83D\uDE0""#, #""\uD83D\uZZZZ""#, #""\u12""#, #""\"#])
    func brokenUnicodeEscapesAreErrors(literal: String) {
        #expect(decodingError(Self.withTitle(literal)) != nil)
        #expect(decodingError(Self.withTitle(literal), fields: IssueFieldSet([.number])) != nil)
    }

    @Test func keysInAnyOrderAndWhitespaceEverywhere() throws {
        let json = " \r\n\t{ \n\"title\"\t:\r\n\"t\" ,\n\n \"created\" : \"2024-01-01\"\n,\"number\"\n:\n7 }\n\t "
        let issue = try decode(json)
        #expect(issue.number == 7)
        #expect(issue.title == "t")
    }

    @Test func duplicateKeysLastWins() throws {
        let issue = try decode(#"{"number":1,"number":2,"title":"a","created":"2024-01-01","title":"b","labels":["x"],"labels":null}"#)
        #expect(issue.number == 2)
        #expect(issue.title == "b")
        #expect(issue.labels == [])
        // A repeated nested object replaces the first as a whole.
        let github = try decode(#"{"number":1,"node_id":"n","created_at":"2024-01-01","user":{"login":"a"},"user":{"id":2}}"#)
        #expect(github.author == "")
    }

    @Test func escapedKeysAreMatched() throws {
        let issue = try decode(#"{"\u006eumber":3,"created":"2024-01-01","ti\u0074le":"esc"}"#)
        #expect(issue.number == 3)
        #expect(issue.title == "esc")
    }

    @Test(arguments: [("1.0e2", 100), ("-0", 0), ("0.0", 0), ("-0.0e5", 0), ("250E-1", 25), ("1E+2", 100), ("-12", -12),
                      ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min), ("1.000000000000000000000000000", 1)])
    func wholeNumbersInAnyNotation(literal: String, value: Int) throws {
        #expect(try decode(#"{"number":\#(literal),"created":"2024-01-01"}"#).number == value)
    }

    @Test(arguments: ["2.5", "25E-1", "1e400", "9223372036854775808", "-9223372036854775809", "0.1e1000000000"])
    func fractionsAndOutOfRangeIntegersAreErrors(literal: String) {
        let error = decodingError(#"{"number":\#(literal),"created":"2024-01-01"}"#)
        #expect(error?.message.hasPrefix(#"expected an integer for "number""#) == true)
        #expect(error?.byteOffset == 10)
    }

    @Test(arguments: ["01", "1.", ".5", "+1", "-", "1e", "1e+", "--1", "0x10", "NaN", "Infinity", "1.e5", "-a"])
    func malformedNumbersAreErrorsEvenWhenSkipped(literal: String) {
        #expect(decodingError(#"{"number":\#(literal),"created":"2024-01-01"}"#) != nil)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","unknown":\#(literal)}"#) != nil)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","unknown":[\#(literal)]}"#) != nil)
    }

    @Test func deeplyNestedUnknownValuesAreSkippedIteratively() throws {
        let depth = 100_000
        let deepArray = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        let issue = try decode(#"{"number":1,"created":"2024-01-01","deep":\#(deepArray),"title":"after"}"#)
        #expect(issue.title == "after")

        let deepObject = String(repeating: #"{"a":["#, count: depth) + "null" + String(repeating: "]}", count: depth)
        #expect(try decode(#"{"deep":\#(deepObject),"number":2,"created":"2024-01-01"}"#).number == 2)

        // Unclosed or mismatched at depth: an error, not a crash.
        let unclosed = #"{"number":1,"created":"2024-01-01","deep":"# + String(repeating: "[", count: depth)
        #expect(decodingError(unclosed)?.message == "unexpected end of input, expected a value")
        let mismatched = #"{"number":1,"created":"2024-01-01","deep":"# + String(repeating: "[", count: depth) + "}"
        let error = decodingError(mismatched)
        #expect(error?.message == "unexpected '}', expected a value")
        #expect(error?.byteOffset == mismatched.utf8.count - 1)
    }

    @Test func deeplyNestedValueInAKnownFieldIsATypeError() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(decodingError(#"{"number":1,"created":"2024-01-01","labels":[\#(deep)]}"#)?.message == #"expected a string or an object in "labels""#)
    }

    @Test func everyTruncationOfAValidObjectIsAnError() throws {
        let json = #"{"number": 12, "title": "a\"b\u00e9", "labels": [{"name": "x"}, "y"], "draft": false, "body": null, "created": "2024-01-01T00:00:00.5Z", "n": -1.5e-3}"#
        let bytes = Array(json.utf8)
        _ = try IssueJSONDecoder().decode(bytes)
        for length in 0..<bytes.count {
            do {
                _ = try IssueJSONDecoder().decode(Array(bytes[..<length]))
                Testing.Issue.record("a truncation to \(length) bytes decoded")
            } catch {
                #expect(error.byteOffset >= 0 && error.byteOffset <= length)
            }
        }
    }

    @Test func everySingleByteCorruptionFailsCleanlyOrDecodes() throws {
        let bytes = try Fixture.records("gitlab-issues.json")[1].bytes
        let replacements: [UInt8] = [0x7B, 0x7D, 0x5B, 0x5D, 0x22, 0x5C, 0x3A, 0x2C, 0x00, 0x0A, 0x31, 0x6E, 0xFF]
        for index in stride(from: 0, to: bytes.count, by: 3) {
            for replacement in replacements {
                var corrupted = bytes
                corrupted[index] = replacement
                do {
                    _ = try IssueJSONDecoder().decode(corrupted)
                } catch {
                    #expect(error.byteOffset >= 0 && error.byteOffset <= corrupted.count)
                }
            }
        }
    }

    @Test(arguments: [
        (#"{"number":1,"created":"2024-01-01"} x"#, "unexpected data after the object", 36),
        (#"{"number":1,"created":"2024-01-01"}{}"#, "unexpected data after the object", 35),
        (#"{"number":1,"created":"2024-01-01",}"#, "unexpected '}', expected a string key", 35),
        (#"{"number":1 "created":"2024-01-01"}"#, "unexpected '\"', expected ',' or '}'", 12),
        (#"{"number" 1}"#, "unexpected '1', expected ':' after the key", 10),
        (#"{number:1}"#, "unexpected 'n', expected a string key", 1),
        (#"{"number":1,"created":"2024-01-01","x":tru}"#, "invalid literal, expected true", 42),
        ("{\"number\":1,\"created\":\"2024-01-01\",\"x\":\"a\tb\"}", "unescaped control character in string", 41),
        (#"{"number":1,"created":"2024-01-01","x":"\q"}"#, "invalid escape \\q in string", 40),
        (#"{"number":1,"created":"2024-01-01","x":"\u12G4"}"#, "invalid hex digit in \\u escape", 44),
        (#"{"number":1,"created":"2024-01-01","x":"abc"#, "unterminated string", 39),
        (#"{"number":1,"created":"2024-01-01","x":[1 2]}"#, "unexpected '2', expected ',' or ']'", 42),
        ("", "empty record, expected a JSON object", 0),
        (" \n ", "empty record, expected a JSON object", 3),
        ("[]", "unexpected '[', expected a JSON object '{'", 0),
        ("null", "unexpected 'n', expected a JSON object '{'", 0),
    ])
    func malformedInputNamesTheProblemAndOffset(json: String, message: String, offset: Int) {
        let error = decodingError(json)
        #expect(error?.message == message)
        #expect(error?.byteOffset == offset)
    }

    @Test func errorDescriptionIncludesTheOffset() {
        #expect(IssueJSONError(message: "bad", byteOffset: 7).description == "bad (at byte 7)")
    }

    @Test func decodesFromARawBufferSlice() throws {
        let bytes = Array("xx{\"number\":4,\"created\":\"2024-01-01\"}yy".utf8)
        let issue = try bytes.withUnsafeBytes { try IssueJSONDecoder().decode(UnsafeRawBufferPointer(rebasing: $0[2..<(bytes.count - 2)])) }
        #expect(issue.number == 4)
    }
}
