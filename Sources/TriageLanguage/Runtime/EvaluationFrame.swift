/// Lazy data a provider loads per issue with extra API calls.
public enum LazyDataKind: String, Hashable, Sendable, CaseIterable {
    case comments
    case labelEvents = "label_events"
}

/// Thrown by a compiled condition that reached a lazy field whose data is not loaded yet. The async
/// driver loads it and evaluates again; evaluation is pure, so the retry gives the same answer.
public struct LazyDataNeeded: Error, Hashable, Sendable {
    public var kind: LazyDataKind
    public init(kind: LazyDataKind) { self.kind = kind }
}

/// The mutable state of evaluating conditions on one issue: the issue, the evaluation instant,
/// lambda parameter slots and the lazy data loaded so far.
///
/// One frame serves every rule evaluated on the same issue, so lazy data is loaded at most once per
/// issue. A frame belongs to one task at a time; it is never shared between concurrent evaluations.
public final class EvaluationFrame {
    public private(set) var issue: Issue
    public let now: Timestamp
    var locals: [Value]
    public internal(set) var comments: [IssueComment]?
    public internal(set) var labelEvents: [LabelEvent]?

    public init(issue: Issue, now: Timestamp) {
        self.issue = issue
        self.now = now
        locals = []
        comments = issue.embeddedComments
        labelEvents = issue.embeddedLabelEvents
    }

    /// Moves the frame to another issue, dropping the previous issue's lazy data.
    public func reset(to issue: Issue) {
        self.issue = issue
        comments = issue.embeddedComments
        labelEvents = issue.embeddedLabelEvents
    }

    /// Supplies lazy data loaded by a provider.
    public func provide(comments: [IssueComment]) { self.comments = comments }
    public func provide(labelEvents: [LabelEvent]) { self.labelEvents = labelEvents }

    /// The issue's comments, or a request to load them. An issue with no comments needs no request.
    @inline(__always)
    func loadedComments() throws(LazyDataNeeded) -> [IssueComment] {
        if let comments { return comments }
        if issue.comments == 0 { return [] }
        throw LazyDataNeeded(kind: .comments)
    }

    @inline(__always)
    func loadedLabelEvents() throws(LazyDataNeeded) -> [LabelEvent] {
        if let labelEvents { return labelEvents }
        throw LazyDataNeeded(kind: .labelEvents)
    }
}

/// Loads lazy data for an issue; the engine supplies one backed by the provider, rule tests one
/// backed by the test's `comments:` and `label_events:`.
public protocol IssueDataLoader: Sendable {
    func comments(of issue: Issue) async throws -> [IssueComment]
    func labelEvents(of issue: Issue) async throws -> [LabelEvent]
}
