public import TriageEngine
public import TriageLanguage

/// An endless source that never looks at cancellation: each `next()` makes another issue at once
/// (even numbers labelled `bug`), like a reader of a huge file. Only the engine can stop it.
public struct EndlessProvider: IssueProvider {
    public struct Issues: AsyncSequence, Sendable {
        public struct Iterator: AsyncIteratorProtocol {
            var number = 0

            public mutating func next() async -> TriageLanguage.Issue? {
                number += 1
                return TriageLanguage.Issue(number: number, title: "#\(number)", labels: number % 2 == 0 ? ["bug"] : [],
                                            created: testNow, updated: testNow)
            }
        }

        public func makeAsyncIterator() -> Iterator { Iterator() }
    }

    public init() {}

    public var sourceDescription: String { "memory:endless" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities() }
    public func issues(matching query: IssueQuery) -> Issues { Issues() }
    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { [] }
    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }
}
