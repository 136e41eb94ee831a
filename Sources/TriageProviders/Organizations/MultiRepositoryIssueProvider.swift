public import TriageEngine
public import TriageLanguage

/// The issues of an organisation's or group's repositories through the one-repository providers
/// (`Member`), so that the engine and the commands see one `IssueProvider` (SPEC §7): every issue
/// carries its `repo`, and lazy data and writes go to the provider of that repository.
///
/// What is particular to a provider — how repositories are listed, how a member is made, whether
/// one combined listing serves the whole group — comes from its factory as closures.
public struct MultiRepositoryIssueProvider<Member: IssueProvider & IssueWriter>: IssueProvider, IssueWriter, RemoteIssueProvider {
    public let sourceDescription: String
    public let capabilities: ProviderCapabilities
    public let client: APIClient
    let roster: RepositoryRoster<Member>
    let listRepositories: @Sendable () async throws -> [String]
    let combinedListing: CombinedListing?
    let concurrency: Int
    let identify: @Sendable () async throws -> String?
    let writerState = WriterState()

    /// - Parameters:
    ///   - listRepositories: the repositories to walk (`owner/name`), already selected (archived,
    ///     forks, glob, shard); the provider orders them.
    ///   - makeMember: the one-repository provider of `owner/name`, sharing `client`.
    ///   - combinedListing: one listing of the whole group's issues, used instead of walking each
    ///     repository (GitLab's group lists), cached or not; its issues must carry `repo`, and their
    ///     lazy data is read through it.
    ///   - identify: the account writes are made as (nil when the token may not say).
    init(sourceDescription: String, capabilities: ProviderCapabilities, client: APIClient, concurrency: Int,
         listRepositories: @escaping @Sendable () async throws -> [String],
         makeMember: @escaping @Sendable (String) throws -> Member,
         combinedListing: CombinedListing? = nil,
         identify: @escaping @Sendable () async throws -> String?) {
        self.sourceDescription = sourceDescription
        self.capabilities = capabilities
        self.client = client
        self.concurrency = max(1, concurrency)
        self.listRepositories = listRepositories
        roster = RepositoryRoster(makeMember: makeMember)
        self.combinedListing = combinedListing
        self.identify = identify
    }

    public var spansRepositories: Bool { true }

    public var runNotes: ProviderRunNotes {
        ProviderRunNotes(apiCalls: client.apiCalls, failedRepositories: roster.failures, unreadRequests: client.readBudget?.refused ?? [],
                         notModified: client.notModifiedResponses, repositories: roster.names)
    }

    public func issues(matching query: IssueQuery) -> MultiRepositoryIssues<Member> {
        if let combinedListing {
            var query = query
            query.fields.insert(.repo)
            return MultiRepositoryIssues(walk: .combined(combinedListing.issues(query)), roster: roster, query: query)
        }
        let list = listRepositories
        let ordered: @Sendable () async throws -> [String] = { try await list().sorted(by: RepositoryOrder.precedes) }
        return MultiRepositoryIssues(walk: .repositories(list: ordered, concurrency: concurrency), roster: roster, query: query)
    }

    public func issue(number: Int) async throws -> Issue {
        throw SourceError("\(sourceDescription) spans repositories: name the issue as OWNER/NAME#\(number)")
    }

    public func issue(repository: String, number: Int) async throws -> Issue {
        var issue = try await roster.member(repository).issue(number: number)
        issue.repo = repository
        return issue
    }

    public func loadComments(of issue: Issue) async throws -> [IssueComment] {
        let member = try roster.member(issue.repo)
        if let combinedListing { return try await combinedListing.comments(issue) }
        return try await member.loadComments(of: issue)
    }

    public func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent] {
        let member = try roster.member(issue.repo)
        if let combinedListing { return try await combinedListing.labelEvents(issue) }
        return try await member.loadLabelEvents(of: issue)
    }

    /// From the combined listing's source when there is one (the member is still made, so that
    /// the repository counts as reached: `runNotes.repositories`), else from the issue's repository.
    public func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        let member = try roster.member(issue.repo)
        if let combinedListing { return try await combinedListing.lazyData(kind, issue) }
        return try await member.loadLazyData(kind, of: issue)
    }

    public func prepareForWrites() async throws {
        guard !writerState.prepared else { return }
        writerState.setLogin(try await identify())
    }

    public var authenticatedLogin: String? { writerState.login }

    /// Every repository is written through the one client, paced as its host asks.
    public var writeIntervalSeconds: Double { client.writeIntervalSeconds }

    @discardableResult
    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
        throw SourceError("\(sourceDescription) spans repositories: a write needs the issue's repository")
    }

    @discardableResult
    public func perform(_ operation: WriteOperation, on issue: IssueReference, pullRequest: Bool) async throws -> CreatedIssue? {
        try await roster.member(issue.repo).perform(operation, onIssue: issue.number, pullRequest: pullRequest)
    }

    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {
        try await roster.member(issue.repo).prepare(operation, on: issue)
    }

    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? {
        try await roster.member(repository).findReport(marker: marker, labels: labels, in: repository)
    }
}
