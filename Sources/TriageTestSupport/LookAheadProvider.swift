import Synchronization
public import TriageEngine
public import TriageLanguage

/// Counts issues handed to the engine against outcomes handled, and remembers the largest gap.
public final class LookAhead: Sendable {
    private struct State { var pulled = 0, handled = 0, maximum = 0 }
    private let state = Mutex(State())

    public init() {}

    public func pulled() { state.withLock { $0.pulled += 1; $0.maximum = max($0.maximum, $0.pulled - $0.handled) } }
    public func handled() { state.withLock { $0.handled += 1 } }
    public var maximum: Int { state.withLock { $0.maximum } }
    public var pulledCount: Int { state.withLock { $0.pulled } }
}

/// A provider that records how far reading runs ahead of the outcomes handled. Issue #1's comment
/// load is held back until `othersBeforeFirst` other comment loads have finished, then yields the
/// thread a while longer: every batch that can run meanwhile finishes before the first one, and a
/// reader that ignored its bound would have all that time to run ahead. No clock is involved.
public struct LookAheadProvider: IssueProvider {
    public struct Issues: AsyncSequence, Sendable {
        var issues: [TriageLanguage.Issue]
        var lookAhead: LookAhead

        public struct Iterator: AsyncIteratorProtocol {
            var remaining: ArraySlice<TriageLanguage.Issue>
            var lookAhead: LookAhead

            public mutating func next() async -> TriageLanguage.Issue? {
                guard let issue = remaining.popFirst() else { return nil }
                lookAhead.pulled()
                return issue
            }
        }

        public func makeAsyncIterator() -> Iterator { Iterator(remaining: issues[...], lookAhead: lookAhead) }
    }

    public var issues: [TriageLanguage.Issue]
    /// Other comment loads that finish before issue #1's.
    public var othersBeforeFirst: Int
    public let lookAhead = LookAhead()
    private let otherLoadsFinished = Tally()

    public init(issues: [TriageLanguage.Issue], othersBeforeFirst: Int) {
        self.issues = issues
        self.othersBeforeFirst = othersBeforeFirst
    }

    public var sourceDescription: String { "memory:look-ahead" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities(lazyData: [.comments]) }
    public func issues(matching query: IssueQuery) -> Issues { Issues(issues: issues, lookAhead: lookAhead) }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] {
        if issue.number == 1 {
            try await otherLoadsFinished.waitUntil(atLeast: othersBeforeFirst)
            for _ in 0..<1_000 { await Task.yield() }
        } else {
            otherLoadsFinished.increment()
        }
        return commentsFor(issue)
    }

    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}
