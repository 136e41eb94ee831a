/// A member of one of the language's record types (`comment`, `pull`), as `.name` selects it.
public enum RecordMember: Hashable, Sendable {
    case comment(CommentMember)
    case pull(PullMember)

    /// The member of record type `record` called `name`, or nil when it has none.
    init?(_ name: String, of record: ValueType) {
        switch record {
        case .comment: guard let member = CommentMember(rawValue: name) else { return nil }; self = .comment(member)
        case .pull: guard let member = PullMember(rawValue: name) else { return nil }; self = .pull(member)
        default: return nil
        }
    }

    /// The language's record types, the ones `.name` applies to.
    static let recordTypes: [ValueType] = [.comment, .pull]

    /// The record types that have a member called `name` (all of them when none has), for messages.
    static func recordTypes(having name: String) -> [ValueType] {
        let having = recordTypes.filter { RecordMember(name, of: $0) != nil }
        return having.isEmpty ? recordTypes : having
    }

    /// The names the record type `record` has, for suggestions.
    static func names(of record: ValueType) -> [String] {
        switch record {
        case .comment: CommentMember.allCases.map(\.rawValue)
        case .pull: PullMember.allCases.map(\.rawValue)
        default: []
        }
    }

    public var name: String {
        switch self {
        case let .comment(member): member.rawValue
        case let .pull(member): member.rawValue
        }
    }

    public var type: ValueType {
        switch self {
        case let .comment(member): member.type
        case let .pull(member): member.type
        }
    }
}
