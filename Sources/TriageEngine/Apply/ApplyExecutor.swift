import Synchronization

/// Performs a plan: writes on one issue in plan order, issues concurrently within a bound, at most
/// `maxOperations` write requests in all. The budget is spent in plan order, so which writes were
/// done and which were left is the same on every run; a failed write is reported and the rest go on.
/// `concurrency` bounds the issues worked on at once, hence the reads their writes need; the writer
/// sends the writes themselves one at a time (`WriteQueue` in the HTTP providers).
public enum ApplyExecutor {
    /// `progress` hears the writes finished (done or failed) and attempted in all, after each write.
    public static func execute(_ plan: ApplyPlan, writer: some IssueWriter, maxOperations: Int?, concurrency: Int,
                               progress: (@Sendable (_ finished: Int, _ attempted: Int) -> Void)? = nil) async -> ApplyResult {
        let budget = maxOperations ?? Int.max
        var statuses = [ApplyResult.Status](repeating: .notDone, count: plan.entries.count)
        var entries = plan.entries
        let refused = await refusals(of: plan, writer: writer, maxOperations: maxOperations)
        // Entry indexes per issue, in plan order; only entries within the budget are attempted.
        var groups: [[Int]] = []
        var groupOfIssue: [Int: Int] = [:]
        for index in plan.entries.indices where index < budget {
            if let reason = refused[index] {
                statuses[index] = .failed(reason)
                continue
            }
            let number = plan.entries[index].issue.number
            // GitLab numbers merge requests apart from issues: keep them in separate groups.
            let key = plan.entries[index].isPullRequest ? -number : number
            if let group = groupOfIssue[key] {
                groups[group].append(index)
            } else {
                groupOfIssue[key] = groups.count
                groups.append([index])
            }
        }
        let attempted = groups.reduce(0) { $0 + $1.count }
        let finished = FinishedWrites()
        await withTaskGroup(of: [(Int, ApplyResult.Status, CreatedIssue?)].self) { group in
            var next = 0
            func startNext() {
                guard next < groups.count else { return }
                let indexes = groups[next]
                next += 1
                group.addTask {
                    var results: [(Int, ApplyResult.Status, CreatedIssue?)] = []
                    for index in indexes {
                        let entry = plan.entries[index]
                        do {
                            let created = try await writer.perform(entry.operation, on: entry.issue, pullRequest: entry.isPullRequest)
                            results.append((index, .done, created))
                        } catch {
                            results.append((index, .failed("\(error)"), nil))
                        }
                        if let progress { progress(finished.count.add(1, ordering: .relaxed).newValue, attempted) }
                    }
                    return results
                }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let results = await group.next() {
                for (index, status, created) in results {
                    statuses[index] = status
                    // A created report is named by its new number and address from now on.
                    if let created {
                        entries[index].issue.number = created.number
                        entries[index].issue.url = created.url
                    }
                }
                startNext()
            }
        }
        var result = ApplyResult()
        result.entries = zip(entries, statuses).map { ($0, $1) }
        return result
    }
}

extension ApplyExecutor {
    /// The writes within the `maxOperations` budget that the writer refuses before any is made, by
    /// entry index, with why: every write of a rule in a repository where what one of them names
    /// could not be resolved (an unknown milestone title, SPEC §8). Reads only (the milestones,
    /// once per repository, through the provider's counted client), so a dry run asks it too and
    /// reports what the real run would; `execute` fails these writes without sending them.
    public static func refusals(of plan: ApplyPlan, writer: some IssueWriter, maxOperations: Int?) async -> [Int: String] {
        let budget = maxOperations ?? Int.max
        let refused = await prepare(plan, writer: writer, budget: budget)
        guard !refused.isEmpty else { return [:] }
        var reasons: [Int: String] = [:]
        for index in plan.entries.indices where index < budget {
            if let reason = refusal(of: plan.entries[index], in: refused) { reasons[index] = reason }
        }
        return reasons
    }

    /// A rule's writes in one repository: what a failed preparation refuses together.
    struct RuleInRepository: Hashable {
        var rule: String
        var repository: String
    }

    /// One resolution a writer makes before writing: an operation in a repository.
    struct Preparation: Hashable {
        var repository: String
        var operation: WriteOperation
    }

    /// Why `entry`'s rule writes nothing in its repository, if it does not. An entry naming no
    /// repository (the report of a one-repository source, whose issues name theirs) shares the
    /// refusal of its rule wherever it was made: there is only one repository.
    static func refusal(of entry: ApplyPlan.Entry, in refused: [RuleInRepository: String]) -> String? {
        if let reason = refused[RuleInRepository(rule: entry.rule, repository: entry.issue.repo)] { return reason }
        guard entry.issue.repo.isEmpty else { return nil }
        return refused.first { $0.key.rule == entry.rule }?.value
    }

    /// Lets the writer resolve what the operations within the budget name (milestones by title),
    /// once per repository and operation, before anything is written; a rule whose resolution
    /// failed writes nothing in that repository (SPEC §8). Returns those rules with the reason.
    static func prepare(_ plan: ApplyPlan, writer: some IssueWriter, budget: Int) async -> [RuleInRepository: String] {
        var failures: [Preparation: String] = [:]
        var prepared = Set<Preparation>()
        var refused: [RuleInRepository: String] = [:]
        for index in plan.entries.indices where index < budget {
            let entry = plan.entries[index]
            guard entry.operation.needsPreparation else { continue }
            let key = Preparation(repository: entry.issue.repo, operation: entry.operation)
            if prepared.insert(key).inserted {
                do {
                    try await writer.prepare(entry.operation, on: entry.issue)
                } catch {
                    failures[key] = "\(error)"
                }
            }
            if let failure = failures[key] {
                let rule = RuleInRepository(rule: entry.rule, repository: entry.issue.repo)
                if refused[rule] == nil { refused[rule] = "rule `\(entry.rule)` writes nothing: \(failure)" }
            }
        }
        return refused
    }
}

/// The writes finished so far, counted by the concurrent tasks of `ApplyExecutor`.
private final class FinishedWrites: Sendable {
    let count = Atomic<Int>(0)
}
