/// The members of the `comment` type.
public enum CommentMember: String, CaseIterable, Hashable, Sendable {
    case author, body, created, association, bot

    public var type: ValueType {
        switch self {
        case .author, .body: .string
        case .created: .time
        case .association: .optional(.string)
        case .bot: .bool
        }
    }
}
