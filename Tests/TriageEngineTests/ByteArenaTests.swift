import Testing
@testable import TriageEngine

/// The blocks behind the compact match stores: every piece comes back as appended, in one piece,
/// across block ends and for pieces longer than a block.
struct ByteArenaTests {
    @Test func everyPieceComesBackAcrossBlocks() {
        var arena = ByteArena()
        var pieces: [(ByteArena.Location, [UInt8])] = []
        var seed: UInt64 = 3
        for index in 0..<6_000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            // Mostly a few hundred bytes; now and then longer than a block.
            let count = index % 1_000 == 999 ? ByteArena.blockSize + Int(seed >> 60) : Int(seed >> 55)
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &+ index) }
            pieces.append((arena.append(bytes), bytes))
        }
        #expect(Set(pieces.map { $0.0.block }).count > 5)
        for (location, bytes) in pieces {
            #expect(arena.withBytes(at: location, count: bytes.count) { Array($0) } == bytes)
        }
    }
}

extension ByteArenaTests {
    /// A run with a few matches must not reserve a whole block per store (each `check` has one or
    /// two, the job summary another): the first blocks are small and grow to `blockSize`.
    @Test func aFewPiecesReserveLittle() {
        var arena = ByteArena()
        var locations: [ByteArena.Location] = []
        for index in 0..<10 { locations.append(arena.append(Array(repeating: UInt8(index), count: 100))) }
        #expect(arena.reservedBytes < 16 * 1024, "\(arena.reservedBytes) bytes reserved for 1,000")
        for (index, location) in locations.enumerated() {
            #expect(arena.withBytes(at: location, count: 100) { Array($0) } == Array(repeating: UInt8(index), count: 100))
        }
        // Many pieces still end in blocks of `blockSize`: little unused beyond the growing start.
        for _ in 0..<40_000 { _ = arena.append(Array(repeating: 7, count: 100)) }
        #expect(arena.reservedBytes < 4_001_000 + 2 * ByteArena.blockSize, "\(arena.reservedBytes)")
    }
}
