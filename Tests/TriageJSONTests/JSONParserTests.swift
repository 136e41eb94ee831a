import Testing
import TriageJSON

/// The strict parser: what RFC 8259 allows parses to the right value, everything else is an error
/// at the right position.
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue.parse(#" {"a": [1, -2, 3.5, 1e2, true, false, null], "b": {"c": "d"}, "": ""} "#)
        #expect(value["a"] == .array([.int(1), .int(-2), .double(3.5), .double(100), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"]?.stringValue == "d")
        #expect(value[""]?.stringValue == "")
        #expect(value.objectEntries?.map(\.0) == ["a", "b", ""])
    }

    @Test(arguments: ["0", "-0", "42", "\"x\"", "true", "null", "[]", "{}", " \t\r\n[ ]\n"])
    func acceptsScalarsAndEmptyContainersAtTopLevel(_ text: String) throws {
        _ = try JSONValue.parse(text)
    }

    @Test func keepsKeyOrderAndReadsTheLastOfARepeatedKey() throws {
        let value = try JSONValue.parse(#"{"z":1,"a":2,"z":3}"#)
        #expect(value.objectEntries?.map(\.0) == ["z", "a", "z"])
        #expect(value["z"]?.intValue == 3)
        #expect(value["missing"] == nil)
        #expect(JSONValue.int(1)["z"] == nil)
    }

    @Test func decodesEscapes() throws {
        let value = try JSONValue.parse(#""\"\\\/\b\f\n\r\t\u0041\u00e9\u20AC""#)
        #expect(value.stringValue == "\"\\/\u{08}\u{0C}\n\r\tAé€")
    }

    @Test func decodesSurrogatePairsAndRawUTF8() throws {
        #expect(try JSONValue.parse(#""\uD83D\uDE00""#).stringValue == "😀")
        #expect(try JSONValue.parse("\"grüß 😀\"").stringValue == "grüß 😀")
    }

    @Test func readsNumbers() throws {
        #expect(try JSONValue.parse("-0") == .int(0))
        #expect(try JSONValue.parse("9223372036854775807") == .int(Int.max))
        // Beyond Int: a Double, not an error.
        #expect(try JSONValue.parse("9223372036854775808").doubleValue == 9_223_372_036_854_775_808)
        #expect(try JSONValue.parse("1.5E-3").doubleValue == 0.0015)
        #expect(try JSONValue.parse("2.0").intValue == 2)
        #expect(try JSONValue.parse("2.5").intValue == nil)
    }

    @Test(arguments: [
        ("", "unexpected end of input; expected a JSON value", 1, 1),
        ("[1,]", "unexpected `]`; expected a JSON value", 1, 4),
        ("{\"a\":1,}", "unexpected `}`; expected a string key", 1, 8),
        ("{'a':1}", "unexpected `'`; expected a string key", 1, 2),
        ("{\"a\" 1}", "unexpected `1`; expected `:` after an object key", 1, 6),
        ("[1 2]", "unexpected `2`; expected `,` or `]` in an array", 1, 4),
        ("01", "invalid number: leading zero", 1, 1),
        ("-", "invalid number: expected a digit", 1, 2),
        ("1.", "invalid number: expected a digit after `.`", 1, 3),
        ("1e+", "invalid number: expected a digit in the exponent", 1, 4),
        ("1e999", "number `1e999` is out of range", 1, 1),
        ("NaN", "unexpected `N`; expected a JSON value", 1, 1),
        ("tru", "invalid literal; expected `true`", 1, 1),
        ("nul", "invalid literal; expected `null`", 1, 1),
        ("[1]\n x", "unexpected `x` after the JSON value", 2, 2),
        ("\"abc", "unterminated string", 1, 1),
        ("\"a\tb\"", "control character byte 0x09 in a string; escape it", 1, 3),
        (#""\x""#, "invalid escape `\\x`", 1, 2),
        (#""\u12G4""#, "invalid \\u escape: `G` is not a hex digit", 1, 2),
        (#""\uDE00""#, "lone low surrogate \\uDE00 in a string", 1, 2),
        (#""\uD83D""#, "high surrogate \\uD83D without a low surrogate after it", 1, 2),
        (#""\uD83D\u0041""#, "high surrogate \\uD83D followed by \\u0041, not a low surrogate", 1, 2),
        ("[\n  {\"a\": }\n]", "unexpected `}`; expected a JSON value", 2, 9),
        ("// comment\n1", "unexpected `/`; expected a JSON value", 1, 1),
    ])
    func rejectsWhatRFC8259DoesNotAllow(_ text: String, _ message: String, _ line: Int, _ column: Int) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.message == message)
            #expect(error.line == line)
            #expect(error.column == column)
            #expect(error.description == "line \(line), column \(column): \(message)")
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0x61, 0xC3, 0x28, 0x22]
        #expect(throws: JSONParseError(message: "invalid UTF-8 in a string", offset: 0, line: 1, column: 1)) { try JSONValue.parse(bytes) }
    }

    @Test func limitsNesting() throws {
        let parser = JSONParser(maxDepth: 3)
        _ = try parser.parse("[[[1]]]")
        #expect(throws: JSONParseError(message: "nesting deeper than 3 levels", offset: 3, line: 1, column: 4)) { try parser.parse("[[[[1]]]]") }
        #expect(throws: JSONParseError.self) { try parser.parse("[{\"a\":[{}]}]") }
        // The default limit stops hostile input long before the stack runs out.
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(deep) }
    }
}
