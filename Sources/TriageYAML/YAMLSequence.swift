/// A YAML sequence with its items in source order.
public struct YAMLSequence: Hashable, Sendable {
    public var items: [YAMLNode]
    public var start: YAMLMark
    /// For block sequences, the end of the last item; for flow sequences, just after the `]`.
    public var end: YAMLMark

    public init(items: [YAMLNode], start: YAMLMark, end: YAMLMark) {
        self.items = items
        self.start = start
        self.end = end
    }
}
