public import TriageEngine
public import TriageJSON
public import TriageLanguage

/// A GitLab group's issue and merge-request lists (`GET /groups/{id}/issues`, `/merge_requests`) as
/// one source, so that the cache keeps them in sync like a single project's (`CachedIssueProvider`):
/// an unchanged group costs its two listings asked `updated_after=` (or, on a full re-list, each
/// stored page with its `ETag`), a changed one only what changed. The group lists push down the
/// same filters as a project's (`GitLabIssueProvider.listURLs(under:for:)`) and are sorted by
/// creation too, so `SyncListing`'s page revalidation holds for them.
///
/// Its items come from many projects, whose numbers repeat: the cache key adds the project
/// (`issue.repo`). Lazy data is requested from the issue's own project, through that project's
/// `GitLabIssueProvider`, and — behind the cache — stored under this source's key, so a group run
/// reads each issue's notes once, under one key. (`--shard` walks projects instead, each under its
/// own key; the two never serve the same run.)
public struct GitLabGroupListing: IncrementalSource {
    /// The group's full path (`acme`, `acme/platform`).
    public let group: String
    public let apiBase: String
    public let client: APIClient
    public var pageConcurrency: Int { GitLabIssueProvider.defaultPageConcurrency }
    /// Shared with the group's projects (`GitLabGroupSource`).
    let writerState: WriterState

    init(group: String, apiBase: String, client: APIClient, writerState: WriterState) {
        self.group = group
        self.apiBase = apiBase
        self.client = client
        self.writerState = writerState
    }

    var groupURL: String { "\(apiBase)/groups/\(URLEncoding.encode(group))" }

    /// The group path with `/*`, which no project path can be, so the group's rows never mix with
    /// a project's (`--shard`, or `gitlab:GROUP/PROJECT`).
    public var cacheRepository: String { "\(group)/*" }
    public var resource: String { "group \(group)" }
    public var sourceDescription: String { "gitlab:\(group)/*" }
    public var capabilities: ProviderCapabilities { BuiltinProviders.gitLabCapabilities }

    public func syncListURLs(updatedSince since: Timestamp?) -> [String] {
        GitLabIssueProvider.listURLs(under: groupURL, for: IssueQuery(updatedSince: since))
    }

    /// Numbers repeat across the group's projects: the key names the project too.
    public func cacheKey(of issue: Issue) -> String { "\(issue.repo):\(issue.kind):\(issue.number)" }

    public func issues(matching query: IssueQuery) -> PagedIssueSequence {
        PagedIssueSequence(firstURLs: GitLabIssueProvider.listURLs(under: groupURL, for: query), client: client, resource: resource,
                           decoder: IssueJSONDecoder(fields: query.fields), pageConcurrency: pageConcurrency)
    }

    /// The provider of the project `issue` was listed in.
    func project(of issue: Issue) -> GitLabIssueProvider {
        GitLabIssueProvider(listedPath: issue.repo, apiBase: apiBase, client: client, writerState: writerState)
    }

    public func lazyRequest(_ field: LazyField, of issue: Issue) -> (url: String, resource: String)? {
        project(of: issue).lazyRequest(field, of: issue)
    }

    public func comments(from objects: [JSONValue]) -> [IssueComment] { GitLabIssueProvider.comments(from: objects) }
    public func labelEvents(from objects: [JSONValue]) -> [LabelEvent] { GitLabIssueProvider.labelEvents(from: objects) }

    public func loadComments(of issue: Issue) async throws -> [IssueComment] { try await project(of: issue).loadComments(of: issue) }
    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] { try await project(of: issue).loadLabelEvents(of: issue) }

    public func pullData(_ kind: LazyDataKind, of issue: Issue, fetcher: some LazyFetcher) async throws -> LazyData {
        try await project(of: issue).pullData(kind, of: issue, fetcher: fetcher)
    }

    public func issue(number: Int) async throws -> Issue {
        throw SourceError("\(sourceDescription) spans projects: name the issue as GROUP/PROJECT#\(number)")
    }

    public func issue(number: Int, kind: ItemKind) async throws -> Issue { try await issue(number: number) }
}
