import Testing
import TriageYAML

/// `<<` merge keys: explicit keys win, earlier merged mappings win over later ones.
@Suite struct MergeKeyTests {
    static func pairs(_ node: YAMLNode?) -> [String] {
        node?.mapping?.entries.map { "\($0.key.scalar?.value ?? "?")=\($0.value.scalar?.value ?? "?")" } ?? []
    }

    @Test func mergesAnAliasedMapping() throws {
        let root = try load("base: &b {a: 1, b: 2}\nx:\n  <<: *b\n  c: 3\n")
        #expect(Self.pairs(root.at("x")) == ["a=1", "b=2", "c=3"])
        // Merged entries keep the positions where they were written.
        #expect(root.at("x")?.mapping?.entries.first?.key.start == mark(10, 1, 11))
        #expect(root.at("x", "a")?.start == mark(13, 1, 14))
    }

    @Test func explicitKeysWinWhereverTheyAre() throws {
        let root = try load("base: &b {a: 1, b: 2, c: 3}\nx:\n  b: before\n  <<: *b\n  c: after\n")
        #expect(Self.pairs(root.at("x")) == ["b=before", "a=1", "c=after"])
    }

    @Test func earlierMappingsInAMergeSequenceWin() throws {
        let root = try load("""
        one: &one {a: 1, b: 1}
        two: &two {b: 2, c: 2}
        x:
          <<: [*one, *two]
          d: 4
        """)
        #expect(Self.pairs(root.at("x")) == ["a=1", "b=1", "c=2", "d=4"])
    }

    @Test func inlineMappingsMergeToo() throws {
        let root = try load("x: {<<: {a: 1}, b: 2}\n")
        #expect(Self.pairs(root.at("x")) == ["a=1", "b=2"])
    }

    @Test func mergesChain() throws {
        let root = try load("""
        a: &a {k: a, ka: 1}
        b: &b
          <<: *a
          k: b
        c:
          <<: *b
          kc: 3
        """)
        #expect(Self.pairs(root.at("c")) == ["ka=1", "k=b", "kc=3"])
    }

    @Test func overriddenMergedKeysAreNotDuplicates() throws {
        let root = try load("base: &b {name: x}\nr:\n  <<: *b\n  name: y\n")
        #expect(root.at("r", "name")?.scalar?.value == "y")
        #expect(root.at("r")?.mapping?.entries.count == 1)
    }

    @Test func aQuotedLessThanLessThanIsAnOrdinaryKey() throws {
        let root = try load("x:\n  '<<': {a: 1}\n")
        #expect(root.at("x", "<<")?.mapping != nil)
    }

    @Test func mergingAScalarIsAnError() throws {
        let error = try #require(loadError("x:\n  <<: plain\n"))
        #expect(error.message == "a merge key '<<' needs a mapping or a sequence of mappings; this is a scalar")
        #expect(error.mark == mark(9, 2, 7))
    }

    @Test func mergingAnAliasedScalarIsAnErrorAtTheAlias() throws {
        let error = try #require(loadError("s: &s text\nx:\n  <<: *s\n"))
        #expect(error.mark == mark(20, 3, 7))
    }

    @Test func mergingASequenceOfNonMappingsIsAnError() throws {
        let error = try #require(loadError("a: &a {k: 1}\nx:\n  <<: [*a, [1]]\n"))
        #expect(error.message == "a merge key '<<' sequence can only hold mappings; this is a sequence")
        #expect(error.mark == mark(27, 3, 12))
    }

    @Test func twoMergeKeysInOneMappingAreDuplicates() throws {
        let error = try #require(loadError("a: &a {k: 1}\nx:\n  <<: *a\n  <<: *a\n"))
        #expect(error.message == "duplicate key '<<'; it is already set on line 3")
        #expect(error.mark == mark(27, 4, 3))
    }
}
