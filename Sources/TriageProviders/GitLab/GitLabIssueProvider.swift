public import TriageEngine
public import TriageLanguage

/// Issues and merge requests of one GitLab project through the REST API v4
/// (`GET /projects/{url-encoded path}/issues`, then `/merge_requests` when a rule can match
/// `kind == "pull_request"`).
///
/// Filters pushed down: `state` (`open` → `opened`; `closed` lists issues `closed` and merge requests
/// of every state, since GitLab splits closed MRs into `closed` and `merged`), `labels`,
/// `updated_after`. Pages are sorted by creation, oldest first. Pagination follows `Link`, else
/// `x-next-page` (GitLab omits `Link`'s `last` on very large lists).
///
/// One issue (`explain --issue N`): GitLab numbers issues and merge requests apart, so N is looked
/// up as issue #N first (`GET /projects/{path}/issues/{iid}`) and, when there is none, as merge
/// request !N (`GET …/merge_requests/{iid}`): one request for an issue, two for a merge request.
/// When the kind is known (`issue(number:kind:)`, from a webhook payload), one request either way.
///
/// Lazy fields: comments from `/notes` (system notes excluded, oldest first; never requested when
/// `user_notes_count` is 0), label events from `/resource_label_events`.
///
/// Writes: see `GitLabIssueProvider+IssueWriter.swift`.
public struct GitLabIssueProvider: IssueProvider, RemoteIssueProvider {
    public let projectPath: String
    public let apiBase: String
    public let client: APIClient
    public var pageConcurrency: Int
    /// The username writes are made as and user ids by username, learned while writing; shared by
    /// the projects of a group source, so each person is looked up once per run.
    let writerState: WriterState
    /// The project's and its groups' milestones by title, read once per run by the first
    /// `milestone` write.
    let milestones = MilestoneTitles()

    /// List pages fetched at once once the last page is known.
    public static let defaultPageConcurrency = 8

    /// - Parameter location: `group/…/project`.
    public init(location: String, apiBase: String? = nil, client: APIClient, pageConcurrency: Int = defaultPageConcurrency) throws {
        try self.init(location: location, apiBase: apiBase, client: client, pageConcurrency: pageConcurrency, writerState: WriterState())
    }

    init(location: String, apiBase: String?, client: APIClient, pageConcurrency: Int = defaultPageConcurrency, writerState: WriterState) throws {
        let parts = location.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty }) else {
            throw SourceError("a GitLab source is GROUP/…/PROJECT, not `\(location)`")
        }
        projectPath = location
        self.apiBase = Self.apiBase(apiBase, default: "https://gitlab.com/api/v4")
        self.client = client
        self.pageConcurrency = pageConcurrency
        self.writerState = writerState
    }

    /// A project a group listing named (`GitLabGroupListing`): its path comes from the API, and
    /// `apiBase` is already resolved.
    init(listedPath: String, apiBase: String, client: APIClient, writerState: WriterState) {
        projectPath = listedPath
        self.apiBase = apiBase
        self.client = client
        pageConcurrency = Self.defaultPageConcurrency
        self.writerState = writerState
    }

    public var sourceDescription: String { "gitlab:\(projectPath)" }
    public var capabilities: ProviderCapabilities { BuiltinProviders.gitLabCapabilities }

    public var resource: String { "project \(projectPath)" }
    var projectURL: String { "\(apiBase)/projects/\(URLEncoding.encode(projectPath))" }

    /// The first page of each listing `query` needs: issues, merge requests, or both.
    public func listURLs(for query: IssueQuery) -> [String] { Self.listURLs(under: projectURL, for: query) }

    /// The listings of a project or a group (`under` is its API URL): the same filters push down
    /// to both, so a group source lists exactly what its projects would.
    static func listURLs(under owner: String, for query: IssueQuery) -> [String] {
        func url(_ endpoint: String, state: String?) -> String {
            var items = ["state=\(state ?? "all")", "per_page=100", "order_by=created_at", "sort=asc"]
            if !query.labels.isEmpty { items.append("labels=" + query.labels.map(URLEncoding.encode).joined(separator: ",")) }
            if let since = query.updatedSince { items.append("updated_after=\(URLEncoding.encode(since.rfc3339))") }
            return "\(owner)/\(endpoint)?" + items.joined(separator: "&")
        }
        var urls: [String] = []
        if query.kind != "pull_request" { urls.append(url("issues", state: query.state.map { $0 == "open" ? "opened" : "closed" })) }
        if query.kind != "issue" { urls.append(url("merge_requests", state: query.state == "open" ? "opened" : nil)) }
        return urls
    }

    public func issues(matching query: IssueQuery) -> PagedIssueSequence {
        PagedIssueSequence(firstURLs: listURLs(for: query), client: client, resource: resource,
                           decoder: IssueJSONDecoder(fields: query.fields), pageConcurrency: pageConcurrency)
    }

    func itemURL(_ issue: Issue) -> String { itemURL(issue.number, pullRequest: issue.kind == "pull_request") }
    func itemResource(_ issue: Issue) -> String { itemResource(issue.number, pullRequest: issue.kind == "pull_request") }

    func itemURL(_ number: Int, pullRequest: Bool) -> String {
        "\(projectURL)/\(pullRequest ? "merge_requests" : "issues")/\(number)"
    }

    func itemResource(_ number: Int, pullRequest: Bool) -> String {
        "\(pullRequest ? "merge request !" : "issue #")\(number) of \(resource)"
    }

    public func issue(number: Int) async throws -> Issue {
        for pullRequest in [false, true] {
            if let item = try await fetchIssue(at: itemURL(number, pullRequest: pullRequest),
                                               resource: itemResource(number, pullRequest: pullRequest)) {
                return item
            }
        }
        throw IssueNotFound(number: number, source: sourceDescription)
    }

    /// With the kind known (a webhook payload), one request: `/issues/{iid}` or `/merge_requests/{iid}`.
    public func issue(number: Int, kind: ItemKind) async throws -> Issue {
        let pullRequest = kind == .pullRequest
        guard let item = try await fetchIssue(at: itemURL(number, pullRequest: pullRequest), resource: itemResource(number, pullRequest: pullRequest)) else {
            throw IssueNotFound(number: number, source: sourceDescription)
        }
        return item
    }

    public func loadComments(of issue: Issue) async throws -> [IssueComment] {
        if let embedded = issue.embeddedComments { return embedded }
        guard let request = lazyRequest(.comments, of: issue) else { return [] }
        return comments(from: try await client.getAllObjects(request.url, resource: request.resource))
    }

    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] {
        if let embedded = issue.embeddedLabelEvents { return embedded }
        guard let request = lazyRequest(.labelEvents, of: issue) else { return [] }
        return labelEvents(from: try await client.getAllObjects(request.url, resource: request.resource))
    }
}
