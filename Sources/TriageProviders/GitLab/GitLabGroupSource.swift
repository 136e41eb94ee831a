import TriageEngine
import TriageJSON

/// `gitlab:GROUP/*` (SPEC §7; subgroups included; a bare `gitlab:a/b` stays a project): the group's
/// issues and merge requests from the group lists (`GET /groups/{id}/issues`, `/merge_requests`),
/// two listings for the whole group instead of two per project, regrouped by project; archived
/// projects are left out by the group lists' default. With `--shard` the group's projects are
/// listed instead (`GET /groups/{id}/projects?include_subgroups=true`) and each project of the
/// shard is walked, since a shard is a set of projects. With the cache, the group lists are synced
/// incrementally as one source (`GitLabGroupListing`); a shard caches each project.
struct GitLabGroupSource: Sendable {
    let group: String

    /// nil when `location` names one project.
    init?(location: String) {
        guard location.hasSuffix("/*") else { return nil }
        let group = String(location.dropLast(2))
        guard !group.isEmpty, !group.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) else { return nil }
        self.group = group
    }

    /// The multi-repository provider over the group, read through `cache` when there is one: the
    /// group lists as one cached source (`GitLabGroupListing`), or with `--shard` each project.
    func provider(apiBase given: String?, client: APIClient, selection: RepositorySelection, cache: RunCache?) -> any IssueProvider {
        let apiBase = GitLabIssueProvider.apiBase(given, default: "https://gitlab.com/api/v4")
        let writerState = WriterState()
        let project: @Sendable (String) throws -> GitLabIssueProvider = { path in
            try GitLabIssueProvider(location: path, apiBase: apiBase, client: client, writerState: writerState)
        }
        var combined: CombinedListing?
        if selection.shard == nil {
            let listing = GitLabGroupListing(group: group, apiBase: apiBase, client: client, writerState: writerState)
            combined = cache.map { CombinedListing($0.wrap(listing)) } ?? CombinedListing(listing)
        }
        if let cache {
            return provider(apiBase: apiBase, client: client, selection: selection, writerState: writerState, combined: combined) {
                cache.wrap(try project($0))
            }
        }
        return provider(apiBase: apiBase, client: client, selection: selection, writerState: writerState, combined: combined, makeMember: project)
    }

    private func provider<Member>(apiBase: String, client: APIClient, selection: RepositorySelection, writerState: WriterState,
                                  combined: CombinedListing?,
                                  makeMember: @escaping @Sendable (String) throws -> Member) -> MultiRepositoryIssueProvider<Member> {
        let groupURL = "\(apiBase)/groups/\(URLEncoding.encode(group))"
        let base = apiBase, resource = "group \(group)"
        return MultiRepositoryIssueProvider(
            sourceDescription: "gitlab:\(group)/*", capabilities: BuiltinProviders.gitLabCapabilities, client: client,
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
            makeMember: makeMember,
            combinedListing: combined,
            identify: { try await GitLabIssueProvider.learnLogin(apiBase: base, client: client, into: writerState) })
    }
}
