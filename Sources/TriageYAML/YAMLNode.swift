/// A node of the position-preserving YAML tree.
///
/// Aliases are already resolved (an alias is the anchored node, with the anchor's positions),
/// so consumers never deal with anchors.
public indirect enum YAMLNode: Hashable, Sendable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    /// Where the node starts, including any anchor or tag written before it.
    public var start: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.start
        case .mapping(let mapping): mapping.start
        case .sequence(let sequence): sequence.start
        }
    }

    /// Where the node ends (exclusive).
    public var end: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.end
        case .mapping(let mapping): mapping.end
        case .sequence(let sequence): sequence.end
        }
    }
}
