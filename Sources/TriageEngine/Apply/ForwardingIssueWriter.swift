/// A provider that wraps another and writes through it (the provider scoped to one event's item,
/// the cached provider): every write requirement goes to `writer`, the repository-aware
/// `perform(_:on:pullRequest:)` included, so a wrapper can never send a write of a
/// multi-repository source to the wrong repository by forwarding only part of the protocol.
public protocol ForwardingIssueWriter: IssueWriter {
    associatedtype Writer: IssueWriter
    var writer: Writer { get }
}

extension ForwardingIssueWriter {
    public func prepareForWrites() async throws { try await writer.prepareForWrites() }

    @discardableResult
    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
        try await writer.perform(operation, onIssue: number, pullRequest: pullRequest)
    }

    @discardableResult
    public func perform(_ operation: WriteOperation, on issue: IssueReference, pullRequest: Bool) async throws -> CreatedIssue? {
        try await writer.perform(operation, on: issue, pullRequest: pullRequest)
    }

    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {
        try await writer.prepare(operation, on: issue)
    }

    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? {
        try await writer.findReport(marker: marker, labels: labels, in: repository)
    }

    public var authenticatedLogin: String? { writer.authenticatedLogin }
    public var writeIntervalSeconds: Double { writer.writeIntervalSeconds }
}
