/// A pull or merge request of the same repository that references an issue: the `pull` type of the
/// language, the element of `linked_prs` (SPEC §8).
public struct LinkedPull: Hashable, Sendable {
    public var number: Int
    /// `"open"`, `"closed"` or `"merged"`.
    public var state: String
    public var draft: Bool
    public var author: String

    /// The states `state` takes.
    public static let states = ["open", "closed", "merged"]

    public init(number: Int, state: String, draft: Bool = false, author: String = "") {
        self.number = number
        self.state = state
        self.draft = draft
        self.author = author
    }
}
