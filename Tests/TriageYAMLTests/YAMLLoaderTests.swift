import Testing
import TriageYAML

@Suite struct YAMLLoaderTests {
    @Test func buildsTheTreeWithKindsAndValues() throws {
        let root = try load("name: triage\nrules:\n  - a\n  - {k: v}\n")
        let mapping = try #require(root.mapping)
        #expect(mapping.entries.map { $0.key.scalar?.value } == ["name", "rules"])
        #expect(root.at("name")?.scalar?.value == "triage")
        #expect(root.at("rules", 0)?.scalar?.value == "a")
        #expect(root.at("rules", 1, "k")?.scalar?.value == "v")
        #expect(root.at("rules")?.sequence?.items.count == 2)
    }

    @Test func scalarMarksCountBytesForOffsetsAndScalarsForColumns() throws {
        // libyaml counts characters; offsets must be bytes and columns Unicode scalars.
        let root = try load("é😀: ü😀 value\nnext: 1\n")
        let entry = try #require(root.mapping?.entries.first)
        #expect(entry.key.start == mark(0, 1, 1))
        #expect(entry.key.end == mark(6, 1, 3))
        let value = try #require(entry.value.scalar)
        #expect(value.start == mark(8, 1, 5))
        #expect(value.end == mark(20, 1, 13))
        let next = try #require(root.mapping?.entries.last)
        #expect(next.key.start == mark(21, 2, 1))
        #expect(next.value.start == mark(27, 2, 7))
    }

    @Test func marksAfterManyMultibyteLinesStayExact() throws {
        var text = ""
        for i in 0..<3000 { text += "k\(i): \"ü😀é\(i)\"\n" }
        text += "last: here\n"
        let root = try load(text)
        let last = try #require(root.mapping?.entries.last)
        let offset = text.utf8.count - "last: here\n".utf8.count
        #expect(last.key.start == mark(offset, 3001, 1))
        #expect(last.value.start == mark(offset + 6, 3001, 7))
        // A node far back still converts correctly after the cursor moved on.
        // Lines before it are 16 bytes each ("k0: \"ü😀é0\"\n").
        #expect(root.mapping?.entries[5].value.start == mark(5 * 16 + 4, 6, 5))
    }

    @Test func collectionMarks() throws {
        let root = try load("a:\n  - x\n  - [y, z]   # c\n\n# trailing\nb: {k: v}\n")
        let block = try #require(root.at("a")?.sequence)
        #expect(block.start == mark(5, 2, 3))
        // Block collections end at their last child, not where libyaml noticed the dedent.
        #expect(block.end == mark(19, 3, 11))
        let flow = try #require(root.at("a", 1)?.sequence)
        #expect(flow.start == mark(13, 3, 5))
        #expect(flow.end == mark(19, 3, 11))
        let flowMapping = try #require(root.at("b")?.mapping)
        #expect(flowMapping.start == mark(41, 6, 4))
        #expect(flowMapping.end == mark(47, 6, 10))
        #expect(root.start == mark(0, 1, 1))
        #expect(root.end == mark(47, 6, 10))
    }

    @Test(arguments: ["", "   \n\n", "# only a comment\n", "---\n", "--- # empty\n...\n", "\u{FEFF}"])
    func emptyInputIsNil(_ text: String) throws {
        #expect(try YAMLLoader.load(text) == nil)
        #expect(try YAMLLoader.load(Array(text.utf8)) == nil)
    }

    @Test func explicitlyEmptyValuesAreNotAnEmptyDocument() throws {
        #expect(try YAMLLoader.load("\"\"")?.scalar?.value == "")
        #expect(try YAMLLoader.load("!!null")?.scalar?.resolved == .null)
        #expect(try YAMLLoader.load("[]")?.sequence?.items == [])
    }

    @Test func aRootScalarLoads() throws {
        let root = try load("--- hello world\n")
        #expect(root.scalar?.value == "hello world")
        #expect(root.start == mark(4, 1, 5))
    }

    @Test func aSecondDocumentIsAnError() throws {
        let error = try #require(loadError("a: 1\n---\nb: 2\n"))
        #expect(error.message == "a rule file holds one YAML document; found a second one here")
        #expect(error.mark == mark(5, 2, 1))
        let afterEnd = try #require(loadError("a: 1\n...\nb: 2\n"))
        #expect(afterEnd.mark == mark(9, 3, 1))
    }

    @Test func documentEndMarkerAloneIsFine() throws {
        #expect(try load("---\na: 1\n...\n").at("a")?.scalar?.value == "1")
    }

    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let root = try load("\u{FEFF}a: 1\nb: 2\n")
        let entries = try #require(root.mapping?.entries)
        #expect(entries[0].key.start == mark(3, 1, 1))
        #expect(entries[0].value.start == mark(6, 1, 4))
        #expect(entries[1].key.start == mark(8, 2, 1))
    }

    @Test func utf16IsRejected() throws {
        let error = try #require(loadError([0xFF, 0xFE, 0x61, 0x00]))
        #expect(error.message == "the file is UTF-16; YAML files must be UTF-8")
        #expect(error.mark == mark(0, 1, 1))
    }

    @Test func carriageReturnLineEndsCountAsOneLine() throws {
        let root = try load("a: 1\r\nb: 2\rc: 3\n")
        let entries = try #require(root.mapping?.entries)
        #expect(entries.map { $0.key.start } == [mark(0, 1, 1), mark(6, 2, 1), mark(11, 3, 1)])
    }

    @Test func subscriptMatchesKeyTextAndFirstEntry() throws {
        let root = try load("true: a\n1: b\n'x': c\n")
        let mapping = try #require(root.mapping)
        #expect(mapping["true"]?.scalar?.value == "a")
        #expect(mapping["1"]?.scalar?.value == "b")
        #expect(mapping["x"]?.scalar?.value == "c")
        #expect(mapping["missing"] == nil)
    }

    @Test func complexKeysAreKept() throws {
        let root = try load("? [a, b]\n: v\n")
        let entry = try #require(root.mapping?.entries.first)
        #expect(entry.key.sequence?.items.compactMap { $0.scalar?.value } == ["a", "b"])
        #expect(entry.value.scalar?.value == "v")
    }

    @Test func loadingTwiceGivesEqualTrees() throws {
        let text = "a: &x [1, {b: c}]\nd: *x\ne: |\n  text\n"
        let first = try load(text)
        let second = try load(text)
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != (try load(text + "f: 1\n")))
    }

    @Test func tagsAreShortenedForCoreTypesAndKeptOtherwise() throws {
        let root = try load("a: !!str x\nb: !local y\nc: !<tag:example.com,2024:z> z\nd: plain\n")
        #expect(root.at("a")?.scalar?.tag == "!!str")
        #expect(root.at("b")?.scalar?.tag == "!local")
        #expect(root.at("c")?.scalar?.tag == "tag:example.com,2024:z")
        #expect(try #require(root.at("d")?.scalar).tag == nil)
        // The node starts at its tag, as in libyaml.
        #expect(root.at("a")?.start == mark(3, 1, 4))
    }

    @Test func stylesAreReported() throws {
        let root = try load("- p\n- 's'\n- \"d\"\n- |\n  l\n- >\n  f\n")
        let styles = root.sequence?.items.compactMap { $0.scalar?.style }
        #expect(styles == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(root.sequence?.items.compactMap { $0.scalar?.value } == ["p", "s", "d", "l\n", "f\n"])
    }

    /// Stands in for the "50 MB loads or errors without a hang" requirement at ~5 MB, to keep
    /// the suite fast; the work is linear in the input, so 10x more is 10x the time. The time
    /// itself is measured by `triage-bench` (BENCHMARKS.md), not asserted here.
    @Test func aFiveMegabyteFileLoads() throws {
        var text = "rules:\n"
        var count = 0
        while text.utf8.count < 5_000_000 {
            text += "  - name: rule-\(count) é😀\n    when: state == \"open\" and age > \(count)d\n    labels: [a, b]\n"
            count += 1
        }
        let root = try YAMLLoader.load(text)
        let rules = try #require(root?.at("rules")?.sequence)
        #expect(rules.items.count == count)
        let last = try #require(rules.items.last?.at("when")?.scalar)
        #expect(last.value == "state == \"open\" and age > \(count - 1)d")
        #expect(last.start.line == count * 3)
        #expect(last.start.column == 11)
    }

    @Test func aLargeFileWithAnErrorNearTheEndFailsThere() throws {
        var text = ""
        for i in 0..<50_000 { text += "k\(i): v\n" }
        text += "bad: [\n"
        let error = try #require(loadError(text))
        #expect(error.mark.line == 50_002)
        #expect(error.message == "did not find expected node content")
    }
}
