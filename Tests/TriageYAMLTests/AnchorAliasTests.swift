import Testing
import TriageYAML

@Suite struct AnchorAliasTests {
    @Test func anAliasYieldsTheAnchoredNode() throws {
        let root = try load("a: &x [1, 2]\nb: *x\n")
        #expect(root.at("b") == root.at("a"))
        #expect(root.at("b")?.start == mark(3, 1, 4))
    }

    @Test func anchoredScalarsAndKeys() throws {
        let root = try load("&k key: &v value\nother: *v\nnested: {*k : again}\n")
        #expect(root.at("other")?.scalar?.value == "value")
        #expect(root.at("nested", "key")?.scalar?.value == "again")
        // An aliased key is the same key: repeating it is a duplicate.
        let error = try #require(loadError("&k key: 1\n*k : 2\n"))
        #expect(error.message == "duplicate key 'key'; it is already set on line 1")
        #expect(error.mark == mark(10, 2, 1))
    }

    @Test func aRedefinedAnchorRefersToTheLatestDefinition() throws {
        let root = try load("a: &x one\nb: &x two\nc: *x\n")
        #expect(root.at("c")?.scalar?.value == "two")
        // An inner anchor completed after an outer one with the same name opened wins.
        let nested = try load("a: &x [&x inner, *x]\n")
        #expect(nested.at("a", 1)?.scalar?.value == "inner")
    }

    @Test func anUnknownAliasIsAnErrorAtTheAlias() throws {
        let error = try #require(loadError("a: 1\nb: [x, *nope]\n"))
        #expect(error.message == "unknown alias '*nope'; no earlier node has the anchor '&nope'")
        #expect(error.mark == mark(12, 2, 8))
    }

    @Test func anAliasToAnEnclosingNodeIsAnError() throws {
        let error = try #require(loadError("a: &x\n  b: *x\n"))
        #expect(error.message == "alias '*x' refers to a node that contains it")
        #expect(error.mark == mark(11, 2, 6))
        // An earlier, completed node with that name does not make it legal.
        let shadowed = try #require(loadError("- &x done\n- &x [*x]\n"))
        #expect(shadowed.message == "alias '*x' refers to a node that contains it")
    }
}
