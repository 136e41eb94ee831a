public import TriageEngine
public import TriageLanguage

/// Yields `failAfter` issues, then fails with `ProviderBroke`: a remote provider whose next page
/// answers 500.
public struct FailingProvider: IssueProvider {
    public struct Issues: AsyncSequence, Sendable {
        var issues: ArraySlice<TriageLanguage.Issue>
        var failAfter: Int
        var loadsToAwait: Tally?

        public struct Iterator: AsyncIteratorProtocol {
            var remaining: ArraySlice<TriageLanguage.Issue>
            var failAfter: Int
            var loadsToAwait: Tally?

            public mutating func next() async throws -> TriageLanguage.Issue? {
                if let issue = remaining.popFirst() { return issue }
                if let loadsToAwait { try await loadsToAwait.waitUntil(atLeast: failAfter) }
                throw ProviderBroke(afterIssues: failAfter)
            }
        }

        public func makeAsyncIterator() -> Iterator {
            Iterator(remaining: issues, failAfter: failAfter, loadsToAwait: loadsToAwait)
        }
    }

    public var issues: [TriageLanguage.Issue]
    public var failAfter: Int
    /// When set, comment loads never answer by themselves (they end when cancelled), and the
    /// stream fails only once `failAfter` of them have started: the failure then certainly comes
    /// while evaluations are in flight.
    public var hangingCommentLoads: Bool
    /// Comment loads started so far.
    public let commentLoadsStarted = Tally()

    public init(issues: [TriageLanguage.Issue], failAfter: Int, hangingCommentLoads: Bool = false) {
        self.issues = issues
        self.failAfter = failAfter
        self.hangingCommentLoads = hangingCommentLoads
    }

    public var sourceDescription: String { "memory:failing" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments]) }

    public func issues(matching query: IssueQuery) -> Issues {
        Issues(issues: issues.prefix(failAfter), failAfter: failAfter, loadsToAwait: hangingCommentLoads ? commentLoadsStarted : nil)
    }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        commentLoadsStarted.increment()
        if hangingCommentLoads { try await suspendUntilCancelled() }
        return commentsFor(issue)
    }

    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}

/// The error `FailingProvider`'s stream ends with.
public struct ProviderBroke: Error, Equatable {
    public var afterIssues: Int

    public init(afterIssues: Int) {
        self.afterIssues = afterIssues
    }
}
