public import TriageLanguage
public import TriageRules

/// Turns matched issues into write operations, idempotently: never add a label that is present or
/// remove one that is absent, never close what is closed or reopen what is open, never assign twice,
/// and never post a comment whose rule marker is already on the issue.
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
    private var plan = ApplyPlan()
    private var issuesPerRule: [String: Int] = [:]

    public init(rules: [Rule], now: Timestamp, maxIssuesPerRule: Int? = nil, force: Bool = false, markerAuthor: String? = nil) {
        self.rules = rules
        self.now = now
        self.maxIssuesPerRule = maxIssuesPerRule
        self.force = force
        self.markerAuthor = markerAuthor
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
        var closing = false, reopening = false
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
                }
            }
            if wrote { issuesPerRule[rule.name, default: 0] += 1 }
        }
    }

    private func unique(_ names: [String]) -> [String] {
        var seen = Set<String>()
        return names.filter { seen.insert($0).inserted }
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
