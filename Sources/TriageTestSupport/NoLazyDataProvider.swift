public import TriageEngine
public import TriageLanguage

/// A source with no lazy data at all, like a file of issues without embedded comments: every lazy
/// load fails with `LazyDataUnavailable`.
public struct NoLazyDataProvider: IssueProvider {
    public var issues: [TriageLanguage.Issue]

    public init(issues: [TriageLanguage.Issue]) {
        self.issues = issues
    }

    public var sourceDescription: String { "memory:plain" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities() }

    public func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in issues { continuation.yield(issue) }
            continuation.finish()
        }
    }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        throw LazyDataUnavailable(data: .comments, source: sourceDescription)
    }

    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] {
        throw LazyDataUnavailable(data: .labelEvents, source: sourceDescription)
    }
}
