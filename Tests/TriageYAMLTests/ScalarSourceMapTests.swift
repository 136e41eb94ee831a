@testable import TriageYAML
import Testing

/// `mark(forValueOffset:)` must land on the exact character the value byte came from.
/// Each case writes `1️⃣`… where a character sits; the needle is the text at that place in the
/// decoded value (its first occurrence), or an explicit value offset.
@Suite struct ScalarSourceMapTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var path: [String]
        /// (needle in value, marker number)
        var probes: [(String, Int)]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain, single line, multibyte before",
             yaml: "name: é😀 state == 1️⃣open\n",
             path: ["name"], probes: [("open", 1)]),
        Case(name: "plain, multibyte on the line before the key",
             yaml: "a: ü😀ü\nwhen: x 1️⃣y\n",
             path: ["when"], probes: [("y", 1)]),
        Case(name: "plain, multi-line folding",
             yaml: "when: state == \"open\"2️⃣\n  and 1️⃣age > 7d\n   or 3️⃣x\n",
             path: ["when"], probes: [("age", 1), (" and", 2), ("x", 3)]),
        Case(name: "plain, blank line kept as newline",
             yaml: "when: a\n2️⃣\n  1️⃣b\n",
             path: ["when"], probes: [("b", 1), ("\n", 2)]),
        Case(name: "plain, inner whitespace kept",
             yaml: "k: a 1️⃣\t 2️⃣b\n",
             path: ["k"], probes: [("\t", 1), ("b", 2)]),
        Case(name: "single-quoted with doubled quote",
             yaml: "k: 'it''s 1️⃣x'\n",
             path: ["k"], probes: [("x", 1)]),
        Case(name: "single-quoted, the doubled quote itself",
             yaml: "k: 'it1️⃣''s'\n",
             path: ["k"], probes: [("'", 1)]),
        Case(name: "single-quoted, multi-line",
             yaml: "k: 'one é2️⃣\n    two''s\n\n    1️⃣three'\n",
             path: ["k"], probes: [("three", 1), (" two", 2)]),
        Case(name: "double-quoted escapes before the place",
             yaml: #"k: "a\"b\\c\n\t\x41\u00e9\U0001F600 1️⃣z""# + "\n",
             path: ["k"], probes: [("z", 1)]),
        Case(name: "double-quoted, the escape itself",
             yaml: #"k: "ab1️⃣\u00e9c2️⃣\"d""# + "\n",
             path: ["k"], probes: [("é", 1), ("\"", 2)]),
        Case(name: "double-quoted, escaped line break",
             yaml: "k: \"abc\\\n     1️⃣def\"\n",
             path: ["k"], probes: [("def", 1)]),
        Case(name: "double-quoted, multi-line folding",
             yaml: "k: \"first 😀2️⃣\n  1️⃣second\n\n  3️⃣third\"\n",
             path: ["k"], probes: [("second", 1), (" second", 2), ("third", 3)]),
        Case(name: "double-quoted, escaped space and tab at line ends",
             yaml: "k: \"a\\ 2️⃣\n  1️⃣b\\t\"\n",
             path: ["k"], probes: [("b", 1), (" b", 2)]),
        Case(name: "literal block",
             yaml: "k: |\n  line one\n  é 1️⃣two\n\n  2️⃣three\n",
             path: ["k"], probes: [("two", 1), ("three", 2)]),
        Case(name: "literal block, more-indented lines keep their extra spaces",
             yaml: "k: |\n  a\n  1️⃣  b\n  2️⃣c\n",
             path: ["k"], probes: [("  b", 1), ("c", 2)]),
        Case(name: "literal block with indentation indicator and strip chomping",
             yaml: "k: |2-\n  1️⃣  indented x\n  second 2️⃣y\n",
             path: ["k"], probes: [("  indented", 1), ("y", 2)]),
        Case(name: "literal block, indicator after chomping, nested mapping",
             yaml: "outer:\n  inner: |-1\n   3️⃣  1️⃣xy\n     2️⃣z\n",
             path: ["outer", "inner"], probes: [("xy", 1), ("z", 2), ("  xy", 3)]),
        Case(name: "literal block, leading empty lines are part of the value",
             yaml: "k: |\n1️⃣\n  2️⃣a\n",
             path: ["k"], probes: [("\n", 1), ("a", 2)]),
        Case(name: "literal block, keep chomping",
             yaml: "k: |+\n  a\n  1️⃣b\n\n\nnext: 1\n",
             path: ["k"], probes: [("b", 1)]),
        Case(name: "folded block joins lines with spaces",
             yaml: "k: >\n  state == \"open\"2️⃣\n  and 1️⃣age > 7d\n",
             path: ["k"], probes: [("age", 1), (" and", 2)]),
        Case(name: "folded block, more-indented and empty lines",
             yaml: "k: >\n  a\n\n  1️⃣b\n    2️⃣c\n  3️⃣d\n",
             path: ["k"], probes: [("b", 1), ("c", 2), ("d", 3)]),
        Case(name: "folded block with comment and explicit indentation",
             yaml: "k: >2 # note\n  3️⃣ 1️⃣x\n  2️⃣y\n",
             path: ["k"], probes: [("x", 1), ("y", 2), (" x", 3)]),
        Case(name: "when in a sequence item of a mapping",
             yaml: "rules:\n- name: x\n  when: >-\n    state == \"open\"\n    and 1️⃣age > 7d\n",
             path: ["rules", "0", "when"], probes: [("age", 1)]),
        Case(name: "anchor and tag before the value",
             yaml: "k: &a !!str \"é 1️⃣x\"\n",
             path: ["k"], probes: [("x", 1)]),
        Case(name: "tag on its own line before a block scalar",
             yaml: "k: !!str # why\n  |\n  1️⃣x\n",
             path: ["k"], probes: [("x", 1)]),
        Case(name: "flow collection items",
             yaml: "k: [a, \"b 1️⃣c\", {x: 'y 2️⃣z'}, p 3️⃣q]\n",
             path: ["k", "1"], probes: [("c", 1)]),
        Case(name: "flow mapping value",
             yaml: "k: [a, \"b c\", {x: 'y 2️⃣z'}]\n",
             path: ["k", "2", "x"], probes: [("z", 2)]),
        Case(name: "flow plain scalar spanning lines",
             yaml: "k: [p\n   1️⃣q, r]\n",
             path: ["k", "0"], probes: [("q", 1)]),
        Case(name: "CRLF line endings, plain",
             yaml: "k: a\r\n  1️⃣b\r\n",
             path: ["k"], probes: [("b", 1)]),
        Case(name: "CRLF line endings, literal",
             yaml: "k: |\r\n  a\r\n  1️⃣b\r\n",
             path: ["k"], probes: [("b", 1)]),
        Case(name: "CRLF line endings, double-quoted",
             yaml: "k: \"a\r\n\r\n  1️⃣b\"\r\n",
             path: ["k"], probes: [("b", 1)]),
    ]

    @Test(arguments: cases)
    func mapsValueOffsetsToMarkers(_ testCase: Case) throws {
        let marked = MarkedYAML(testCase.yaml)
        let root = try load(marked.text)
        let node = try #require(root.path(testCase.path))
        let scalar = try #require(node.scalar)
        #expect(ScalarSourceMap(scalar: scalar, source: Array(marked.text.utf8)) != nil, "fell back to start")
        for (needle, number) in testCase.probes {
            let offset = try #require(utf8Offset(of: needle, in: scalar.value), "'\(needle)' not in \(scalar.value)")
            let expected = try #require(marked[number])
            #expect(scalar.mark(forValueOffset: offset) == expected, "'\(needle)' in \(scalar.value.debugDescription)")
        }
    }

    @Test func offsetAtTheEndMapsJustAfterTheLastCharacter() throws {
        let cases = [
            "k: ab😀1️⃣\n",
            "k: 'ab😀1️⃣'\n",
            "k: \"ab\\u00e91️⃣\"\n",
            "k: a\n  b1️⃣\n",
            "k: |-\n  ab\n  cd1️⃣\n",
            "k: >-\n  ab\n  cd1️⃣\n",
            "k: |\n  ab\n1️⃣",
            "k: \"1️⃣\"\n",
            "k: |+\n  ab\n\n1️⃣x: 1\n",
            "k: >\n  a\n  b\n1️⃣",
        ]
        for yaml in cases {
            let marked = MarkedYAML(yaml)
            let scalar = try #require(try load(marked.text).at("k")?.scalar)
            #expect(scalar.mark(forValueOffset: scalar.value.utf8.count) == marked[1], "\(yaml.debugDescription)")
            // Past the end clamps to the same place.
            #expect(scalar.mark(forValueOffset: scalar.value.utf8.count + 10) == marked[1])
        }
    }

    @Test func offsetsInsideAMultibyteCharacterMapToThatCharacter() throws {
        let marked = MarkedYAML("k: a1️⃣😀b\n")
        let scalar = try #require(try load(marked.text).at("k")?.scalar)
        for offset in 1...4 {
            #expect(scalar.mark(forValueOffset: offset) == marked[1])
        }
        #expect(scalar.mark(forValueOffset: 5) == mark(8, 1, 6))
        #expect(scalar.mark(forValueOffset: -3) == mark(3, 1, 4))
    }

    @Test func everyByteOfAMultiLineExpressionMapsToItsSourceCharacter() throws {
        // An exhaustive check on one realistic rule: every non-space character of the value
        // must be found in the source at the reported offset.
        let yaml = "rules:\n  - name: stale\n    when: >-\n      state == \"open\" and\n      age > 7d and \"bug\" in labels\n"
        let source = Array(yaml.utf8)
        let scalar = try #require(try load(yaml).at("rules", 0, "when")?.scalar)
        #expect(scalar.value == "state == \"open\" and age > 7d and \"bug\" in labels")
        for (offset, byte) in scalar.value.utf8.enumerated() where byte != 0x20 {
            let mark = scalar.mark(forValueOffset: offset)
            #expect(source[mark.offset] == byte, "value offset \(offset)")
        }
    }

    @Test func emptyBlockScalarsInNestedMappingsMap() throws {
        // libyaml raises the detected indentation to the enclosing block's plus one, which the
        // event stream does not report; the scalar is then empty and must still map.
        let yaml = "x:\n  a: |\n  b: >+\n\n  c: 1\n"
        let root = try load(yaml)
        let a = try #require(root.at("x", "a")?.scalar)
        let b = try #require(root.at("x", "b")?.scalar)
        #expect(a.value == "")
        #expect(b.value == "\n")
        #expect(ScalarSourceMap(scalar: a, source: Array(yaml.utf8)) != nil)
        #expect(ScalarSourceMap(scalar: b, source: Array(yaml.utf8)) != nil)
        #expect(b.mark(forValueOffset: 0) == mark(18, 4, 1))
    }

    @Test func aliasedScalarsMapIntoTheAnchoredText() throws {
        let marked = MarkedYAML("a: &x \"one 1️⃣two\"\nb: *x\n")
        let scalar = try #require(try load(marked.text).at("b")?.scalar)
        #expect(scalar.mark(forValueOffset: 4) == marked[1])
    }

    @Test func aScalarWhoseValueWasChangedFallsBackToItsStart() throws {
        var scalar = try #require(try load("k: abc def\n").at("k")?.scalar)
        scalar.value = "abc xyz"
        #expect(scalar.mark(forValueOffset: 4) == scalar.start)
        let detached = YAMLScalar(value: "x", style: .plain, start: mark(5, 2, 3), end: mark(6, 2, 4), resolved: .string("x"))
        #expect(detached.mark(forValueOffset: 1) == mark(5, 2, 3))
    }

    /// The fallback exists for safety only: on every scalar style and shape that libyaml
    /// produces here, re-scanning must reproduce libyaml's value exactly.
    @Test func fallbackIsNeverHitOnAnyStyle() throws {
        let yaml = """
        plain: a  b\tc
        plain-multi: one
          two

          three\u{2028}  four
        plain-nel: x\u{85}  y
        single: 'a ''b''
          c\t
           d '
        double: "\\0\\a\\b\\t\\	\\n\\v\\f\\r\\e\\ \\"\\/\\\\\\N\\_\\L\\P\\x7f\\xe9\\u2028\\U0001F600"
        double-multi: "a \\
             b   
          c

          d\\
          "
        empty-double: ""
        empty-single: ''
        empty-plain:
        literal: |
          a
            b

          c
        literal-keep: |+
          a


        literal-strip: |-
          a

        literal-indent: |2
            x
          y
        folded: >
          a
          b

          c
            d
          e
          \u{20}
        folded-keep: >+
          a
          b

        folded-strip: >-
          a
          b
        only-breaks-keep: |+


        list:
          - |1
            lead
          - >2-
              x
             y
          - [f1, "f 2", 'f 3', {k: v}]
        ? complex key
        : value
        tagged: !!str &anchor   plain tagged
        verbatim: !<tag:yaml.org,2002:str> v
        unicode: é😀ü 'q' "r"
        """
        let root = try load(yaml)
        let source = Array(yaml.utf8)
        let scalars = root.allScalars
        #expect(scalars.count == 50)
        for scalar in scalars {
            #expect(ScalarSourceMap(scalar: scalar, source: source) != nil,
                    "no map for \(scalar.style) \(scalar.value.debugDescription) at \(scalar.start)")
        }
    }
}

extension YAMLNode {
    /// A path written as strings, where all-digit steps index sequences.
    func path(_ steps: [String]) -> YAMLNode? {
        var node: YAMLNode? = self
        for step in steps {
            if let index = Int(step), case .sequence? = node {
                node = node?.at(.index(index))
            } else {
                node = node?.at(.key(step))
            }
        }
        return node
    }
}
