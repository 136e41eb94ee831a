/// Bounds that keep a hostile YAML file from exhausting memory, time or the stack.
public struct YAMLLoadLimits: Hashable, Sendable {
    /// Most collections nested inside each other, counting nesting reached through aliases.
    public var maxDepth: Int
    /// Most nodes that aliases may add to the document in total (each alias adds the full
    /// expanded size of the node it names). Stops "billion laughs" documents.
    public var maxAliasExpansion: Int

    public init(maxDepth: Int = 256, maxAliasExpansion: Int = 100_000) {
        self.maxDepth = maxDepth
        self.maxAliasExpansion = maxAliasExpansion
    }
}
