/// A YAML mapping with its entries in source order.
///
/// Kept as an ordered array (not a dictionary) so diagnostics and round-trips can follow the file.
/// Merge keys (`<<`) are already applied: merged entries appear where the `<<` key was written,
/// minus the keys the mapping sets itself.
public struct YAMLMapping: Hashable, Sendable {
    public var entries: [YAMLMappingEntry]
    public var start: YAMLMark
    /// For block mappings, the end of the last entry; for flow mappings, just after the `}`.
    public var end: YAMLMark

    public init(entries: [YAMLMappingEntry], start: YAMLMark, end: YAMLMark) {
        self.entries = entries
        self.start = start
        self.end = end
    }

    /// The value of the first entry whose key is a scalar with exactly this text.
    ///
    /// Matches on the key's text (`value`), not its resolved type, so `mapping["true"]` finds `true:`.
    public subscript(key: String) -> YAMLNode? {
        for entry in entries {
            if case .scalar(let scalar) = entry.key, scalar.value == key {
                return entry.value
            }
        }
        return nil
    }
}
