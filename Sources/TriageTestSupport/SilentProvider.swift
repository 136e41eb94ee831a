public import TriageEngine
public import TriageLanguage

/// A source whose stream stays open after its `first` issues (a long poll that never answers), for
/// cancellation while the engine waits on the provider. `waitingForMore` opens when the engine asks
/// for the issue that never comes, so a test knows the engine is waiting without sleeping.
public struct SilentProvider: IssueProvider {
    public struct Issues: AsyncSequence, Sendable {
        var first: [TriageLanguage.Issue]
        var waitingForMore: Gate

        public struct Iterator: AsyncIteratorProtocol {
            var remaining: ArraySlice<TriageLanguage.Issue>
            var waitingForMore: Gate

            /// Like an `AsyncStream` that was never finished: ends (nil) when the task is cancelled.
            public mutating func next() async -> TriageLanguage.Issue? {
                if let issue = remaining.popFirst() { return issue }
                waitingForMore.open()
                try? await suspendUntilCancelled()
                return nil
            }
        }

        public func makeAsyncIterator() -> Iterator { Iterator(remaining: first[...], waitingForMore: waitingForMore) }
    }

    public var first: [TriageLanguage.Issue]
    /// Opens once the engine has asked for more than `first`.
    public let waitingForMore = Gate()

    public init(first: [TriageLanguage.Issue]) {
        self.first = first
    }

    public var sourceDescription: String { "memory:silent" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities() }
    public func issues(matching query: IssueQuery) -> Issues { Issues(first: first, waitingForMore: waitingForMore) }
    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}
