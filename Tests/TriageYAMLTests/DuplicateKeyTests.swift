import Testing
import TriageYAML

/// libyaml accepts repeated keys; in a rule file the later one would silently win.
@Suite struct DuplicateKeyTests {
    @Test func aRepeatedKeyIsAnErrorAtTheSecondOccurrence() throws {
        let error = try #require(loadError("name: a\nwhen: x\nname: b\n"))
        #expect(error.message == "duplicate key 'name'; it is already set on line 1")
        #expect(error.mark == mark(16, 3, 1))
    }

    @Test(arguments: [
        ("1: a\n0x1: b\n", "0x1", 1),
        ("null: a\n~: b\n", "~", 1),
        ("\"k\": a\nk: b\n", "k", 1),
        ("true: a\nTrue: b\n", "True", 1),
        ("1.0: a\n1.: b\n", "1.", 1),
    ])
    func keysThatResolveToTheSameValueAreDuplicates(_ yaml: String, _ key: String, _ firstLine: Int) throws {
        let error = try #require(loadError(yaml))
        #expect(error.message == "duplicate key '\(key)'; it is already set on line \(firstLine)")
        #expect(error.mark.line == 2)
        #expect(error.mark.column == 1)
    }

    @Test func differentlyTypedKeysAreDistinct() throws {
        let root = try load("\"1\": a\n1: b\n'true': c\ntrue: d\n")
        #expect(root.mapping?.entries.count == 4)
    }

    @Test func duplicatesInFlowMappingsAndNestedMappings() throws {
        let flow = try #require(loadError("m: {a: 1, b: 2, a: 3}\n"))
        #expect(flow.mark == mark(16, 1, 17))
        #expect(flow.message == "duplicate key 'a'; it is already set on line 1")
        let nested = try #require(loadError("rules:\n  - name: x\n    when: y\n    name: z\n"))
        #expect(nested.mark == mark(35, 4, 5))
        #expect(nested.message == "duplicate key 'name'; it is already set on line 2")
    }

    @Test func sameKeyInSiblingMappingsIsFine() throws {
        let root = try load("- name: a\n- name: b\n")
        #expect(root.sequence?.items.count == 2)
    }
}
