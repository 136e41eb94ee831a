public import TriageLanguage

/// A source of issues: GitHub, GitLab, a file, stdin, or anything a library user registers.
///
/// The engine only ever sees `any IssueProvider`; a provider streams normalized issues and, where it can,
/// loads the lazy fields (comments, label events) on demand.
public protocol IssueProvider: Sendable {
    associatedtype Issues: AsyncSequence & Sendable where Issues.Element == Issue

    /// A human-readable name of what is being read, e.g. `github:apple/swift` or `file:issues.jsonl`.
    var sourceDescription: String { get }

    /// What this provider can do beyond listing issues.
    var capabilities: ProviderCapabilities { get }

    /// Streams the issues that may match `query`, in the source's order. A provider may return more
    /// issues than the query asks for (filters are hints), never fewer.
    func issues(matching query: IssueQuery) -> Issues

    /// All comments of `issue`, oldest first.
    func loadComments(of issue: Issue) async throws -> [IssueComment]

    /// All label events of `issue`, oldest first.
    func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent]
}

/// What a provider can supply and perform, as `triage providers` lists it.
public struct ProviderCapabilities: Hashable, Sendable {
    public typealias LazyData = LazyDataKind
    public enum WriteAction: String, Hashable, Sendable, CaseIterable {
        case label, unlabel, comment, close, reopen, assign, unassign
    }

    public var lazyData: Set<LazyData>
    public var writeActions: Set<WriteAction>

    public init(lazyData: Set<LazyData> = [], writeActions: Set<WriteAction> = []) {
        self.lazyData = lazyData
        self.writeActions = writeActions
    }
}

/// Raised when a rule needs lazy data the provider cannot supply (e.g. a file without comments).
public struct LazyDataUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    public var data: ProviderCapabilities.LazyData
    public var source: String

    public init(data: ProviderCapabilities.LazyData, source: String) {
        self.data = data
        self.source = source
    }

    public var description: String {
        "\(source) has no \(data == .comments ? "comments" : "label events") for this issue"
    }
}
