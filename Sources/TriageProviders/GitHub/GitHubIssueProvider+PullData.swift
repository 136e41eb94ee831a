import TriageEngine
import TriageJSON
public import TriageLanguage

/// SPEC §8's lazy data on GitHub: linked pull requests from the issue timeline, reviews, and the
/// head commit's checks. Each is requested only when evaluation reaches it (the engine never asks
/// for reviews or checks of an issue that is not a pull request).
extension GitHubIssueProvider: PullDataSource {
    /// Reviews, linked pull requests or checks of `issue` through `fetcher` (the cache revalidates
    /// each request; SPEC §7).
    ///
    /// - linked pull requests: `GET /issues/{n}/timeline` (paginated), `cross-referenced` events;
    /// - reviews: `GET /pulls/{n}/reviews` (paginated);
    /// - checks: `GET /pulls/{n}` for the head SHA, `GET /commits/{sha}/status` and
    ///   `GET /commits/{sha}/check-runs` (pages of 100 while `total_count` says there are more).
    public func pullData(_ kind: LazyDataKind, of issue: Issue, fetcher: some LazyFetcher) async throws -> LazyData {
        let resource = itemResource(issue)
        switch kind {
        case .comments, .labelEvents:
            preconditionFailure("\(kind.rawValue) are loaded by their own methods")
        case .linkedPulls:
            let events = try await fetcher.objects("\(repoURL)/issues/\(issue.number)/timeline?per_page=100", resource: resource)
            return .linkedPulls(GitHubPullDataMapping.linkedPulls(fromTimeline: events, repository: "\(owner)/\(repository)"))
        case .reviews:
            guard issue.kind == "pull_request" else { return .reviews([]) }
            let objects = try await fetcher.objects("\(repoURL)/pulls/\(issue.number)/reviews?per_page=100", resource: resource)
            return .reviews(GitHubPullDataMapping.reviews(from: objects))
        case .checks:
            guard issue.kind == "pull_request" else { return .checks(PullChecks(nil)) }
            let pull = try await fetcher.object("\(repoURL)/pulls/\(issue.number)", resource: resource)
            guard let sha = GitHubPullDataMapping.headSHA(ofPull: pull) else {
                throw APIError("\(client.hostName) sent pull request #\(issue.number) of \(self.resource) without a head commit")
            }
            let commit = "\(repoURL)/commits/\(URLEncoding.encode(sha))"
            let combined = try await fetcher.object("\(commit)/status", resource: resource)
            let runs = try await checkRuns(of: "\(commit)/check-runs?per_page=100", resource: resource, fetcher: fetcher)
            return .checks(PullChecks(GitHubPullDataMapping.checkStatus(combined: combined, checkRuns: runs)))
        }
    }

    /// Every check run: the answer is an object (`total_count`, `check_runs`), so its pages are
    /// asked by number, each on its own (and each revalidated on its own behind the cache).
    func checkRuns(of firstPage: String, resource: String, fetcher: some LazyFetcher) async throws -> [JSONValue] {
        let first = try await fetcher.object(firstPage, resource: resource)
        var runs = first["check_runs"]?.arrayValue ?? []
        let total = first["total_count"]?.intValue ?? runs.count
        var page = 2
        while runs.count < total {
            let more = try await fetcher.object("\(firstPage)&page=\(page)", resource: resource)["check_runs"]?.arrayValue ?? []
            if more.isEmpty { break }
            runs += more
            page += 1
        }
        return runs
    }
}
