/// What a provider has to say about a run, in a form any front end can print without knowing the
/// provider: the summary line's API call count, and warnings such as skipped records.
public struct ProviderRunNotes: Hashable, Sendable {
    /// Requests sent to an API so far, retries included; nil for sources that make none.
    public var apiCalls: Int?
    /// Malformed records skipped instead of failing the run (`--keep-going`).
    public var skippedRecords: Int
    /// Repositories of a multi-repository source that failed while the others went on: the run
    /// reports them and exits 3.
    public var failedRepositories: [RepositoryFailure]
    /// Requests not sent because `--max-requests` was spent (pages and lazy data not read).
    public var unreadRequests: [String]
    /// Conditional requests answered 304 Not Modified (counted in `apiCalls` too): what the cache's
    /// `ETag`s saved.
    public var notModified: Int
    /// The repositories a multi-repository source read (failed ones included; see
    /// `failedRepositories`): where `apply` looks for reports to update or close, also in those
    /// where nothing matched.
    public var repositories: [String]

    public init(apiCalls: Int? = nil, skippedRecords: Int = 0, failedRepositories: [RepositoryFailure] = [], unreadRequests: [String] = [],
                notModified: Int = 0, repositories: [String] = []) {
        self.apiCalls = apiCalls
        self.skippedRecords = skippedRecords
        self.failedRepositories = failedRepositories
        self.unreadRequests = unreadRequests
        self.notModified = notModified
        self.repositories = repositories
    }

    /// What a person should be told after the run, one line each, without a `warning:` prefix.
    public var warnings: [String] {
        guard skippedRecords > 0 else { return [] }
        return ["skipped \(skippedRecords) malformed record\(skippedRecords == 1 ? "" : "s") (--keep-going)"]
    }
}
