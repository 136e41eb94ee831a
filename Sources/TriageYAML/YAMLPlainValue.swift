/// The typed value of a scalar under the YAML 1.2 core schema.
///
/// libyaml reports every scalar as text; rule files need `true`, `7` and `null` to mean what they say.
public enum YAMLPlainValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
}
