import TriageEngine
import TriageJSON

/// `gitlab:GROUP/*` (SPEC §7; subgroups included; a bare `gitlab:a/b` stays a project): the group's
/// issues and merge requests from the group lists (`GET /groups/{id}/issues`, `/merge_requests`),
/// two listings for the whole group instead of two per project, regrouped by project; archived
/// projects are left out by the group lists' default. With `--shard` the group's projects are
/// listed instead (`GET /groups/{id}/projects?include_subgroups=true`) and each project of the
/// shard is walked, since a shard is a set of projects.
struct GitLabGroupSource: Sendable {
    let group: String

    /// nil when `location` names one project.
    init?(location: String) {
        guard location.hasSuffix("/*") else { return nil }
        let group = String(location.dropLast(2))
        guard !group.isEmpty, !group.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else { return nil }
        self.group = group
    }

    func provider(apiBase given: String?, client: APIClient, selection: RepositorySelection) -> MultiRepositoryIssueProvider<GitLabIssueProvider> {
        var apiBase = given ?? "https://gitlab.com/api/v4"
        while apiBase.hasSuffix("/") { apiBase.removeLast() }
        let groupURL = "\(apiBase)/groups/\(URLEncoding.encode(group))"
        let base = apiBase, resource = "group \(group)"
        let listing: @Sendable (IssueQuery) -> PagedIssueSequence = { query in
            PagedIssueSequence(firstURLs: Self.listURLs(groupURL: groupURL, query: query), client: client, resource: resource,
                               decoder: IssueJSONDecoder(fields: query.fields), pageConcurrency: 8)
        }
        let combined = selection.shard == nil ? listing : nil
        return MultiRepositoryIssueProvider(
            sourceDescription: "gitlab:\(group)/*", capabilities: BuiltinProviders.remoteCapabilities, client: client,
            concurrency: selection.concurrency,
            listRepositories: {
                var url = "\(groupURL)/projects?include_subgroups=true&per_page=100"
                if !selection.includeArchived { url += "&archived=false" }
                let objects = try await client.getAllObjects(url, resource: resource)
                return objects.compactMap { object -> String? in
                    guard let path = object["path_with_namespace"]?.stringValue else { return nil }
                    if object["archived"]?.boolValue == true, !selection.includeArchived { return nil }
                    if let shard = selection.shard, !shard.contains(repository: path) { return nil }
                    return path
                }
            },
            makeMember: { path in try GitLabIssueProvider(location: path, apiBase: base, client: client) },
            combinedListing: combined,
            identify: {
                guard client.hasToken else { return nil }
                let response = try await client.get("\(base)/user", resource: "the token's user")
                return JSONBody.value(response)?["username"]?.stringValue
            })
    }

    /// The group listings `query` needs, with the filters a project listing pushes down
    /// (`GitLabIssueProvider.listURLs`).
    static func listURLs(groupURL: String, query: IssueQuery) -> [String] {
        func url(_ endpoint: String, state: String?) -> String {
            var items = ["state=\(state ?? "all")", "per_page=100", "order_by=created_at", "sort=asc"]
            if !query.labels.isEmpty { items.append("labels=" + query.labels.map(URLEncoding.encode).joined(separator: ",")) }
            if let since = query.updatedSince { items.append("updated_after=\(URLEncoding.encode(since.rfc3339))") }
            return "\(groupURL)/\(endpoint)?" + items.joined(separator: "&")
        }
        var urls: [String] = []
        if query.kind != "pull_request" { urls.append(url("issues", state: query.state.map { $0 == "open" ? "opened" : "closed" })) }
        if query.kind != "issue" { urls.append(url("merge_requests", state: query.state == "open" ? "opened" : nil)) }
        return urls
    }
}
