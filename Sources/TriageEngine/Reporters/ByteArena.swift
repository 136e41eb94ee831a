/// Bytes appended in blocks of `blockSize` that never move or grow: where the collecting reporters
/// keep the text of every match (`MatchCollector`, `HTMLCellStore`). One growing array would double
/// its capacity as it fills, and hold the old and the new storage at once while copying, up to
/// three times the bytes at the peak; blocks cost at most one block's unused tail. The first blocks
/// are small (`firstBlockSize`, doubling up to `blockSize`), so a run with a few matches does not
/// reserve a megabyte per store.
struct ByteArena {
    static let blockSize = 1 << 20
    static let firstBlockSize = 4 << 10

    /// Where appended bytes are: a block and an offset in it.
    struct Location {
        var block: UInt32
        var offset: UInt32
    }

    private var blocks: [[UInt8]] = []

    /// Appends `bytes` in one piece: after the last bytes when they fit in its block, else at the
    /// start of a new block (one of their own when longer than the next block's size).
    mutating func append(_ bytes: some Collection<UInt8>) -> Location {
        if blocks.isEmpty || blocks[blocks.count - 1].count + bytes.count > blocks[blocks.count - 1].capacity {
            var block: [UInt8] = []
            block.reserveCapacity(max(min(Self.blockSize, Self.firstBlockSize << min(blocks.count, 16)), bytes.count))
            blocks.append(block)
        }
        let last = blocks.count - 1
        let location = Location(block: UInt32(last), offset: UInt32(blocks[last].count))
        blocks[last].append(contentsOf: bytes)
        return location
    }

    /// Bytes the blocks hold, used or not.
    var reservedBytes: Int { blocks.reduce(0) { $0 + $1.capacity } }

    /// The `count` bytes at `location`, as `append` stored them.
    func withBytes<Result>(at location: Location, count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        blocks[Int(location.block)].withUnsafeBufferPointer { block in
            body(UnsafeBufferPointer(rebasing: block[Int(location.offset)..<Int(location.offset) + count]))
        }
    }
}
