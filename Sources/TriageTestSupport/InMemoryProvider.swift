public import TriageEngine
public import TriageLanguage

/// A provider of one's own, in a few lines: what the README shows library users. Serves `issues`
/// as they are and no lazy data.
public struct InMemoryProvider: IssueProvider {
    public var issues: [TriageLanguage.Issue]

    public init(issues: [TriageLanguage.Issue]) {
        self.issues = issues
    }

    public var sourceDescription: String { "memory" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities() }

    public func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in issues { continuation.yield(issue) }
            continuation.finish()
        }
    }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}
