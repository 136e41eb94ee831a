import TriageLanguage

/// A `milestone:` action names a title the repository does not have: the rule's writes there fail
/// before any is made (SPEC §8), and the message offers the closest existing title.
public struct UnknownMilestone: Error, Hashable, Sendable, CustomStringConvertible {
    public var title: String
    /// What was searched, e.g. `repository o/r` or `project g/p and its groups`.
    public var scope: String
    public var known: [String]

    public init(title: String, scope: String, known: [String]) {
        self.title = title
        self.scope = scope
        self.known = known
    }

    public var description: String {
        "\(scope) has no milestone titled `\(title)`" + Suggestions.didYouMean(Suggestions.closest(to: title, in: known))
    }
}
