public import TriageLanguage

/// A provider narrowed to one item (the issue a webhook event names): its stream is that one
/// issue, read with a single `issue(number:kind:)` request — never a list request — and lazy
/// fields, writes and run notes go to the provider it wraps, so the API is asked about exactly that
/// issue. `CheckRun`, `ApplyRun` and `Explanation` run on it unchanged.
public struct ScopedIssueProvider<Base: IssueProvider>: IssueProvider {
    public let base: Base
    public let number: Int
    public let kind: ItemKind

    public init(base: Base, number: Int, kind: ItemKind) {
        self.base = base
        self.number = number
        self.kind = kind
    }

    public var sourceDescription: String { base.sourceDescription }
    public var capabilities: ProviderCapabilities { base.capabilities }
    public var runNotes: ProviderRunNotes { base.runNotes }
    /// One item is not the repository: no report is written from it.
    public var streamsWholeSource: Bool { false }
    public func shutdown() async { await base.shutdown() }

    /// The one issue, whatever the query: filters are hints, and the engine evaluates every rule.
    public func issues(matching query: IssueQuery) -> OneIssue {
        OneIssue(fetch: { [base, number, kind] in try await base.issue(number: number, kind: kind) })
    }

    public func issue(number: Int) async throws -> Issue {
        try await issue(number: number, kind: kind)
    }

    /// The scoped item is read with its kind; any other number is not in this scope.
    public func issue(number: Int, kind: ItemKind) async throws -> Issue {
        guard number == self.number else { throw IssueNotFound(number: number, source: sourceDescription) }
        return try await base.issue(number: number, kind: self.kind)
    }

    public func loadComments(of issue: Issue) async throws -> [IssueComment] { try await base.loadComments(of: issue) }
    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] { try await base.loadLabelEvents(of: issue) }
    public func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData { try await base.loadLazyData(kind, of: issue) }

    /// A stream of the one issue `fetch` reads when the stream is first iterated.
    public struct OneIssue: AsyncSequence, Sendable {
        let fetch: @Sendable () async throws -> Issue

        public struct AsyncIterator: AsyncIteratorProtocol {
            var fetch: (@Sendable () async throws -> Issue)?

            public mutating func next() async throws -> Issue? {
                guard let fetch else { return nil }
                self.fetch = nil
                return try await fetch()
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(fetch: fetch) }
    }
}

/// Writes go to the wrapped provider, for exactly the scoped issue (the planner only plans for it).
extension ScopedIssueProvider: ForwardingIssueWriter where Base: IssueWriter {
    public var writer: Base { base }
}

extension ScopedIssueProvider: IssueWriter where Base: IssueWriter {}

extension IssueProvider {
    /// This provider narrowed to item `number` (`ScopedIssueProvider`), still a writer when it is one.
    public func scoped(toItem number: Int, kind: ItemKind) -> any IssueProvider {
        ScopedIssueProvider(base: self, number: number, kind: kind)
    }
}
