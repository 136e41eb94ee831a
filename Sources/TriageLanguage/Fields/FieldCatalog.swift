/// The one table of issue fields (SPEC §1): the checker, the compiler, comment templates, the rule
/// test decoder and the decoders' projection all read it.
///
/// Adding a field: add its stored property to `Issue`, a case to `IssueField` and its entry here
/// (the switch makes the pair compulsory), then its JSON mapping in `TriageProviders/JSON` and its
/// name in `Grammar/rules.schema.json` (reserved names, and test `issue` keys when a test may set
/// it; `SchemaCodesTests` checks both). The checker, compiler, templates, rule tests, projection
/// and `FieldCatalogTests` pick it up from the entry.
public enum FieldCatalog {
    /// The field's descriptor, built once.
    static func descriptor(of field: IssueField) -> FieldDescriptor { byField[field]! }

    private static let byField = Dictionary(uniqueKeysWithValues: IssueField.allCases.map { ($0, entry($0)) })

    /// The table itself: one entry per field.
    private static func entry(_ field: IssueField) -> FieldDescriptor {
        switch field {
        case .number: FieldDescriptor(field, .int { $0.pointee.number }, test: .int({ $0.number = $1 }))
        case .title: FieldDescriptor(field, .string { $0.pointee.title }, test: .text({ $0.title = $1 }))
        case .body: FieldDescriptor(field, .string { $0.pointee.body }, test: .text({ $0.body = $1 }), projectable: true)
        case .state: FieldDescriptor(field, .string { $0.pointee.state }, test: .text({ $0.state = $1 }, options: ["open", "closed"]))
        case .kind: FieldDescriptor(field, .string { $0.pointee.kind }, test: .text({ $0.kind = $1 }, options: ["issue", "pull_request"]))
        case .draft: FieldDescriptor(field, .bool { $0.pointee.draft }, test: .bool({ $0.draft = $1 }))
        case .author: FieldDescriptor(field, .string { $0.pointee.author }, test: .text({ $0.author = $1 }), projectable: true)
        case .authorAssociation:
            FieldDescriptor(field, .optionalString { $0.pointee.authorAssociation }, test: .optionalText({ $0.authorAssociation = $1 }), projectable: true)
        case .labels: FieldDescriptor(field, .strings { $0.pointee.labels }, test: .texts({ $0.labels = $1 }), projectable: true)
        case .assignees: FieldDescriptor(field, .strings { $0.pointee.assignees }, test: .texts({ $0.assignees = $1 }), projectable: true)
        case .milestone: FieldDescriptor(field, .optionalString { $0.pointee.milestone }, test: .optionalText({ $0.milestone = $1 }), projectable: true)
        case .comments: FieldDescriptor(field, .int { $0.pointee.comments }, test: .int({ $0.comments = $1 }))
        case .reactions: FieldDescriptor(field, .int { $0.pointee.reactions }, test: .int({ $0.reactions = $1 }), projectable: true)
        case .upvotes: FieldDescriptor(field, .int { $0.pointee.upvotes }, test: .int({ $0.upvotes = $1 }), projectable: true)
        case .locked: FieldDescriptor(field, .bool { $0.pointee.locked }, test: .bool({ $0.locked = $1 }))
        case .created: FieldDescriptor(field, .time { $0.pointee.created }, test: .time({ $0.created = $1 }))
        case .updated: FieldDescriptor(field, .time { $0.pointee.updated }, test: .time({ $0.updated = $1 }))
        case .closed: FieldDescriptor(field, .optionalTime { $0.pointee.closed }, test: .optionalTime({ $0.closed = $1 }))
        case .age: FieldDescriptor(field, .elapsed(since: .created) { $0.pointee.created }, test: .computed(from: .created))
        case .idle: FieldDescriptor(field, .elapsed(since: .updated) { $0.pointee.updated }, test: .computed(from: .updated))
        case .url: FieldDescriptor(field, .string { $0.pointee.url }, test: .text({ $0.url = $1 }))
        case .repo: FieldDescriptor(field, .string { $0.pointee.repo }, test: .text({ $0.repo = $1 }))
        case .lastComment: FieldDescriptor(field, .comment(fromComments: { $0.last }), test: .notInIssue)
        case .commenters: FieldDescriptor(field, .strings(fromComments: distinctAuthors), test: .notInIssue)
        case .humanIdle: FieldDescriptor(field, .humanIdle(), test: .notInIssue)
        case .lastHumanComment: FieldDescriptor(field, .comment(fromComments: HumanActivity.lastHumanComment), test: .notInIssue)
        case .linkedPrs: FieldDescriptor(field, .linkedPulls(), test: .notInIssue)
        case .reviewState: FieldDescriptor(field, .reviewState(), test: .notInIssue)
        case .checks: FieldDescriptor(field, .checks(), test: .notInIssue)
        }
    }

    /// Every field's descriptor, in `IssueField` order.
    public static let descriptors: [FieldDescriptor] = IssueField.allCases.map(\.descriptor)

    /// Every name a rule can read from an issue (fields, lazy ones included, and `now`).
    public static var allNames: [String] { descriptors.map(\.name) + ["now"] }

    /// The fields a decoder fills in whatever the rules read.
    public static let alwaysMaterialised = IssueFieldSet(descriptors.filter { !$0.isProjectable }.map(\.field))

    /// Distinct comment authors, oldest first.
    static func distinctAuthors(_ comments: [IssueComment]) -> [String] {
        var seen = Set<String>()
        var authors: [String] = []
        for comment in comments where seen.insert(comment.author).inserted {
            authors.append(comment.author)
        }
        return authors
    }
}
