import TriageLanguage

/// Which of the projectable fields a decoder materialises, resolved once from an `IssueFieldSet` into
/// plain booleans: the decoder asks for every issue, and a stored flag costs nothing to read.
struct IssueProjection: Hashable, Sendable {
    var body, author, authorAssociation, labels, assignees, milestone, reactions, upvotes: Bool

    init(_ fields: IssueFieldSet) {
        body = fields.contains(.body)
        author = fields.contains(.author)
        authorAssociation = fields.contains(.authorAssociation)
        labels = fields.contains(.labels)
        assignees = fields.contains(.assignees)
        milestone = fields.contains(.milestone)
        reactions = fields.contains(.reactions)
        upvotes = fields.contains(.upvotes)
    }
}
