/// The names a rule can read from an issue, with their types (SPEC §1).
public enum FieldCatalog {
    /// Fields every provider fills in from its list API.
    public static let types: [IssueField: ValueType] = [
        .number: .int, .title: .string, .body: .string, .state: .string, .kind: .string, .draft: .bool,
        .author: .string, .authorAssociation: .optional(.string), .labels: .list(.string), .assignees: .list(.string),
        .milestone: .optional(.string), .comments: .int, .reactions: .int, .upvotes: .int, .locked: .bool,
        .created: .time, .updated: .time, .closed: .optional(.time), .age: .duration, .idle: .duration,
        .url: .string, .repo: .string,
    ]

    /// Fields that need extra API calls per issue, loaded only when evaluation reaches them.
    public enum LazyField: String, CaseIterable, Sendable {
        case lastComment = "last_comment"
        case commenters

        public var type: ValueType {
            switch self {
            case .lastComment: .optional(.comment)
            case .commenters: .list(.string)
            }
        }
    }

    /// Every name an issue field can be written with.
    public static var allNames: [String] {
        IssueField.allCases.map(\.rawValue) + LazyField.allCases.map(\.rawValue) + ["now"]
    }
}

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
