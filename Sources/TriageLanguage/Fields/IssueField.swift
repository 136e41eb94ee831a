/// The fields of the issue model by name: what rules read, what decoders may skip (the `body` is the
/// largest field and most rules never touch it). Each case has exactly one entry in `FieldCatalog`,
/// which says everything else about it; the compiler enforces the pair.
public enum IssueField: String, CaseIterable, Hashable, Sendable {
    case number, title, body, state, kind, draft, author
    case authorAssociation = "author_association"
    case labels, assignees, milestone, comments, reactions, upvotes, locked
    case created, updated, closed, age, idle, url, repo
    // Lazy fields: loaded with extra API calls when evaluation reaches them.
    case lastComment = "last_comment"
    case commenters
    case humanIdle = "human_idle"
    case lastHumanComment = "last_human_comment"
    case linkedPrs = "linked_prs"
    case reviewState = "review_state"
    case checks

    /// Everything the language, rule tests, templates and decoders know about this field.
    public var descriptor: FieldDescriptor { FieldCatalog.descriptor(of: self) }

    /// Bit for `IssueFieldSet`, from a table built once (this is on the decoders' hot path).
    var bit: UInt64 { IssueField.bits[self]! }

    private static let bits: [IssueField: UInt64] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, UInt64(1) << UInt64($0)) }
    )
}

/// A set of `IssueField`s: what a rule set reads, or what a decoder must fill in.
public struct IssueFieldSet: OptionSet, Hashable, Sendable {
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
    public init(_ fields: some Sequence<IssueField>) {
        self.init(rawValue: fields.reduce(0) { $0 | $1.bit })
    }

    public static let all = IssueFieldSet(IssueField.allCases)

    public func contains(_ field: IssueField) -> Bool { rawValue & field.bit != 0 }
    public mutating func insert(_ field: IssueField) { rawValue |= field.bit }
}
