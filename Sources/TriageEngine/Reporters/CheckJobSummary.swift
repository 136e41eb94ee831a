/// The Markdown `triage check` appends to a CI job summary (`$GITHUB_STEP_SUMMARY`, SPEC §6): a
/// table of rules with their match counts, then each matching rule's issues as links, capped by
/// `SummaryLimits` so that a run with thousands of matches stays far under GitHub's 1 MiB.
/// It is fed the same outcomes as the run's own reporter; `CheckMarkdown` writes it, as it writes
/// `--format markdown`.
public struct CheckJobSummary: CheckReporter {
    let context: CheckContext
    let limits: SummaryLimits
    var collector = MatchCollector()

    public init(context: CheckContext, limits: SummaryLimits = .standard) {
        self.context = context
        self.limits = limits
    }

    public mutating func record(_ outcome: IssueOutcome) -> String? {
        collector.add(outcome)
        return nil
    }

    /// Written in pieces by `CheckMarkdown`, capped at about `limits.maxBytes`.
    public mutating func finish(_ summary: CheckSummary, to output: inout some TextOutputStream) {
        CheckMarkdown(context: context, form: .jobSummary, limits: limits).write(collector, summary, to: &output)
    }
}
