public import TriageLanguage
public import TriageRules

/// Turns matched issues into write operations, idempotently: never add a label that is present or
/// remove one that is absent, never close what is closed or reopen what is open, never assign twice,
/// never post a comment whose rule marker is already on the issue, never lock what is locked or
/// unlock what is not, never set the milestone an issue already has.
///
/// `report` actions write nothing per issue: the planner collects their matches
/// (`reportMatches`) and `ReportPlanning` turns them into one report write per repository.
///
/// Every decision is made from the issue's state as read at the start of the run; a write never
/// depends on another rule's write in the same run. The one exception is deduplication: when two
/// rules ask for the same change on one issue, it is planned once.
public struct ApplyPlanner: Sendable {
    public let rules: [Rule]
    public let now: Timestamp
    /// A rule that would act on more issues than this writes nothing (unless `force`).
    public let maxIssuesPerRule: Int?
    public let force: Bool
    /// The writer's login: only its comments count as a rule's earlier comment.
    public let markerAuthor: String?
    /// Whether reports are kept per repository (a source that spans repositories) rather than one
    /// per rule.
    public let reportsByRepository: Bool
    private var plan = ApplyPlan()
    private var issuesPerRule: [String: Int] = [:]
    /// The matches of rules with a `report` action, in source order, by rule index and repository
    /// (`""` unless `reportsByRepository`).
    public private(set) var reportMatches: [ReportKey: [ReportRow]] = [:]

    public init(rules: [Rule], now: Timestamp, maxIssuesPerRule: Int? = nil, force: Bool = false, markerAuthor: String? = nil,
                reportsByRepository: Bool = false) {
        self.rules = rules
        self.now = now
        self.maxIssuesPerRule = maxIssuesPerRule
        self.force = force
        self.markerAuthor = markerAuthor
        self.reportsByRepository = reportsByRepository
    }

    /// Whether any matched rule on `outcome` would post a comment (its comments must then be read).
    public func needsComments(_ outcome: IssueOutcome) -> Bool {
        needsComments(matchedRules: outcome.matchedRules)
    }

    /// Whether any of the matched rules (indexes into `rules`) would post a comment.
    public func needsComments(matchedRules: [Int]) -> Bool {
        matchedRules.contains { index in
            rules[index].actions.contains { if case .comment = $0 { true } else { false } }
        }
    }

    /// Plans the writes for one matched issue; `comments` are the issue's comments (read only when
    /// `needsComments` says so, else empty).
    public mutating func add(_ issue: Issue, matchedRules: [Int], comments: [IssueComment]) {
        var addedLabels = Set<String>(), removedLabels = Set<String>()
        var assigned = Set<String>(), unassigned = Set<String>()
        var closing = false, reopening = false, locking = false, unlocking = false
        var milestoneSet: String?
        var postedBy = Set<String>()
        let reference = IssueReference(issue)
        for index in matchedRules {
            let rule = rules[index]
            var wrote = false
            func write(_ operation: WriteOperation) {
                plan.entries.append(ApplyPlan.Entry(issue: reference, rule: rule.name, operation: operation,
                                                    isPullRequest: issue.kind == "pull_request"))
                wrote = true
            }
            for action in rule.actions {
                switch action {
                case let .label(names):
                    let missing = unique(names).filter { !issue.labels.contains($0) && !addedLabels.contains($0) }
                    if missing.isEmpty { plan.alreadyDone += 1 } else { write(.addLabels(missing)) }
                    addedLabels.formUnion(missing)
                case let .unlabel(names):
                    let present = unique(names).filter { issue.labels.contains($0) && !removedLabels.contains($0) }
                    if present.isEmpty { plan.alreadyDone += 1 }
                    for label in present { write(.removeLabel(label)) }
                    removedLabels.formUnion(present)
                case let .comment(template):
                    if CommentMarker.alreadyPosted(by: rule.name, in: comments, author: markerAuthor) || postedBy.contains(rule.name) {
                        plan.alreadyDone += 1
                    } else {
                        write(.comment(body: CommentMarker.marked(template.render(for: issue, now: now), rule: rule.name)))
                        postedBy.insert(rule.name)
                    }
                case let .close(reason):
                    if issue.state == "closed" || closing { plan.alreadyDone += 1 } else { write(.close(reason: reason)); closing = true }
                case .reopen:
                    if issue.state == "open" || reopening { plan.alreadyDone += 1 } else { write(.reopen); reopening = true }
                case let .assign(logins):
                    let missing = unique(logins).filter { !issue.assignees.contains($0) && !assigned.contains($0) }
                    if missing.isEmpty { plan.alreadyDone += 1 } else { write(.assign(missing)) }
                    assigned.formUnion(missing)
                case let .unassign(logins):
                    let present = unique(logins).filter { issue.assignees.contains($0) && !unassigned.contains($0) }
                    if present.isEmpty { plan.alreadyDone += 1 } else { write(.unassign(present)) }
                    unassigned.formUnion(present)
                case let .lock(reason):
                    if issue.locked || locking { plan.alreadyDone += 1 } else { write(.lock(reason: reason)); locking = true }
                case .unlock:
                    if !issue.locked || unlocking { plan.alreadyDone += 1 } else { write(.unlock); unlocking = true }
                case let .milestone(title):
                    // Two rules naming different milestones: the first in rule order wins.
                    if issue.milestone == title || milestoneSet != nil { plan.alreadyDone += 1 } else { write(.setMilestone(title: title)); milestoneSet = title }
                case .report:
                    reportMatches[ReportKey(rule: index, repository: reportsByRepository ? issue.repo : ""), default: []].append(ReportRow(issue))
                }
            }
            if wrote { issuesPerRule[rule.name, default: 0] += 1 }
        }
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
    }

    /// Where a report's matches are kept: the rule (index into `rules`) and the repository, in
    /// lower case: a listing and its issues may spell one repository differently (`Acme/Web`).
    public struct ReportKey: Hashable, Sendable {
        public var rule: Int
        public var repository: String

        public init(rule: Int, repository: String) {
            self.rule = rule
            self.repository = repository.lowercased()
        }
    }

    /// The plan, with rules over `maxIssuesPerRule` held back.
    public func finish() -> ApplyPlan {
        var result = plan
        guard let limit = maxIssuesPerRule, !force else { return result }
        for rule in rules {
            guard let count = issuesPerRule[rule.name], count > limit else { continue }
            result.heldBack.append(ApplyPlan.HeldBackRule(rule: rule.name, matchedIssues: count))
            result.entries.removeAll { $0.rule == rule.name }
        }
        return result
    }
}
