import Synchronization
public import TriageEngine
public import TriageLanguage

/// An issue tracker in memory that records writes (`#N operation`) and changes its issues like a
/// real API would; writes listed in `failing` fail with HTTP 500, and so does a report search
/// listed there as `report MARKER`. It knows the milestones
/// `milestones` (anything else is `UnknownMilestone`), finds reports by their marker among its open
/// issues, and counts the milestone lookups and report searches (`reads`).
public final class InMemoryTracker: IssueProvider, IssueWriter {
    private let state: Mutex<(issues: [TriageLanguage.Issue], comments: [Int: [IssueComment]], writes: [String], failing: Set<String>,
                              reads: [String])>
    public let milestones: [String]

    public init(issues: [TriageLanguage.Issue], failing: Set<String> = [], milestones: [String] = []) {
        state = Mutex((issues, [:], [], failing, []))
        self.milestones = milestones
    }

    /// The issues as they are now.
    public var issues: [TriageLanguage.Issue] { state.withLock { $0.issues } }
    /// Every milestone resolution (`milestone TITLE`) and report search (`report MARKER`), in order.
    public var reads: [String] { state.withLock { $0.reads } }

    public func prepare(_ operation: WriteOperation, on issue: IssueReference) async throws {
        guard case let .setMilestone(title) = operation else { return }
        state.withLock { $0.reads.append("milestone \(title)") }
        guard milestones.contains(title) else { throw UnknownMilestone(title: title, scope: "memory", known: milestones) }
    }

    public func findReport(marker: String, labels: [String], in repository: String) async throws -> ExistingReport? {
        try state.withLock { state in
            state.reads.append("report \(marker)")
            if state.failing.contains("report \(marker)") { throw WriteFailed() }
            return ExistingReport.oldest(of: state.issues.filter { $0.state == "open" && labels.allSatisfy($0.labels.contains) && $0.body.contains(marker) }
                .map { ExistingReport(number: $0.number, title: $0.title, url: $0.url, body: $0.body) })
        }
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

    @discardableResult
    public func perform(_ operation: WriteOperation, onIssue number: Int, pullRequest: Bool) async throws -> CreatedIssue? {
        try state.withLock { state in
            let record = "#\(number) \(operation)"
            if state.failing.contains(record) { throw WriteFailed() }
            state.writes.append(record)
            if case let .createReport(title, body, labels, _) = operation {
                let created = (state.issues.map(\.number).max() ?? 0) + 1
                state.issues.append(TriageLanguage.Issue(number: created, title: title, body: body,
                                                         author: "triage-bot", labels: labels, created: testNow, updated: testNow))
                return CreatedIssue(number: created, url: "")
            }
            guard let index = state.issues.firstIndex(where: { $0.number == number }) else { return nil }
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
            case .closeReport, .closeDuplicateReport: issue.state = "closed"
            case .createReport: return nil
            }
            state.issues[index] = issue
            return nil
        }
    }
}
