/// The fields of the issue model by name, so rules can declare what they read and decoders can skip
/// the rest (the `body` is the largest field and most rules never touch it).
public enum IssueField: String, CaseIterable, Hashable, Sendable {
    case number, title, body, state, kind, draft, author
    case authorAssociation = "author_association"
    case labels, assignees, milestone, comments, reactions, upvotes, locked
    case created, updated, closed, age, idle, url, repo

    /// Bit for `IssueFieldSet`, from a table built once (this is on the decoders' hot path).
    var bit: UInt32 { IssueField.bits[self]! }

    private static let bits: [IssueField: UInt32] = Dictionary(
        uniqueKeysWithValues: allCases.enumerated().map { ($1, UInt32(1) << UInt32($0)) }
    )
}

/// A set of `IssueField`s: what a rule set reads, or what a decoder must fill in.
public struct IssueFieldSet: OptionSet, Hashable, Sendable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ fields: some Sequence<IssueField>) {
        self.init(rawValue: fields.reduce(0) { $0 | $1.bit })
    }

    public static let all = IssueFieldSet(IssueField.allCases)

    public func contains(_ field: IssueField) -> Bool { rawValue & field.bit != 0 }
    public mutating func insert(_ field: IssueField) { rawValue |= field.bit }
}
