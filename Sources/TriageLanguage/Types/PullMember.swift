/// The members of the `pull` type (an element of `linked_prs`).
public enum PullMember: String, CaseIterable, Hashable, Sendable {
    case number, state, draft, author

    public var type: ValueType {
        switch self {
        case .number: .int
        case .state, .author: .string
        case .draft: .bool
        }
    }
}
