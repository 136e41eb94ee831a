public import TriageJSON
public import TriageLanguage

/// A remote provider the cache can keep in sync (`CachedIssueProvider`): it says how to list a
/// repository unfiltered since an instant, and how its lazy data is requested and read, while the
/// cache itself stays generic. GitHub and GitLab adopt it in their own files.
public protocol IncrementalSource: PullDataSource {
    /// The API base URL: with `cacheRepository`, the cache key (never the token).
    var apiBase: String { get }
    /// The repository as the API names it (`acme/app`, `group/sub/project`).
    var cacheRepository: String { get }
    /// What is read, for messages ("repository acme/app").
    var resource: String { get }
    /// List pages fetched at once once the last page is known.
    var pageConcurrency: Int { get }
    /// The first page of each listing of every item — every state, both kinds, no label filter —
    /// updated at or after `since` when given, sorted by creation. Listing `i` is the `i`-th URL.
    func syncListURLs(updatedSince since: Timestamp?) -> [String]
    /// The request for lazy data `field` of `issue`, or nil when the answer is known to be empty
    /// without asking (no comments).
    func lazyRequest(_ field: LazyField, of issue: Issue) -> (url: String, resource: String)?
    /// Comments from the objects of the comment list, oldest first. Each object is read on its own:
    /// the cache maps each page of a long list apart and reuses the records of pages answered 304.
    func comments(from objects: [JSONValue]) -> [IssueComment]
    /// Label events from the objects of the event list, oldest first, each object on its own (as comments).
    func labelEvents(from objects: [JSONValue]) -> [LabelEvent]
    /// The item's key in the cache, unique within the source: a source listing several repositories
    /// (a GitLab group) adds the repository, since numbers repeat across them.
    func cacheKey(of issue: Issue) -> String
}

/// Lazy data the cache stores per issue.
public enum LazyField: String, Sendable, CaseIterable {
    case comments
    case labelEvents = "label_events"
}

extension IncrementalSource {
    /// Unique within one repository: GitLab numbers issues and merge requests apart.
    public func cacheKey(of issue: Issue) -> String { "\(issue.kind):\(issue.number)" }
}
