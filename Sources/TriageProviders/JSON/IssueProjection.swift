import TriageLanguage

/// Which fields a decoder materialises: those the rules read plus those `FieldCatalog` marks not
/// projectable, resolved once into plain booleans for the fields the JSON mappers may skip (the
/// decoder asks for every issue, and a stored flag costs nothing to read).
struct IssueProjection: Hashable, Sendable {
    var body, author, authorAssociation, labels, assignees, milestone, reactions, upvotes: Bool

    init(_ fields: IssueFieldSet) {
        let materialised = fields.union(FieldCatalog.alwaysMaterialised)
        body = materialised.contains(.body)
        author = materialised.contains(.author)
        authorAssociation = materialised.contains(.authorAssociation)
        labels = materialised.contains(.labels)
        assignees = materialised.contains(.assignees)
        milestone = materialised.contains(.milestone)
        reactions = materialised.contains(.reactions)
        upvotes = materialised.contains(.upvotes)
    }
}
