/// The normalized issue every provider produces (SPEC §1): the fields rule expressions read.
///
/// Lazy data (comments, label events) is not part of the list APIs; providers that already hold it
/// (files, rule tests) put it in the `embedded…` properties, the others load it on demand.
public struct Issue: Hashable, Sendable {
    public var number: Int
    public var title: String
    /// `""` when absent, and also when the selected rules and output never read it (see `IssueFieldSet`).
    public var body: String
    /// `"open"` or `"closed"`.
    public var state: String
    /// `"issue"` or `"pull_request"`.
    public var kind: String
    public var draft: Bool
    public var author: String
    public var authorAssociation: String?
    public var labels: [String]
    public var assignees: [String]
    public var milestone: String?
    public var comments: Int
    public var reactions: Int
    public var upvotes: Int
    public var locked: Bool
    public var created: Timestamp
    public var updated: Timestamp
    public var closed: Timestamp?
    public var url: String
    public var repo: String
    /// All comments, oldest first, when the source carried them; `nil` when they must be loaded.
    /// Sources that build issues (file decoding, rule tests) put them in time order; loaded data is
    /// put in order by `EvaluationFrame.provide`.
    public var embeddedComments: [IssueComment]?
    /// All label events, oldest first, when the source carried them; `nil` when they must be loaded.
    public var embeddedLabelEvents: [LabelEvent]?
    /// A pull request's reviews, when the source carried them (`reviews`); `nil` when they must be loaded.
    public var embeddedReviews: [PullReview]?
    /// The pull requests referencing the issue, when the source carried them (`linked_prs`).
    public var embeddedLinkedPulls: [LinkedPull]?
    /// A pull request's checks, when the source carried them (`checks`).
    public var embeddedChecks: PullChecks?

    public init(
        number: Int = 0, title: String = "", body: String = "", state: String = "open", kind: String = "issue",
        draft: Bool = false, author: String = "", authorAssociation: String? = nil, labels: [String] = [],
        assignees: [String] = [], milestone: String? = nil, comments: Int = 0, reactions: Int = 0, upvotes: Int = 0,
        locked: Bool = false, created: Timestamp, updated: Timestamp, closed: Timestamp? = nil, url: String = "",
        repo: String = "", embeddedComments: [IssueComment]? = nil, embeddedLabelEvents: [LabelEvent]? = nil,
        embeddedReviews: [PullReview]? = nil, embeddedLinkedPulls: [LinkedPull]? = nil, embeddedChecks: PullChecks? = nil
    ) {
        self.number = number
        self.title = title
        self.body = body
        self.state = state
        self.kind = kind
        self.draft = draft
        self.author = author
        self.authorAssociation = authorAssociation
        self.labels = labels
        self.assignees = assignees
        self.milestone = milestone
        self.comments = comments
        self.reactions = reactions
        self.upvotes = upvotes
        self.locked = locked
        self.created = created
        self.updated = updated
        self.closed = closed
        self.url = url
        self.repo = repo
        self.embeddedComments = embeddedComments
        self.embeddedLabelEvents = embeddedLabelEvents
        self.embeddedReviews = embeddedReviews
        self.embeddedLinkedPulls = embeddedLinkedPulls
        self.embeddedChecks = embeddedChecks
    }
}

/// One comment (GitHub issue comment, GitLab non-system note): the `comment` type of the language.
public struct IssueComment: Hashable, Sendable {
    public var author: String
    public var body: String
    public var created: Timestamp
    public var association: String?
    public var bot: Bool

    public init(author: String, body: String, created: Timestamp, association: String? = nil, bot: Bool = false) {
        self.author = author
        self.body = body
        self.created = created
        self.association = association
        self.bot = bot
    }
}

/// A label being added to or removed from an issue; `label_age(name)` is computed from these.
public struct LabelEvent: Hashable, Sendable {
    public enum Action: String, Hashable, Sendable { case added, removed }
    public var label: String
    public var action: Action
    public var created: Timestamp

    public init(label: String, action: Action, created: Timestamp) {
        self.label = label
        self.action = action
        self.created = created
    }
}
