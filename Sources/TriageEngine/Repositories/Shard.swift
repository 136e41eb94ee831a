/// One of N disjoint parts of an organisation's repositories (`--shard I/N`, SPEC §7), so that a CI
/// matrix of N jobs covers every repository exactly once. A repository belongs to shard I when the
/// FNV-1a-64 hash of its lowercased `owner/name`, modulo N, is I−1: stable across processes and
/// machines, which Swift's seeded `Hasher` is not.
public struct Shard: Hashable, Sendable, CustomStringConvertible {
    /// 1-based.
    public let index: Int
    public let count: Int

    public init?(index: Int, count: Int) {
        guard count >= 1, index >= 1, index <= count else { return nil }
        self.index = index
        self.count = count
    }

    /// `I/N` with 1 ≤ I ≤ N; nil for anything else.
    public init?(parsing text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else { return nil }
        self.init(index: index, count: count)
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether repository `fullName` (`owner/name`, any case) falls in this shard.
    public func contains(repository fullName: String) -> Bool {
        Int(Self.fnv1a64(fullName.lowercased()) % UInt64(count)) == index - 1
    }

    /// The 64-bit FNV-1a hash of the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
