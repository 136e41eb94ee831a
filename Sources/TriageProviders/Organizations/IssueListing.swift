public import TriageLanguage

/// One listing of issues whatever produces it — the group lists read page by page
/// (`PagedIssueSequence`) or kept in the cache (`CachedIssueSequence`) — so that a combined listing
/// is one type without `any`: the concrete sequence is captured by a closure when it is wrapped.
public struct IssueListing: AsyncSequence, Sendable {
    public typealias Element = Issue

    private let iterate: @Sendable () -> Iterator

    public init<Listing: AsyncSequence & Sendable>(_ listing: Listing) where Listing.Element == Issue {
        iterate = { Iterator(listing.makeAsyncIterator()) }
    }

    public func makeAsyncIterator() -> Iterator { iterate() }

    public struct Iterator: AsyncIteratorProtocol {
        private let advance: () async throws -> Issue?

        init<Base: AsyncIteratorProtocol>(_ base: Base) where Base.Element == Issue {
            var base = base
            advance = { try await base.next() }
        }

        public mutating func next() async throws -> Issue? { try await advance() }
    }
}
