public import TriageLanguage
public import TriageRules

/// Turns the matches `ApplyPlanner` collected for `report` actions into at most one write per rule
/// and repository (SPEC §8): create the report on the first run with matches, edit it when its body
/// changed, close it when nothing matched, and nothing otherwise; newer duplicates of it (from an
/// overlapping run) are closed. The report is found by its marker
/// through the writer (one list request per rule and repository). Report writes are exempt from
/// `--max-per-rule` (they are added after the guard) and count against `--max-operations`.
public enum ReportPlanning {
    public struct Outcome: Sendable {
        public var entries: [ApplyPlan.Entry] = []
        /// Reports already as they should be (their body is unchanged).
        public var alreadyDone = 0
        /// Why reports were not written, one line each.
        public var notes: [String] = []
        /// Reports not written because looking for them failed (a 403 on one repository): the
        /// other writes go on and the run fails at the end (exit 3), as for a failed repository.
        public var failures: [String] = []
    }

    /// Where reports may exist after a run, and why none may be written.
    public struct Scope: Sendable {
        /// `[""]` for a one-repository source; else every repository the run read (the listed ones
        /// and those issues came from, whatever their spelling's case), failed ones left out.
        public var repositories: [String]
        /// Set when the run did not see the whole source: one event's item, or a read budget that
        /// cut it short (`cutShort`: issues not evaluated).
        public var skipReason: String?

        public init(provider: any IssueProvider, repositoriesRead: Set<String>, cutShort: Bool) {
            let notes = provider.runNotes
            skipReason = if !provider.streamsWholeSource {
                "the run read one item (--event), not the whole repository"
            } else if cutShort || !notes.unreadRequests.isEmpty {
                "--max-requests cut the run short, so it did not see the whole repository"
            } else {
                nil
            }
            guard provider.spansRepositories else {
                repositories = [""]
                return
            }
            let failed = Set(notes.failedRepositories.map { $0.repository.lowercased() })
            var byName: [String: String] = [:]
            for name in notes.repositories + repositoriesRead.sorted() where !failed.contains(name.lowercased()) {
                if byName[name.lowercased()] == nil { byName[name.lowercased()] = name }
            }
            repositories = byName.keys.sorted().map { byName[$0]! }
        }
    }

    /// - Parameters:
    ///   - repositories: where reports may exist: `[""]` for a one-repository source, else the
    ///     repositories the run read completely.
    ///   - skipReason: why the run did not see the whole source (`--event`, the read budget); no
    ///     report is written then, and a note says so.
    public static func plan(rules: [Rule], matches: [ApplyPlanner.ReportKey: [ReportRow]], repositories: [String],
                            writer: (any IssueWriter)?, now: Timestamp, skipReason: String?) async -> Outcome {
        var outcome = Outcome()
        for (index, rule) in rules.enumerated() {
            for case let .report(specification) in rule.actions {
                if let skipReason {
                    outcome.notes.append("report of rule `\(rule.name)` not written: \(skipReason)")
                    continue
                }
                let marker = ReportMarker.marker(forRule: rule.name)
                for repository in repositories {
                    let existing: ExistingReport?
                    do {
                        existing = try await writer?.findReport(marker: marker, labels: specification.labels, in: repository)
                    } catch is RequestBudgetExhausted {
                        outcome.notes.append("report of rule `\(rule.name)`\(repository.isEmpty ? "" : " in \(repository)") not written: "
                                             + "--max-requests ran out before the report could be looked for")
                        continue
                    } catch {
                        outcome.failures.append("report of rule `\(rule.name)`\(repository.isEmpty ? "" : " in \(repository)") not written: "
                                                + "it could not be looked for: \(error)")
                        continue
                    }
                    let rows = matches[ApplyPlanner.ReportKey(rule: index, repository: repository)] ?? []
                    func entry(_ operation: WriteOperation) -> ApplyPlan.Entry {
                        let reference = existing.map { IssueReference(number: $0.number, title: $0.title, url: $0.url, repo: repository) }
                            ?? IssueReference(number: 0, title: specification.title, url: "", repo: repository)
                        return ApplyPlan.Entry(issue: reference, rule: rule.name, operation: operation)
                    }
                    for duplicate in existing?.duplicates ?? [] {
                        let reference = IssueReference(number: duplicate.number, title: duplicate.title, url: duplicate.url, repo: repository)
                        outcome.entries.append(ApplyPlan.Entry(issue: reference, rule: rule.name, operation: .closeDuplicateReport))
                    }
                    guard !rows.isEmpty else {
                        if existing != nil { outcome.entries.append(entry(.closeReport)) }
                        continue
                    }
                    let body = ReportBody.render(rule: rule.name, description: rule.description, rows: rows, now: now)
                    if let existing {
                        if ReportBody.sameBody(stored: existing.body, rendered: body) { outcome.alreadyDone += 1 } else { outcome.entries.append(entry(.editReport(body: body, matches: rows.count))) }
                    } else {
                        outcome.entries.append(entry(.createReport(title: specification.title, body: body, labels: specification.labels,
                                                                   matches: rows.count)))
                    }
                }
            }
        }
        return outcome
    }
}
