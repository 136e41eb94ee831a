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
}
