/// One review of a pull request, normalized across providers: what `review_state` decides from and
/// what `human_idle` counts as activity on pull requests (SPEC §8).
public struct PullReview: Hashable, Sendable {
    /// A review's verdict; providers map theirs onto these (GitHub `APPROVED` → `approved`, …).
    public enum State: String, Hashable, Sendable, CaseIterable {
        case approved
        case changesRequested = "changes_requested"
        /// Withdraws the reviewer's earlier verdict.
        case dismissed
        /// Neither approves nor asks for changes; ignored by `review_state`.
        case commented
        /// Not submitted yet; ignored by `review_state`.
        case pending
    }

    public var author: String
    public var state: State
    /// When it was submitted; nil where the provider gives no time (GitLab approvals), so the review
    /// decides `review_state` but does not count as activity.
    public var submitted: Timestamp?
    public var bot: Bool

    public init(author: String, state: State, submitted: Timestamp? = nil, bot: Bool = false) {
        self.author = author
        self.state = state
        self.submitted = submitted
        self.bot = bot
    }

    /// `reviews` in time order, those without a time (GitLab's approvals, unsubmitted reviews) first
    /// in the order given: `reviewState(of:)` takes each reviewer's latest, so every source of
    /// reviews (APIs, files, rule tests) puts them in this order before evaluation reads them.
    public static func inTimeOrder(_ reviews: [PullReview]) -> [PullReview] {
        reviews.stableSorted { ($0.submitted?.millisecondsSinceEpoch ?? .min) < ($1.submitted?.millisecondsSinceEpoch ?? .min) }
    }

    /// `review_state` from reviews in time order (`inTimeOrder`): each reviewer's latest decisive review
    /// (`approved`, `changes_requested`, `dismissed`, which clears the reviewer; `commented` and
    /// `pending` are ignored), then `changes_requested` if any reviewer's is, else `approved` if any
    /// approved, else `pending`.
    public static func reviewState(of reviews: [PullReview]) -> String {
        var latest: [String: State] = [:]
        for review in reviews {
            switch review.state {
            case .approved, .changesRequested: latest[review.author] = review.state
            case .dismissed: latest[review.author] = nil
            case .commented, .pending: break
            }
        }
        if latest.values.contains(.changesRequested) { return State.changesRequested.rawValue }
        if latest.values.contains(.approved) { return State.approved.rawValue }
        return "pending"
    }
}
