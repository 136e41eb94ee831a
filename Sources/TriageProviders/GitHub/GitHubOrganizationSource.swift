import TriageEngine
import TriageJSON

/// `github:ORG`, `github:ORG/*`, `github:ORG/GLOB` (SPEC §7): the owner's repositories, listed
/// with `GET /orgs/{org}/repos`; for a user account (the org list answers 404) with
/// `GET /user/repos?affiliation=owner` when the token is that user's (private ones included),
/// else `GET /users/{user}/repos`. Archived repositories and forks are left out unless the
/// selection includes them; the glob is matched on the repository name.
struct GitHubOrganizationSource: Sendable {
    let owner: String
    let glob: RepositoryGlob?

    /// nil when `location` names one repository (`owner/repo`).
    init?(location: String) {
        let parts = location.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 1, !parts[0].isEmpty, !RepositoryGlob.isPattern(parts[0]) {
            owner = location
            glob = nil
        } else if parts.count == 2, !parts[0].isEmpty, parts[1] == "*" {
            owner = String(parts[0])
            glob = nil
        } else if parts.count == 2, !parts[0].isEmpty, RepositoryGlob.isPattern(parts[1]) {
            owner = String(parts[0])
            glob = RepositoryGlob(String(parts[1]))
        } else {
            return nil
        }
    }

    var description: String { "github:\(owner)" + (glob.map { "/\($0.text)" } ?? "/*") }

    /// The multi-repository provider over the selected repositories, each read through `cache`
    /// when there is one.
    func provider(apiBase given: String?, client: APIClient, selection: RepositorySelection, cache: RunCache?) -> any IssueProvider {
        let apiBase = GitHubIssueProvider.apiBase(given, default: "https://api.github.com")
        let account = GitHubAccount(apiBase: apiBase, client: client)
        let repository: @Sendable (String) throws -> GitHubIssueProvider = { name in
            try GitHubIssueProvider(location: name, apiBase: apiBase, client: client, account: account)
        }
        if let cache { return provider(apiBase: apiBase, client: client, selection: selection, account: account) { cache.wrap(try repository($0)) } }
        return provider(apiBase: apiBase, client: client, selection: selection, account: account, makeMember: repository)
    }

    private func provider<Member>(apiBase: String, client: APIClient, selection: RepositorySelection, account: GitHubAccount,
                                  makeMember: @escaping @Sendable (String) throws -> Member) -> MultiRepositoryIssueProvider<Member> {
        let source = self
        return MultiRepositoryIssueProvider(
            sourceDescription: description, capabilities: BuiltinProviders.remoteCapabilities, client: client,
            concurrency: selection.concurrency,
            listRepositories: { try await source.repositories(apiBase: apiBase, client: client, account: account, selection: selection) },
            makeMember: makeMember,
            identify: { try await account.login() })
    }

    /// The `owner/name` of every repository the selection keeps.
    func repositories(apiBase: String, client: APIClient, account: GitHubAccount, selection: RepositorySelection) async throws -> [String] {
        let encoded = URLEncoding.encode(owner)
        var objects: [JSONValue]
        do {
            objects = try await client.getAllObjects("\(apiBase)/orgs/\(encoded)/repos?per_page=100", resource: "organization \(owner)")
        } catch let error as APIError where error.status == 404 || error.status == 410 {
            // Not an organisation: a user account. Its own token sees its private repositories.
            let mine = try await account.login().map { $0.lowercased() == owner.lowercased() } ?? false
            let url = mine ? "\(apiBase)/user/repos?affiliation=owner&per_page=100" : "\(apiBase)/users/\(encoded)/repos?per_page=100"
            objects = try await client.getAllObjects(url, resource: "account \(owner)")
        }
        return objects.compactMap { object in
            guard let name = object["name"]?.stringValue else { return nil }
            let fullName = object["full_name"]?.stringValue ?? "\(owner)/\(name)"
            if object["archived"]?.boolValue == true, !selection.includeArchived { return nil }
            if object["fork"]?.boolValue == true, !selection.includeForks { return nil }
            if let glob, !glob.matches(name) { return nil }
            if let shard = selection.shard, !shard.contains(repository: fullName) { return nil }
            return fullName
        }
    }
}

/// The account a GitHub token belongs to (`GET /user`), asked once per run: for a user account's
/// own repositories and for the login writes are made as. A token that may not say (an Actions
/// `GITHUB_TOKEN`, 403) and no token at all leave it unknown.
final class GitHubAccount: Sendable {
    let apiBase: String
    let client: APIClient
    private let state = WriterState()

    init(apiBase: String, client: APIClient) {
        self.apiBase = apiBase
        self.client = client
    }

    func login() async throws -> String? {
        guard client.hasToken else { return nil }
        if state.prepared { return state.login }
        do {
            let response = try await client.get("\(apiBase)/user", resource: "the token's user")
            state.setLogin(JSONBody.value(response)?["login"]?.stringValue)
        } catch let error as APIError where error.status == 403 {
            state.setLogin(nil)
        }
        return state.login
    }

    /// The login, when `login()` has learned it.
    var knownLogin: String? { state.login }
}
