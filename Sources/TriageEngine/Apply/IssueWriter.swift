/// A provider that can change issues, as `triage apply` needs.
public protocol IssueWriter: Sendable {
    /// Called once before planning, when writes or a plan that must match them are wanted: a
    /// provider learns here what it needs from the API first (the account it writes as), so that
    /// `authenticatedLogin` can stay a plain property. The default does nothing.
    func prepareForWrites() async throws

    /// Performs one write on issue `number`. `pullRequest` tells which kind of item the number
    /// names: GitLab numbers issues and merge requests separately and writes them at different
    /// endpoints. Throws when the provider refuses or fails. Returns the issue the write made
    /// (`createReport`, from the API's answer), nil for every other write.
    @discardableResult
    func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue?

    /// Performs one write on `issue`, which names its repository: a multi-repository provider
    /// routes the write by `issue.repo`. The default writes to `issue.number` of the provider's one
    /// repository.
    @discardableResult
    func perform(_ operation: WriteOperation, on issue: IssueReference, pullRequest: Bool) async throws -> CreatedIssue?

    /// Resolves, before any write of the plan, what `operation` names by title in the repository of
    /// `issue` (a milestone), once per run: an unknown title then fails the rule's writes before any
    /// is made (`UnknownMilestone`). The default has nothing to resolve.
    func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws

    /// The open report issue whose body carries `marker` in `repository` (ignored by a
    /// one-repository writer), looked for among the open issues with `labels`; nil when there is
    /// none. The default finds none.
    func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport?

    /// The account writes are made as, when known: only its comments count as already posted by a
    /// rule, so nobody can suppress a rule's comment by pasting its marker.
    var authenticatedLogin: String? { get }
    /// Least time between two writes, in seconds: how long a plan takes is at least its writes
    /// times this. The default is 0 (no pacing).
    var writeIntervalSeconds: Double { get }
}

extension IssueWriter {
    public func prepareForWrites() async throws {}
    public var authenticatedLogin: String? { nil }
    public var writeIntervalSeconds: Double { 0 }
    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {}
    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? { nil }

    @discardableResult
    public func perform(_ operation: WriteOperation, on issue: IssueReference, pullRequest: Bool) async throws -> CreatedIssue? {
        try await perform(operation, onIssue: issue.number, pullRequest: pullRequest)
    }
}
