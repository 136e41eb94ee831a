import Synchronization

/// Several `FakeIssueTracker` repositories under one owner, served together: GitHub's
/// `GET /orgs/{org}/repos` (or, for a user account, `/users/{user}/repos` — public ones only —
/// and `/user/repos?affiliation=owner` for the token's own user), GitLab's group lists
/// `GET /api/v4/groups/{group}/issues` and `/merge_requests` (archived projects left out, as
/// GitLab's default does) and `/groups/{group}/projects`, and every route of each repository.
/// A repository can answer every request with an error status (404, 403) to test that the others
/// go on. Repository lists are paged `listPageSize` at a time, group issue lists like a project's,
/// with `Link` and GitLab's page headers; group issue lists, like a project's, carry `Date` and an
/// `ETag` honoured by `If-None-Match`, and filter by `updated_after`.
public struct FakeOrganization: Sendable {
    public struct Repository: Sendable {
        public var tracker: FakeIssueTracker
        public var archived: Bool
        public var fork: Bool
        public var isPrivate: Bool
        /// The status every request for this repository's issues answers, when it fails.
        public var failingStatus: Int?

        public var name: String { tracker.name }
        public var fullName: String { "\(tracker.owner)/\(tracker.name)" }
    }

    public let owner: String
    /// A user account rather than an organisation: `/orgs/{owner}/repos` answers 404.
    public let isUser: Bool
    /// Mutable so a test can archive a repository between runs (the trackers are shared by copies).
    public var repositories: [Repository]
    public let listPageSize: Int

    /// - Parameter repositories: name, issue count, and flags of each repository, in the order the
    ///   API lists them (not name order, so that the client's ordering is tested).
    public init(owner: String = "acme", isUser: Bool = false, listPageSize: Int = 100, pageSize: Int = 100,
                repositories: [(name: String, count: Int, archived: Bool, fork: Bool, isPrivate: Bool, failingStatus: Int?)]) {
        self.owner = owner
        self.isUser = isUser
        self.listPageSize = listPageSize
        self.repositories = repositories.enumerated().map { index, spec in
            Repository(tracker: FakeIssueTracker(count: spec.count, pageSize: pageSize, owner: owner, name: spec.name, repositoryID: 1000 + index),
                       archived: spec.archived, fork: spec.fork, isPrivate: spec.isPrivate, failingStatus: spec.failingStatus)
        }
    }

    /// Simple repositories: `count` issues each, none archived, forked, private or failing.
    public init(owner: String = "acme", names: [String], count: Int, pageSize: Int = 100) {
        self.init(owner: owner, pageSize: pageSize, repositories: names.map { ($0, count, false, false, false, nil) })
    }

    public func repository(_ name: String) -> Repository? { repositories.first { $0.name == name } }

    public func respond(to request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        let path = request.path.split(separator: "/").map(String.init)
        let authorized = request.header("authorization") != nil || request.header("private-token") != nil
        if request.method == "GET" {
            if path == ["orgs", owner, "repos"] {
                return isUser ? notFound : repositoryPage(repositories, request, baseURL: baseURL)
            }
            if path == ["users", owner, "repos"] {
                return isUser ? repositoryPage(repositories.filter { !$0.isPrivate }, request, baseURL: baseURL) : notFound
            }
            if path == ["user", "repos"], authorized, isUser, owner == FakeIssueTracker.login, request.query["affiliation"] == "owner" {
                return repositoryPage(repositories, request, baseURL: baseURL)
            }
            if path.count == 5, path[0] == "api", path[2] == "groups", path[3] == owner {
                switch path[4] {
                case "issues", "merge_requests":
                    return FakeIssueTracker.conditional(request, groupPage(request, mergeRequests: path[4] == "merge_requests", baseURL: baseURL))
                case "projects": return gitLabProjects(request, baseURL: baseURL)
                default: break
                }
            }
        }
        if let repository = route(path) {
            if let status = repository.failingStatus { return TestHTTPResponse(status: status, json: #"{"message":"Not Found"}"#) }
            return repository.tracker.respond(to: request, baseURL: baseURL)
        }
        // `GET /user` and GitLab's user lookups are the same for every repository.
        return repositories.first?.tracker.respond(to: request, baseURL: baseURL) ?? notFound
    }

    var notFound: TestHTTPResponse { TestHTTPResponse(status: 404, json: #"{"message":"Not Found"}"#) }

    /// The repository a path is about: `/repos/{owner}/{name}/…`, `/repositories/{id}/…`, `/api/v4/projects/{owner}%2F{name}/…`.
    func route(_ path: [String]) -> Repository? {
        if path.count >= 3, path[0] == "repos", path[1] == owner { return repository(path[2]) }
        if path.count >= 2, path[0] == "repositories" { return repositories.first { "\($0.tracker.repositoryID)" == path[1] } }
        if path.count >= 4, path[0] == "api", path[2] == "projects" {
            return repositories.first { "\($0.tracker.owner)%2F\($0.tracker.name)" == path[3] }
        }
        return nil
    }

    /// A GitHub repository list page.
    func repositoryPage(_ listed: [Repository], _ request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        let (slice, headers) = paged(listed, request, baseURL: baseURL)
        let objects = slice.map { repository in
            #"{"id":\#(repository.tracker.repositoryID),"name":"\#(repository.name)","full_name":"\#(repository.fullName)","#
                + #""private":\#(repository.isPrivate),"archived":\#(repository.archived),"fork":\#(repository.fork)}"#
        }
        return TestHTTPResponse(headers: headers, json: "[" + objects.joined(separator: ",") + "]")
    }

    /// GitLab's `/groups/{id}/projects`: archived projects only when `archived=true` is not asked against.
    func gitLabProjects(_ request: TestHTTPRequest, baseURL: String) -> TestHTTPResponse {
        let listed = request.query["archived"] == "false" ? repositories.filter { !$0.archived } : repositories
        let (slice, headers) = paged(listed, request, baseURL: baseURL)
        let objects = slice.map { repository in
            #"{"id":\#(repository.tracker.repositoryID),"path":"\#(repository.name)","path_with_namespace":"\#(repository.fullName)","#
                + #""archived":\#(repository.archived)}"#
        }
        return TestHTTPResponse(headers: headers, json: "[" + objects.joined(separator: ",") + "]")
    }

    /// The group's issues (or merge requests) of every project not archived, oldest first, paged
    /// like a project's list.
    func groupPage(_ request: TestHTTPRequest, mergeRequests: Bool, baseURL: String) -> TestHTTPResponse {
        var selection: [(tracker: FakeIssueTracker, item: FakeIssueTracker.Item)] = []
        for repository in repositories where !repository.archived && repository.failingStatus == nil {
            for item in repository.tracker.selected(request, gitLabKind: mergeRequests) { selection.append((repository.tracker, item)) }
        }
        selection.sort { left, right in
            left.item.created == right.item.created ? left.tracker.repositoryID < right.tracker.repositoryID : left.item.created < right.item.created
        }
        let (slice, headers) = paged(selection, request, baseURL: baseURL, size: repositories.first?.tracker.pageSize ?? listPageSize)
        let objects: [String] = slice.map { entry in entry.tracker.gitLabJSON(entry.item) }
        return TestHTTPResponse(headers: headers, json: "[" + objects.joined(separator: ",") + "]")
    }

    /// One page of `items` by the request's `page`, with `Link` (next, last) and GitLab's page headers.
    func paged<Item>(_ items: [Item], _ request: TestHTTPRequest, baseURL: String, size: Int? = nil) -> (ArraySlice<Item>, [(name: String, value: String)]) {
        let page = Int(request.query["page"] ?? "1") ?? 1
        let size = size ?? listPageSize
        let lastPage = max(1, (items.count + size - 1) / size)
        var query = request.query
        func link(_ page: Int, _ rel: String) -> String {
            query["page"] = "\(page)"
            return "<\(baseURL)\(request.path)?\(query.keys.sorted().map { "\($0)=\(query[$0]!)" }.joined(separator: "&"))>; rel=\"\(rel)\""
        }
        var headers: [(name: String, value: String)] = [("X-Total-Pages", "\(lastPage)"), ("X-Page", "\(page)")]
        if page < lastPage {
            headers.append(("Link", [link(page + 1, "next"), link(lastPage, "last")].joined(separator: ", ")))
            headers.append(("X-Next-Page", "\(page + 1)"))
        }
        return (items.dropFirst((page - 1) * size).prefix(size), headers)
    }
}
