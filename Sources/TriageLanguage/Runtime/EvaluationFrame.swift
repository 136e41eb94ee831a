/// Lazy data a provider loads per issue with extra API calls.
public enum LazyDataKind: String, Hashable, Sendable, CaseIterable {
    case comments
    case labelEvents = "label_events"
    /// A pull request's reviews (`review_state`, and `human_idle` on pull requests).
    case reviews
    /// The pull requests that reference an issue (`linked_prs`).
    case linkedPulls = "linked_prs"
    /// A pull request's checks on its head commit (`checks`).
    case checks

    /// The requests loading it costs on GitHub (checks: the pull request for its head commit, the
    /// combined status, the check runs), the unit conjuncts are ordered by (SPEC §8: a lazy field
    /// costs the number of requests it needs); `RequestProfile.requests(for:)` says what an issue
    /// and a GitLab merge request need instead.
    public var requests: Int { self == .checks ? 3 : 1 }

    /// Data only pull requests have (reviews, checks): loading it for an issue is no request.
    public var isPullRequestData: Bool { self == .reviews || self == .checks }
}

/// Loaded lazy data of one kind, as the generic loading entry point returns it.
public enum LazyData: Hashable, Sendable {
    case comments([IssueComment])
    case labelEvents([LabelEvent])
    case reviews([PullReview])
    case linkedPulls([LinkedPull])
    case checks(PullChecks)

    public var kind: LazyDataKind {
        switch self {
        case .comments: .comments
        case .labelEvents: .labelEvents
        case .reviews: .reviews
        case .linkedPulls: .linkedPulls
        case .checks: .checks
        }
    }
}

/// What stops a compiled condition before it has a value.
public enum EvaluationInterrupt: Error, Hashable, Sendable {
    /// Evaluation reached a lazy field whose data is not loaded yet. The async driver loads it and
    /// evaluates again; evaluation is pure, so the retry gives the same answer.
    case needsData(LazyDataKind)
    /// Evaluation cannot complete on this issue (a regex gave up: ICU's time or memory limit). It is
    /// reported as an error for the issue and rule, never as a silent false.
    case failed(String)
}

/// A condition that could not be evaluated on an issue, as `evaluate` throws it.
public struct EvaluationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// The mutable state of evaluating conditions on one issue: the evaluation instant, lambda
/// parameter slots and the lazy data loaded so far.
///
/// The issue itself is passed to compiled closures by pointer rather than stored here or passed by
/// value: handing a closure an `Issue` value copies it, retaining every field, which was measured at
/// ~250 ns per evaluation against ~15 ns for the pointer. One frame serves every rule evaluated on the same issue, so lazy
/// data is loaded at most once per issue. A frame belongs to one task at a time.
public final class EvaluationFrame {
    public let now: Timestamp
    /// Whether the source's reviews carry a time, so that they can count for `human_idle` (SPEC §8).
    /// A source whose reviews have none (GitLab's approvals and reviewers) says so through its
    /// capabilities, and `human_idle` then needs no request for them.
    public let reviewsCarryTime: Bool
    var locals: [Value]
    public private(set) var comments: [IssueComment]?
    public private(set) var labelEvents: [LabelEvent]?
    public private(set) var reviews: [PullReview]?
    public private(set) var linkedPulls: [LinkedPull]?
    public private(set) var checks: PullChecks?
    /// The issue given to `init(issue:now:)` or `reset(to:)`, for the convenience API.
    public private(set) var issue: Issue?
    #if canImport(_FoundationICU)
    /// This frame's regex matchers (ICU matchers carry state, so they are per frame).
    let icuMatchers = ICUMatchers()
    #endif

    /// A frame for evaluating issues passed explicitly (the fast path).
    public init(now: Timestamp, reviewsCarryTime: Bool = true) {
        self.now = now
        self.reviewsCarryTime = reviewsCarryTime
        locals = []
    }

    /// A frame bound to one issue, for the `…(in:)` convenience methods.
    public convenience init(issue: Issue, now: Timestamp, reviewsCarryTime: Bool = true) {
        self.init(now: now, reviewsCarryTime: reviewsCarryTime)
        reset(to: issue)
    }

    /// Moves the frame to another issue (convenience API), dropping the previous issue's lazy data.
    public func reset(to issue: Issue) {
        self.issue = issue
        prepare(for: issue)
    }

    /// Drops lazy data of the previous issue before evaluating `issue` (fast path).
    @inline(__always)
    public func prepare(for issue: borrowing Issue) {
        comments = nil
        labelEvents = nil
        reviews = nil
        linkedPulls = nil
        checks = nil
    }

    /// Supplies lazy data loaded by a provider, in time order whatever order the API answered in
    /// (`last_comment` is the last comment, `label_age` the last `added` event).
    public func provide(comments: [IssueComment]) { self.comments = comments.stableSorted { $0.created < $1.created } }
    public func provide(labelEvents: [LabelEvent]) { self.labelEvents = labelEvents.stableSorted { $0.created < $1.created } }
    /// Reviews in time order (`PullReview.inTimeOrder`): a reviewer's latest review decides `review_state`.
    public func provide(reviews: [PullReview]) { self.reviews = PullReview.inTimeOrder(reviews) }

    /// Supplies loaded data of any kind.
    public func provide(_ data: LazyData) {
        switch data {
        case let .comments(comments): provide(comments: comments)
        case let .labelEvents(events): provide(labelEvents: events)
        case let .reviews(reviews): provide(reviews: reviews)
        case let .linkedPulls(pulls): linkedPulls = pulls
        case let .checks(checks): self.checks = checks
        }
    }

    /// Whether data of `kind` is loaded.
    func holds(_ kind: LazyDataKind) -> Bool {
        switch kind {
        case .comments: comments != nil
        case .labelEvents: labelEvents != nil
        case .reviews: reviews != nil
        case .linkedPulls: linkedPulls != nil
        case .checks: checks != nil
        }
    }

    /// The issue's comments, or a request to load them. Embedded comments and an issue with no
    /// comments need no request.
    @inline(__always)
    func loadedComments(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> [IssueComment] {
        if let embedded = issue.pointee.embeddedComments { return embedded }
        if let comments { return comments }
        if issue.pointee.comments == 0 { return [] }
        throw .needsData(.comments)
    }

    @inline(__always)
    func loadedLabelEvents(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> [LabelEvent] {
        if let embedded = issue.pointee.embeddedLabelEvents { return embedded }
        if let labelEvents { return labelEvents }
        throw .needsData(.labelEvents)
    }

    /// A pull request's reviews; issues have none (whatever a source says) and need no request.
    @inline(__always)
    func loadedReviews(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> [PullReview] {
        if issue.pointee.kind != "pull_request" { return [] }
        if let embedded = issue.pointee.embeddedReviews { return embedded }
        if let reviews { return reviews }
        throw .needsData(.reviews)
    }

    /// The reviews that can count as activity for `human_idle`: none, with no request, when the
    /// source's reviews carry no time.
    @inline(__always)
    func loadedReviewActivity(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> [PullReview] {
        guard reviewsCarryTime else { return [] }
        return try loadedReviews(issue)
    }

    @inline(__always)
    func loadedLinkedPulls(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> [LinkedPull] {
        if let embedded = issue.pointee.embeddedLinkedPulls { return embedded }
        if let linkedPulls { return linkedPulls }
        throw .needsData(.linkedPulls)
    }

    /// A pull request's checks; nil for issues, which need no request.
    @inline(__always)
    func loadedChecks(_ issue: UnsafePointer<Issue>) throws(EvaluationInterrupt) -> CheckStatus? {
        if issue.pointee.kind != "pull_request" { return nil }
        if let embedded = issue.pointee.embeddedChecks { return embedded.status }
        if let checks { return checks.status }
        throw .needsData(.checks)
    }
}

/// Loads lazy data for an issue; the engine supplies one backed by the provider, rule tests one
/// backed by the test's `comments:`, `label_events:`, `reviews:`, `linked_prs:` and `checks:`.
public protocol IssueDataLoader: Sendable {
    func comments(of issue: Issue) async throws -> [IssueComment]
    func labelEvents(of issue: Issue) async throws -> [LabelEvent]
    /// Data of any other kind (`reviews`, `linkedPulls`, `checks`): one entry point, so that a new
    /// kind of lazy data adds no requirement.
    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData
}
