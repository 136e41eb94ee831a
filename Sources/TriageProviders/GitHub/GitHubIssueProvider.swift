public import TriageEngine
public import TriageLanguage

/// Issues and pull requests of one GitHub repository through the REST API
/// (`GET /repos/{owner}/{repo}/issues`, which lists pull requests too, marked by `pull_request`).
///
/// Filters pushed down from `IssueQuery`: `state`, `labels` (all required), `since` (updated at or
/// after). Pages come sorted by creation, oldest first, so a walk is stable while issues are added.
///
/// `draft`: the list API sends `draft` on pull requests; when it is absent (older GitHub Enterprise)
/// it is taken as false rather than spending a `GET /pulls/{n}` per pull request.
///
/// One issue (`explain`, `--event`): `GET /repos/{owner}/{repo}/issues/{n}`, which serves pull
/// requests too, so the kind hint of `issue(number:kind:)` needs no other request.
///
/// Lazy fields: comments from `/issues/{n}/comments` (never requested when the list says there are
/// none), label events from `/issues/{n}/events` (`labeled`/`unlabeled`).
///
/// Writes: see `GitHubIssueProvider+IssueWriter.swift`.
public struct GitHubIssueProvider: IssueProvider, RemoteIssueProvider {
    public let owner: String
    public let repository: String
    public let apiBase: String
    public let client: APIClient
    /// List pages fetched at once once the last page is known.
    public var pageConcurrency: Int
    /// The token's account (`GET /user`, once): the login writes are made as, learned by
    /// `prepareForWrites()`; shared by the repositories of an organisation source.
    let account: GitHubAccount
    /// The repository's milestones by title, read once per run by the first `milestone` write.
    let milestones = MilestoneTitles()

    /// - Parameter location: `owner/repo`.
    init(location: String, apiBase: String? = nil, client: APIClient, pageConcurrency: Int = 8, account: GitHubAccount?) throws {
        let parts = location.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw SourceError("a GitHub source is OWNER/REPO, not `\(location)`")
        }
        owner = String(parts[0])
        repository = String(parts[1])
        self.apiBase = Self.apiBase(apiBase, default: "https://api.github.com")
        self.client = client
        self.pageConcurrency = pageConcurrency
        self.account = account ?? GitHubAccount(apiBase: self.apiBase, client: client)
    }

    /// - Parameter location: `owner/repo`.
    public init(location: String, apiBase: String? = nil, client: APIClient, pageConcurrency: Int = 8) throws {
        try self.init(location: location, apiBase: apiBase, client: client, pageConcurrency: pageConcurrency, account: nil)
    }

    public var sourceDescription: String { "github:\(owner)/\(repository)" }
    public var capabilities: ProviderCapabilities { BuiltinProviders.remoteCapabilities }

    public var resource: String { "repository \(owner)/\(repository)" }
    var repoURL: String { "\(apiBase)/repos/\(URLEncoding.encode(owner))/\(URLEncoding.encode(repository))" }

    /// How an error names an item: `pull request #N` or `issue #N` of the repository, by its kind,
    /// though GitHub serves both under `/issues/{n}`.
    func itemResource(_ issue: Issue) -> String { itemResource(issue.number, pullRequest: issue.kind == "pull_request") }

    func itemResource(_ number: Int, pullRequest: Bool) -> String {
        "\(pullRequest ? "pull request" : "issue") #\(number) of \(resource)"
    }

    /// The first list page for `query`.
    public func listURL(for query: IssueQuery) -> String {
        var items = ["state=\(query.state ?? "all")", "per_page=100", "sort=created", "direction=asc"]
        if !query.labels.isEmpty { items.append("labels=" + query.labels.map(URLEncoding.encode).joined(separator: ",")) }
        if let since = query.updatedSince { items.append("since=\(URLEncoding.encode(since.rfc3339))") }
        return "\(repoURL)/issues?" + items.joined(separator: "&")
    }

    public func issues(matching query: IssueQuery) -> PagedIssueSequence {
        PagedIssueSequence(firstURLs: [listURL(for: query)], client: client, resource: resource,
                           decoder: IssueJSONDecoder(fields: query.fields), pageConcurrency: pageConcurrency)
    }

    public func issue(number: Int) async throws -> Issue {
        guard let issue = try await fetchIssue(at: "\(repoURL)/issues/\(number)", resource: "issue #\(number) of \(resource)") else {
            throw IssueNotFound(number: number, source: sourceDescription)
        }
        return issue
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
