import Synchronization
public import TriageEngine
public import TriageLanguage

/// An issue tracker in memory that records writes (`#N operation`) and changes its issues like a
/// real API would; writes listed in `failing` fail with HTTP 500.
public final class InMemoryTracker: IssueProvider, IssueWriter {
    private let state: Mutex<(issues: [TriageLanguage.Issue], comments: [Int: [IssueComment]], writes: [String], failing: Set<String>)>

    public init(issues: [TriageLanguage.Issue], failing: Set<String> = []) {
        state = Mutex((issues, [:], [], failing))
    }

    public var sourceDescription: String { "memory" }
    public var capabilities: ProviderCapabilities { ProviderCapabilities(writeActions: Set(ProviderCapabilities.WriteAction.allCases)) }
    /// Every write performed, in order.
    public var writes: [String] { state.withLock { $0.writes } }

    public func issues(matching query: IssueQuery) -> AsyncStream<TriageLanguage.Issue> {
        let snapshot = state.withLock { $0.issues }
        return AsyncStream { continuation in
            for issue in snapshot { continuation.yield(issue) }
            continuation.finish()
        }
    }

    public func loadComments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { state.withLock { $0.comments[issue.number] ?? [] } }
    public func loadLabelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { [] }

    public struct WriteFailed: Error, CustomStringConvertible {
        public var description: String { "HTTP 500" }
    }

    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws {
        try state.withLock { state in
            let record = "#\(number) \(operation)"
            if state.failing.contains(record) { throw WriteFailed() }
            state.writes.append(record)
            guard let index = state.issues.firstIndex(where: { $0.number == number }) else { return }
            var issue = state.issues[index]
            switch operation {
            case let .addLabels(labels): issue.labels += labels
            case let .removeLabel(label): issue.labels.removeAll { $0 == label }
            case let .comment(body):
                state.comments[number, default: []].append(IssueComment(author: "triage-bot", body: body, created: issue.created))
                issue.comments += 1
            case .close: issue.state = "closed"
            case .reopen: issue.state = "open"
            case let .assign(logins): issue.assignees += logins
            case let .unassign(logins): issue.assignees.removeAll { logins.contains($0) }
            case .lock: issue.locked = true
            case .unlock: issue.locked = false
            case let .setMilestone(title): issue.milestone = title
            case let .editReport(body, _): issue.body = body
            case .closeReport: issue.state = "closed"
            case .createReport: break
            }
            state.issues[index] = issue
        }
    }
}
