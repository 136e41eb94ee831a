/// How a scalar was written. Only `plain` scalars get type resolution; the others are strings.
public enum YAMLScalarStyle: Hashable, Sendable {
    case plain
    case singleQuoted
    case doubleQuoted
    /// Block scalar introduced by `|`.
    case literal
    /// Block scalar introduced by `>`.
    case folded
}
