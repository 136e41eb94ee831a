import TriageEngine
import TriageLanguage

/// One source for a whole group's issues (GitLab's group lists), used instead of walking each
/// repository: its listing, whose issues carry `repo`, and the lazy data of those issues. The lazy
/// data goes through the same source as the listing, so that a cached group keeps each issue's
/// comments and label events under the group's one cache key, where its sync can vouch for them.
public struct CombinedListing: Sendable {
    let issues: @Sendable (IssueQuery) -> IssueListing
    let comments: @Sendable (Issue) async throws -> [IssueComment]
    let labelEvents: @Sendable (Issue) async throws -> [LabelEvent]
    let lazyData: @Sendable (LazyDataKind, Issue) async throws -> LazyData

    /// The listing and lazy data of `source`, cached or not.
    init<Source: IssueProvider>(_ source: Source) {
        issues = { IssueListing(source.issues(matching: $0)) }
        comments = { try await source.loadComments(of: $0) }
        labelEvents = { try await source.loadLabelEvents(of: $0) }
        lazyData = { try await source.loadLazyData($0, of: $1) }
    }
}
