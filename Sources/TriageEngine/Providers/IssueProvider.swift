public import TriageLanguage

/// A source of issues: GitHub, GitLab, a file, stdin, or anything a library user registers.
///
/// The engine and the CLI only ever see `any IssueProvider`: a provider streams normalized issues,
/// loads the lazy fields (comments, label events) on demand where it can, fetches one issue by
/// number, reports what the run cost (`runNotes`) and releases what it holds (`shutdown()`). Only
/// the first four requirements have no default, so a provider of one's own stays a few lines.
public protocol IssueProvider: Sendable {
    associatedtype Issues: AsyncSequence & Sendable where Issues.Element == Issue

    /// A human-readable name of what is being read, e.g. `github:apple/swift` or `file:issues.jsonl`.
    var sourceDescription: String { get }

    /// What this provider can do beyond listing issues.
    var capabilities: ProviderCapabilities { get }

    /// Streams the issues that may match `query`, in the source's order. A provider may return more
    /// issues than the query asks for (filters are hints), never fewer.
    func issues(matching query: IssueQuery) -> Issues

    /// All comments of `issue`, oldest first.
    func loadComments(of issue: Issue) async throws -> [IssueComment]

    /// All label events of `issue`, oldest first.
    func loadLabelEvents(of issue: Issue) async throws -> [LabelEvent]

    /// Lazy data of the other kinds (`reviews`, `linkedPulls`, `checks`; SPEC §8) for `issue`, the
    /// one entry point every further kind goes through. The engine asks only for what evaluation
    /// reached, once per issue, and never for pull-request data of an issue that is not a pull
    /// request. The default serves comments and label events through the two methods above and
    /// throws `LazyDataUnavailable` for the rest, which is right for sources without them; a
    /// wrapping provider forwards it.
    func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData

    /// Issue (or pull request) `number` with every field, fetched directly where the source can
    /// (one request for an API) so that `explain` does not walk a whole repository. Throws
    /// `IssueNotFound` when the source has no such issue. The default reads the stream until it
    /// finds the number, which is what a file or stdin can do.
    func issue(number: Int) async throws -> Issue

    /// Issue `number` when the caller knows its kind (a webhook payload says it): a provider that
    /// numbers kinds apart reads exactly that item with one request instead of trying each kind.
    /// The default ignores the hint and calls `issue(number:)`.
    func issue(number: Int, kind: ItemKind) async throws -> Issue

    /// Issue `number` of repository `repository` (`owner/name`), for sources that span repositories
    /// (`explain --issue owner/name#N`). The default ignores the repository: a one-repository
    /// source has only its own.
    func issue(repository: String, number: Int) async throws -> Issue

    /// What the run has cost and skipped so far (API calls, malformed records); read for progress
    /// and after the run. The default is empty.
    var runNotes: ProviderRunNotes { get }

    /// Whether the source is an organisation or group (SPEC §7): its output then names each issue's
    /// repository (`owner/name#N`, a `repo` key), however many repositories it found. Default false.
    var spansRepositories: Bool { get }

    /// Whether the stream is the whole source rather than a part of it (the one item of a webhook
    /// event): a `report` summarises a repository and is written only from the whole. Default true.
    var streamsWholeSource: Bool { get }

    /// Releases what the provider holds (an HTTP client's connections and threads); called once
    /// when the run is over, whether it succeeded or not. The default does nothing.
    func shutdown() async
}

extension IssueProvider {
    public func loadLazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        switch kind {
        case .comments: return .comments(try await loadComments(of: issue))
        case .labelEvents: return .labelEvents(try await loadLabelEvents(of: issue))
        case .reviews, .linkedPulls, .checks: throw LazyDataUnavailable(data: kind, source: sourceDescription)
        }
    }

    public func issue(number: Int) async throws -> Issue {
        for try await issue in issues(matching: IssueQuery(fields: .all)) where issue.number == number {
            return issue
        }
        throw IssueNotFound(number: number, source: sourceDescription)
    }

    public func issue(number: Int, kind: ItemKind) async throws -> Issue {
        try await issue(number: number)
    }

    public func issue(repository: String, number: Int) async throws -> Issue {
        try await issue(number: number)
    }

    public var runNotes: ProviderRunNotes { ProviderRunNotes() }

    public var spansRepositories: Bool { false }

    public var streamsWholeSource: Bool { true }

    public func shutdown() async {}
}
