public import TriageLanguage

/// What a provider can supply and perform, as `triage providers` lists it.
public struct ProviderCapabilities: Hashable, Sendable {
    public typealias LazyData = LazyDataKind
    public enum WriteAction: String, Hashable, Sendable, CaseIterable {
        case label, unlabel, comment, close, reopen, assign, unassign, lock, unlock, milestone, report
    }

    public var lazyData: Set<LazyData>
    public var writeActions: Set<WriteAction>
    /// Whether the source's pull-request reviews carry a time, so that `human_idle` counts them
    /// (SPEC §8). When they do not (GitLab's approvals and reviewers), `human_idle` never requests
    /// them; `review_state` still does.
    public var reviewsCarryTime: Bool

    public init(lazyData: Set<LazyData> = [], writeActions: Set<WriteAction> = [], reviewsCarryTime: Bool = true) {
        self.lazyData = lazyData
        self.writeActions = writeActions
        self.reviewsCarryTime = reviewsCarryTime
    }
}
