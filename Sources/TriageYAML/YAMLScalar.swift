/// A scalar with its decoded text, how it was written, and where.
public struct YAMLScalar: Hashable, Sendable {
    /// The decoded value exactly as libyaml produced it (escapes applied, lines folded).
    public var value: String
    public var style: YAMLScalarStyle
    /// The explicit tag, shortened to `!!name` for the YAML core tags; `nil` when none was written.
    public var tag: String?
    /// Where the node starts, including any anchor or tag written before the value.
    public var start: YAMLMark
    /// Just after the last character of the scalar (for block scalars, after the last line break
    /// libyaml consumed).
    public var end: YAMLMark
    /// The value under the YAML 1.2 core schema (untagged plain scalars) or its explicit tag.
    public var resolved: YAMLPlainValue

    /// The whole file the scalar was read from; shared between all nodes of a load, not copied.
    /// Lets `mark(forValueOffset:)` re-scan the source lazily instead of storing a map per scalar.
    var source: [UInt8]?

    /// Makes a scalar that is not tied to a source file; `mark(forValueOffset:)` then answers `start`.
    public init(
        value: String,
        style: YAMLScalarStyle,
        tag: String? = nil,
        start: YAMLMark,
        end: YAMLMark,
        resolved: YAMLPlainValue
    ) {
        self.value = value
        self.style = style
        self.tag = tag
        self.start = start
        self.end = end
        self.resolved = resolved
        self.source = nil
    }

    init(
        value: String,
        style: YAMLScalarStyle,
        tag: String?,
        start: YAMLMark,
        end: YAMLMark,
        resolved: YAMLPlainValue,
        source: [UInt8]
    ) {
        self.init(value: value, style: style, tag: tag, start: start, end: end, resolved: resolved)
        self.source = source
    }

    /// Maps a UTF-8 byte offset into `value` to the file position where that character was written.
    ///
    /// Expression errors are reported as offsets into the decoded text; this turns them into
    /// positions an editor can jump to, through escapes, quotes, folding and block indentation.
    /// An offset equal to `value.utf8.count` maps to just after the last character; offsets inside a
    /// multi-byte character map to that character; out-of-range offsets are clamped.
    /// If the source cannot be re-scanned to reproduce `value` exactly, answers `start` rather
    /// than a wrong position.
    public func mark(forValueOffset offset: Int) -> YAMLMark {
        guard let source, let map = ScalarSourceMap(scalar: self, source: source) else {
            return start
        }
        return map.mark(forValueOffset: offset, source: source, from: start)
    }

    public static func == (lhs: YAMLScalar, rhs: YAMLScalar) -> Bool {
        lhs.value == rhs.value && lhs.style == rhs.style && lhs.tag == rhs.tag
            && lhs.start == rhs.start && lhs.end == rhs.end && lhs.resolved == rhs.resolved
    }

    /// Equality and hashing ignore the shared source buffer: two scalars read from the same
    /// place with the same text are the same scalar, and hashing must not cost the file size.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(style)
        hasher.combine(tag)
        hasher.combine(start)
        hasher.combine(end)
        hasher.combine(resolved)
    }
}
