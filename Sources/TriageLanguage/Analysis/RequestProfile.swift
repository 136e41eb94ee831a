/// Where a conjunct's lazy data is counted: on which kind of item, from a source whose reviews do
/// or do not carry a time. What a field costs must be what evaluation will request there (SPEC §8):
/// pull-request data (reviews, checks) is no request on an issue, and `human_idle` asks for no
/// reviews from a source whose reviews carry no time (GitLab's approvals and reviewers), which the
/// frame's `reviewsCarryTime` (the provider's capability) decides while evaluating.
public struct RequestProfile: Hashable, Sendable {
    /// Whether the item is a pull request (merge request).
    public var pullRequest: Bool
    /// Whether the source's reviews carry a time (`EvaluationFrame.reviewsCarryTime`).
    public var reviewsCarryTime: Bool

    public init(pullRequest: Bool, reviewsCarryTime: Bool) {
        self.pullRequest = pullRequest
        self.reviewsCarryTime = reviewsCarryTime
    }

    /// An issue, from any source: it has no reviews to carry a time.
    public static let issue = RequestProfile(pullRequest: false, reviewsCarryTime: true)
    /// A pull request from a source whose reviews carry a time (GitHub).
    public static let pullRequest = RequestProfile(pullRequest: true, reviewsCarryTime: true)
    /// A pull request from a source whose reviews carry none (GitLab's merge requests).
    public static let pullRequestWithUntimedReviews = RequestProfile(pullRequest: true, reviewsCarryTime: false)

    /// The kinds of `facts`' lazy data evaluation may request here.
    public func lazyData(of facts: ExpressionFacts) -> Set<LazyDataKind> {
        let kinds = reviewsCarryTime ? facts.lazyData : facts.lazyDataWithUntimedReviews
        return pullRequest ? kinds : kinds.filter { !$0.isPullRequestData }
    }

    /// The requests loading `kinds` makes here, each kind once.
    public func requests(_ kinds: Set<LazyDataKind>) -> Int {
        kinds.reduce(0) { $0 + requests(for: $1) }
    }

    /// The requests loading `kind` makes here: `kind.requests` (GitHub's), none for pull-request
    /// data on an issue, and on a merge request of the source whose reviews carry no time (GitLab,
    /// `pullData`): no linked merge requests (GitLab relates them to issues only), two for reviews
    /// (approvals and reviewers), one for checks (the merge request's head pipeline).
    public func requests(for kind: LazyDataKind) -> Int {
        guard pullRequest else { return kind.isPullRequestData ? 0 : kind.requests }
        guard !reviewsCarryTime else { return kind.requests }
        switch kind {
        case .linkedPulls: return 0
        case .reviews: return 2
        case .checks: return 1
        case .comments, .labelEvents: return kind.requests
        }
    }
}
