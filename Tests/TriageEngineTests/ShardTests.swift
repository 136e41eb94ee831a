import Testing
import TriageEngine

/// `--shard I/N` (SPEC §7): FNV-1a-64 on the lowercased `owner/name`, so every machine agrees.
struct ShardTests {
    /// Published FNV-1a-64 test vectors.
    @Test(arguments: [("", 0xcbf2_9ce4_8422_2325 as UInt64), ("a", 0xaf63_dc4c_8601_ec8c), ("foobar", 0x8594_4171_f739_67e8)])
    func hashMatchesTheFNV1a64TestVectors(_ text: String, _ hash: UInt64) {
        #expect(Shard.fnv1a64(text) == hash)
    }

    @Test func everyRepositoryFallsInExactlyOneShardWhateverItsCase() throws {
        let names = (0..<200).map { "Acme/Repo-\($0)" }
        for count in [1, 2, 3, 7] {
            let shards = try (1...count).map { try #require(Shard(index: $0, count: count)) }
            for name in names {
                #expect(shards.filter { $0.contains(repository: name) }.count == 1)
                #expect(shards.map { $0.contains(repository: name) } == shards.map { $0.contains(repository: name.lowercased()) })
            }
        }
        // Some spread: with 200 names and 3 shards, each shard gets some.
        let three = (1...3).map { Shard(index: $0, count: 3)! }
        #expect(three.allSatisfy { shard in names.contains { shard.contains(repository: $0) } })
    }

    @Test(arguments: ["1/1", "2/3", "10/10"]) func parsesValidShards(_ text: String) {
        #expect(Shard(parsing: text)?.description == text)
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "x", "1/", "/2", "1/2/3", "-1/2"]) func rejectsInvalidShards(_ text: String) {
        #expect(Shard(parsing: text) == nil)
    }
}
