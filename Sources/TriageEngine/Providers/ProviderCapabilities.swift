public import TriageLanguage

/// What a provider can supply and perform, as `triage providers` lists it.
public struct ProviderCapabilities: Hashable, Sendable {
    public typealias LazyData = LazyDataKind
    public enum WriteAction: String, Hashable, Sendable, CaseIterable {
        case label, unlabel, comment, close, reopen, assign, unassign, lock, unlock, milestone, report
    }

    public var lazyData: Set<LazyData>
    public var writeActions: Set<WriteAction>

    public init(lazyData: Set<LazyData> = [], writeActions: Set<WriteAction> = []) {
        self.lazyData = lazyData
        self.writeActions = writeActions
    }
}
