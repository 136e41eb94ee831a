import Testing
import TriageJSON

/// Serialization is what reports are made of: it must stay byte-for-byte what it was, and parse
/// back to the same value.
struct JSONValueSerializationTests {
    static let document: JSONValue = .object([
        ("name", "x"), ("count", 3), ("ok", true), ("none", .null), ("ratio", .double(0.25)),
        ("list", .array(["a", .array([]), .object([])])), ("nested", .object([("k", .optional(nil))])),
    ])

    @Test func compactAndPrettyForms() {
        #expect(Self.document.serialized() == #"{"name":"x","count":3,"ok":true,"none":null,"ratio":0.25,"list":["a",[],{}],"nested":{"k":null}}"#)
        #expect(JSONValue.array([1, .object([("a", "b")])]).serialized(pretty: true) == """
            [
              1,
              {
                "a": "b"
              }
            ]
            """)
    }

    @Test func escapesWhatJSONAndJavaScriptNeed() {
        let text = "q\" b\\ n\n r\r t\t c\u{01} del\u{7F} ls\u{2028} ps\u{2029} slash/ é €"
        #expect(JSONValue.string(text).serialized() == #""q\" b\\ n\n r\r t\t c\u0001 del\u007f ls\u2028 ps\u2029 slash/ é €""#)
    }

    @Test func roundTripsThroughTheParser() throws {
        #expect(try JSONValue.parse(Self.document.serialized()) == Self.document)
        #expect(try JSONValue.parse(Self.document.serialized(pretty: true)) == Self.document)
        let tricky = JSONValue.string("\u{0}\u{1F}\u{7F}\u{2028}😀\"\\")
        #expect(try JSONValue.parse(tricky.serialized()) == tricky)
    }

    @Test func nonFiniteDoublesBecomeNull() {
        #expect(JSONValue.double(.infinity).serialized() == "null")
        #expect(JSONValue.double(.nan).serialized() == "null")
    }
}
