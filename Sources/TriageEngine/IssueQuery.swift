public import TriageLanguage

/// What the engine asks a provider for, derived conservatively from all selected rules so that remote
/// providers can push filters down (e.g. `state=open`) without ever dropping an issue a rule could match.
public struct IssueQuery: Hashable, Sendable {
    /// `"open"` or `"closed"` when every rule requires that state; `nil` for all states.
    public var state: String?
    /// `"issue"` or `"pull_request"` when every rule requires that kind; `nil` for both.
    public var kind: String?
    /// Labels every rule requires (each issue must carry all of them).
    public var labels: [String]
    /// Only issues updated at or after this instant can match (every rule bounds `idle`).
    public var updatedSince: Timestamp?
    /// The fields the rules and the output read; a decoder may leave the others at their defaults.
    public var fields: IssueFieldSet

    public init(state: String? = nil, kind: String? = nil, labels: [String] = [], updatedSince: Timestamp? = nil, fields: IssueFieldSet = .all) {
        self.state = state
        self.kind = kind
        self.labels = labels
        self.updatedSince = updatedSince
        self.fields = fields
    }

    /// Asks for every issue, every field.
    public static let everything = IssueQuery()
}
