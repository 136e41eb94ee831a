import Testing
import TriageYAML

/// libyaml's errors become `YAMLError`s at the right line and column, with readable text.
@Suite struct YAMLErrorTests {
    @Test func tabsUsedForIndentation() throws {
        let error = try #require(loadError("rules:\n\t- name: x\n"))
        #expect(error.message == "found character that cannot start any token")
        #expect(error.mark == mark(7, 2, 1))
        #expect(error.context == "while scanning for the next token that started at line 2, column 1")
    }

    @Test func unclosedFlowSequence() throws {
        let error = try #require(loadError("labels: [bug, ux\nstate: open\n"))
        #expect(error.message == "did not find expected ',' or ']'")
        #expect(error.mark == mark(22, 2, 6))
        #expect(error.context == "while parsing a flow sequence that started at line 1, column 9")
    }

    @Test func unclosedFlowSequenceAtTheEndOfTheFile() throws {
        let error = try #require(loadError("labels: [bug, ux"))
        #expect(error.mark == mark(16, 1, 17))
        #expect(error.context == "while parsing a flow sequence that started at line 1, column 9")
    }

    @Test func invalidUTF8InTheMiddleOfTheFile() throws {
        let bytes = Array("a: 1\nb: é".utf8) + [0xFF] + Array("x\nc: 3\n".utf8)
        let error = try #require(loadError(bytes))
        #expect(error.message == "invalid leading UTF-8 octet (byte 0xFF)")
        #expect(error.mark == mark(10, 2, 5))
        #expect(error.context == nil)
    }

    @Test func truncatedUTF8Sequence() throws {
        let bytes = Array("a: ".utf8) + [0xC3] + Array("x\n".utf8)
        let error = try #require(loadError(bytes))
        // libyaml reports the offending trailing byte, here the `x`.
        #expect(error.message == "invalid trailing UTF-8 octet (byte 0x78)")
        #expect(error.mark == mark(4, 1, 5))
    }

    @Test func aNulByte() throws {
        let error = try #require(loadError(Array("a: 1\nb: x".utf8) + [0x00] + Array("y\n".utf8)))
        #expect(error.message == "control characters are not allowed (U+0000)")
        #expect(error.mark == mark(9, 2, 5))
    }

    @Test func binaryJunk() throws {
        let error = try #require(loadError([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0xFF]))
        #expect(error.message == "control characters are not allowed (U+007F)")
        #expect(error.mark == mark(0, 1, 1))
    }

    @Test func mappingValueInsideAPlainValue() throws {
        let error = try #require(loadError("name: x\nkey: value: other\n"))
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.mark == mark(18, 2, 11))
        #expect(error.context == nil)
    }

    @Test func textAfterAQuotedValue() throws {
        let error = try #require(loadError("when: \"bug\" in labels\n"))
        #expect(error.message == "did not find expected key")
        #expect(error.mark == mark(12, 1, 13))
        #expect(error.context == "while parsing a block mapping that started at line 1, column 1")
        #expect(error.description
            == "line 1, column 13: did not find expected key (while parsing a block mapping that started at line 1, column 1)")
    }

    @Test func errorColumnsCountScalarsAfterMultibyteText() throws {
        let error = try #require(loadError("é😀: ü\nwhen: \"é😀\" in labels\n"))
        #expect(error.mark == mark(26, 2, 12))
    }

    @Test func unknownEscapeInDoubleQuotes() throws {
        let error = try #require(loadError("k: \"a\\qb\"\n"))
        #expect(error.message == "found unknown escape character")
        #expect(error.mark == mark(5, 1, 6))
        #expect(error.context == "while parsing a quoted scalar that started at line 1, column 4")
    }

    @Test func unterminatedQuotedScalar() throws {
        let error = try #require(loadError("k: 'abc\n"))
        #expect(error.message == "found unexpected end of stream")
        #expect(error.mark == mark(8, 2, 1))
        #expect(error.context == "while scanning a quoted scalar that started at line 1, column 4")
    }

    @Test func badIndentation() throws {
        let error = try #require(loadError("a:\n    b: 1\n  c: 2\n"))
        #expect(error.message == "did not find expected key")
        #expect(error.mark == mark(14, 3, 3))
    }

    @Test func ownErrorsHaveNoContext() throws {
        let error = YAMLError(message: "m", mark: mark(1, 2, 3))
        #expect(error.description == "line 2, column 3: m")
    }

    /// Whatever the bytes, loading returns or throws; it never traps.
    @Test func randomBytesNeverCrash() throws {
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        let alphabet = Array("ab:- \n\t[]{},&*!|>'\"#?%@`\\é😀~012.".utf8) + [0x00, 0xFF, 0xC3, 0x0D]
        var loaded = 0
        for _ in 0..<3_000 {
            let length = Int(next() % 40)
            let bytes = (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }
            if let root = try? YAMLLoader.load(bytes) {
                loaded += 1
                for scalar in root.allScalars {
                    _ = scalar.mark(forValueOffset: 0)
                    _ = scalar.mark(forValueOffset: scalar.value.utf8.count)
                }
            }
        }
        #expect(loaded > 100)
    }
}
