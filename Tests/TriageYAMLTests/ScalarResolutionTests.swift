import Testing
import TriageYAML

/// YAML 1.2 core schema for untagged plain scalars; explicit tags honoured; everything else text.
@Suite struct ScalarResolutionTests {
    static func resolved(_ text: String) throws -> YAMLPlainValue? {
        try YAMLLoader.load("v: \(text)\n")?.at("v")?.scalar?.resolved
    }

    @Test(arguments: ["null", "Null", "NULL", "~", ""])
    func nulls(_ text: String) throws {
        #expect(try Self.resolved(text) == .null)
    }

    @Test(arguments: [("true", true), ("True", true), ("TRUE", true), ("false", false), ("False", false), ("FALSE", false)])
    func bools(_ text: String, _ value: Bool) throws {
        #expect(try Self.resolved(text) == .bool(value))
    }

    @Test(arguments: [
        ("0", 0), ("7", 7), ("-12", -12), ("+12", 12), ("-0", 0), ("007", 7),
        ("0x1F", 31), ("0xff", 255), ("0o17", 15), ("0o0", 0),
        ("9223372036854775807", Int.max), ("-9223372036854775808", Int.min),
    ])
    func ints(_ text: String, _ value: Int) throws {
        #expect(try Self.resolved(text) == .int(value))
    }

    @Test(arguments: [
        ("1.5", 1.5), ("-1.5", -1.5), ("+1.5", 1.5), (".5", 0.5), ("-.5", -0.5), ("5.", 5.0),
        ("1e3", 1000.0), ("1E-3", 0.001), ("6.02e+23", 6.02e23), ("2.5e2", 250.0), ("0.0", 0.0),
        (".inf", Double.infinity), (".Inf", Double.infinity), ("+.INF", Double.infinity), ("-.inf", -Double.infinity),
    ])
    func floats(_ text: String, _ value: Double) throws {
        #expect(try Self.resolved(text) == .float(value))
    }

    @Test(arguments: [".nan", ".NaN", ".NAN"])
    func notANumber(_ text: String) throws {
        guard case .float(let value)? = try Self.resolved(text) else {
            Issue.record("\(text) did not resolve to a float")
            return
        }
        #expect(value.isNaN)
    }

    /// YAML 1.1 spellings and near misses stay strings under the 1.2 core schema.
    @Test(arguments: [
        "yes", "no", "on", "off", "y", "n", "nULL", "tRUE", "0x", "0o", "0o8", "0xg", "0b101", "1_000",
        "1.2.3", "12:30", "inf", "nan", ".", "+", "e3", "1e", "1e+", "-0x1", "+.nan", "0x-1", "1.5x",
        "open", "state == \"open\"", "~a", "null x",
    ])
    func strings(_ text: String) throws {
        #expect(try Self.resolved(text) == .string(text))
    }

    @Test func quotedAndBlockScalarsAreAlwaysStrings() throws {
        let root = try load("a: 'true'\nb: \"1\"\nc: |\n  null\nd: >-\n  1.5\ne: ''\n")
        #expect(root.at("a")?.scalar?.resolved == .string("true"))
        #expect(root.at("b")?.scalar?.resolved == .string("1"))
        #expect(root.at("c")?.scalar?.resolved == .string("null\n"))
        #expect(root.at("d")?.scalar?.resolved == .string("1.5"))
        #expect(root.at("e")?.scalar?.resolved == .string(""))
    }

    @Test func explicitTagsAreHonoured() throws {
        let root = try load("""
        a: !!str 1
        b: !!int "12"
        c: !!float 1
        d: !!float '2.5'
        e: !!bool "false"
        f: !!null ''
        g: ! 12
        h: !custom 12
        i: !!int 0x10
        j: !!binary aGk=
        """)
        #expect(root.at("a")?.scalar?.resolved == .string("1"))
        #expect(root.at("b")?.scalar?.resolved == .int(12))
        #expect(root.at("c")?.scalar?.resolved == .float(1))
        #expect(root.at("d")?.scalar?.resolved == .float(2.5))
        #expect(root.at("e")?.scalar?.resolved == .bool(false))
        #expect(root.at("f")?.scalar?.resolved == .null)
        #expect(root.at("g")?.scalar?.resolved == .string("12"))
        #expect(root.at("g")?.scalar?.tag == "!")
        #expect(root.at("h")?.scalar?.resolved == .string("12"))
        #expect(root.at("h")?.scalar?.tag == "!custom")
        #expect(root.at("i")?.scalar?.resolved == .int(16))
        #expect(root.at("j")?.scalar?.resolved == .string("aGk="))
    }

    @Test(arguments: [
        ("n: !!int abc\n", "'abc' is not a valid !!int"),
        ("n: !!int 1.5\n", "'1.5' is not a valid !!int"),
        ("n: !!float x\n", "'x' is not a valid !!float"),
        ("n: !!bool yes\n", "'yes' is not a valid !!bool"),
        ("n: !!null 0\n", "'0' is not a valid !!null"),
        ("n: !!map x\n", "a scalar cannot have the tag !!map"),
        ("n: !!seq {a: 1}\n", "a mapping cannot have the tag !!seq"),
        ("n: !!str [a]\n", "a sequence cannot have the tag !!str"),
    ])
    func badTaggedValuesAreErrorsAtTheirMark(_ yaml: String, _ message: String) throws {
        let error = try #require(loadError(yaml))
        #expect(error.message == message)
        #expect(error.mark == mark(3, 1, 4))
    }

    @Test func integersTooLargeForSixtyFourBitsAreErrors() throws {
        let error = try #require(loadError("a: 1\nn: 99999999999999999999\n"))
        #expect(error.message == "integer 99999999999999999999 does not fit in 64 bits")
        #expect(error.mark == mark(8, 2, 4))
        #expect(try #require(loadError("n: 0x1FFFFFFFFFFFFFFFF")).mark == mark(3, 1, 4))
    }

    @Test func keysAreResolvedToo() throws {
        let root = try load("1: a\ntrue: b\n~: c\n")
        let keys = root.mapping?.entries.compactMap { $0.key.scalar?.resolved }
        #expect(keys == [.int(1), .bool(true), .null])
    }
}
