public import TriageEngine
public import TriageLanguage

/// An in-memory provider that counts every lazy load, answers comments with `commentsFor`, and can
/// make some loads late (so batches finish out of order), hang, or fail.
public struct CountingProvider: IssueProvider {
    /// How a comment load answers.
    public enum CommentLoad: Sendable {
        /// At once.
        case immediate
        /// After yielding the thread `count` times, so loads started later can overtake this one
        /// (no clock involved).
        case yielding(count: Int)
        /// Never by itself: the load ends only when its task is cancelled.
        case hanging
    }

    public var issues: [TriageLanguage.Issue]
    /// How the comment load of each issue answers.
    public var commentLoad: @Sendable (TriageLanguage.Issue) -> CommentLoad
    /// Issues whose comment load fails with `CommentsBroke`.
    public var failingComments: Set<Int>
    public let commentLoads = KeyedTally()
    public let labelEventLoads = KeyedTally()

    public init(issues: [TriageLanguage.Issue], commentLoad: @escaping @Sendable (TriageLanguage.Issue) -> CommentLoad = { _ in .immediate },
                failingComments: Set<Int> = []) {
        self.issues = issues
        self.commentLoad = commentLoad
        self.failingComments = failingComments
    }

    public var sourceDescription: String { "memory:counting" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments, .labelEvents]) }

    public func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        AsyncStream { continuation in
            for issue in issues { continuation.yield(issue) }
            continuation.finish()
        }
    }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        commentLoads.increment(issue.number)
        switch commentLoad(issue) {
        case .immediate:
            break
        case let .yielding(count):
            for _ in 0..<count { await Task.yield() }
        case .hanging:
            try await suspendUntilCancelled()
        }
        if failingComments.contains(issue.number) { throw CommentsBroke(number: issue.number) }
        return commentsFor(issue)
    }

    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] {
        labelEventLoads.increment(issue.number)
        return issue.labels.map { LabelEvent(label: $0, action: .added, created: issue.created) }
    }
}

/// The error of a failing comment load, worded like a remote provider's.
public struct CommentsBroke: Error, CustomStringConvertible {
    public var number: Int
    public var description: String { "comments of #\(number) could not be fetched (HTTP 502)" }
}
