import TriageEngine
public import TriageLanguage

/// SPEC §8's lazy data on GitLab: an issue's related merge requests, a merge request's approvals
/// and reviewers, and its head pipeline. Each is requested only when evaluation reaches it.
extension GitLabIssueProvider: PullDataSource {
    /// Reviews, linked merge requests or checks of `issue` through `fetcher`:
    ///
    /// - linked merge requests: `GET /issues/{iid}/related_merge_requests` (paginated); a merge
    ///   request has none (GitLab relates merge requests to issues only), without a request;
    /// - reviews: `GET /merge_requests/{iid}/approvals` and `GET /merge_requests/{iid}/reviewers`;
    /// - checks: `GET /merge_requests/{iid}` for `head_pipeline`.
    public func pullData(_ kind: LazyDataKind, of issue: Issue, fetcher: some LazyFetcher) async throws -> LazyData {
        let resource = itemResource(issue), url = itemURL(issue)
        let isMergeRequest = issue.kind == "pull_request"
        switch kind {
        case .comments, .labelEvents:
            preconditionFailure("\(kind.rawValue) are loaded by their own methods")
        case .linkedPulls:
            guard !isMergeRequest else { return .linkedPulls([]) }
            let related = try await fetcher.objects("\(url)/related_merge_requests?per_page=100", resource: resource)
            return .linkedPulls(GitLabPullDataMapping.linkedPulls(fromRelated: related, project: projectPath))
        case .reviews:
            guard isMergeRequest else { return .reviews([]) }
            let approvals = try await fetcher.object("\(url)/approvals", resource: resource)
            let reviewers = try await fetcher.objects("\(url)/reviewers?per_page=100", resource: resource)
            return .reviews(GitLabPullDataMapping.reviews(approvals: approvals, reviewers: reviewers))
        case .checks:
            guard isMergeRequest else { return .checks(PullChecks(nil)) }
            let mergeRequest = try await fetcher.object(url, resource: resource)
            return .checks(PullChecks(GitLabPullDataMapping.checkStatus(ofMergeRequest: mergeRequest)))
        }
    }
}
