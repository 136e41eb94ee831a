public import TriageLanguage
public import TriageRules
import Foundation

/// `apply` as a library call: the rules with actions over a provider's issues, planned
/// idempotently (`ApplyPlanner`) and, when `perform`, executed (`ApplyExecutor`). Comments the
/// planner needs come through the engine's own loader, limited and counted with the lazy loads.
public struct ApplyRun: Sendable {
    public struct Options: Sendable {
        public var now: Timestamp
        /// Write (`--yes`); otherwise only plan.
        public var perform: Bool
        /// A rule that would act on more issues than this writes nothing, unless `force`.
        public var maxIssuesPerRule: Int?
        public var force: Bool
        /// At most this many write requests.
        public var maxOperations: Int?
        /// Issues worked on at once: bounds the reads a write needs (the provider sends the writes
        /// themselves one at a time, paced, whatever this is).
        public var writeConcurrency: Int
        /// Issue batches evaluated at once.
        public var evaluationConcurrency: Int
        /// Told the writes done (succeeded or failed) and planned after each write, for a progress line.
        public var progress: (@Sendable (_ done: Int, _ planned: Int) -> Void)?
        /// The providers that can write, named when a source cannot (`perform` only).
        public var writableProviders: [String]

        /// `evaluationConcurrency` defaults to the number of cores.
        public init(now: Timestamp, perform: Bool, maxIssuesPerRule: Int? = nil, force: Bool = false, maxOperations: Int? = nil,
                    writeConcurrency: Int = 4, evaluationConcurrency: Int? = nil,
                    progress: (@Sendable (_ done: Int, _ planned: Int) -> Void)? = nil, writableProviders: [String] = []) {
            self.now = now
            self.perform = perform
            self.maxIssuesPerRule = maxIssuesPerRule
            self.force = force
            self.maxOperations = maxOperations
            self.writeConcurrency = writeConcurrency
            self.evaluationConcurrency = evaluationConcurrency ?? ProcessInfo.processInfo.activeProcessorCount
            self.progress = progress
            self.writableProviders = writableProviders
        }
    }

    /// What a finished run hands back.
    public struct Result: Sendable {
        public var plan: ApplyPlan
        /// What happened to each write; nil for a dry run.
        public var execution: ApplyResult?
        /// Matched issues whose comments the source could not supply: their comments were planned
        /// without looking for an earlier one.
        public var uncheckedComments: Int
        /// The evaluation's counts; `lazyLoads` includes the comments read for planning.
        public var statistics: RuleEngine.Statistics
        public var notes: ProviderRunNotes
        /// Least time between two writes of the source, in seconds (0: not paced): the plan's
        /// writes take at least their number times this.
        public var writeIntervalSeconds: Double
        /// Issues left out of the plan because the read budget was spent before they were fully
        /// evaluated (SPEC §7).
        public var notEvaluated: [NotEvaluatedIssue] = []
        /// Why `report` actions wrote nothing (the run did not see the whole source), one line each.
        public var reportNotes: [String] = []
        /// Reports not written because looking for them failed, one line each: the run failed.
        public var reportFailures: [String] = []
        /// Wall time of the run in seconds (reads, planning and writes), for the HTML report's header.
        public var elapsedSeconds: Double = 0
    }

    /// Only the rules with actions.
    public let rules: [Rule]
    public let options: Options

    /// Throws `ApplyRunError.noActionRules` when none of `rules` has actions.
    public init(rules: [Rule], options: Options) throws(ApplyRunError) {
        self.rules = rules.filter { !$0.actions.isEmpty }
        self.options = options
        if self.rules.isEmpty { throw .noActionRules }
    }

    /// Throws when `provider` cannot perform every action of the rules; checked before anything is
    /// written. `writableProviders` names the providers that can, for the message.
    public func checkWritable(_ provider: any IssueProvider, writableProviders: [String] = []) throws(ApplyRunError) {
        guard provider is any IssueWriter else { throw .notWritable(source: provider.sourceDescription, writableProviders: writableProviders) }
        let supported = provider.capabilities.writeActions
        for rule in rules {
            for action in rule.actions {
                guard let needed = ProviderCapabilities.WriteAction(rawValue: action.keyword), supported.contains(needed) else {
                    throw .unsupportedAction(rule: rule.name, action: action.keyword, source: provider.sourceDescription)
                }
            }
        }
    }

    /// Plans (and with `perform`, writes). Throws `ApplyRunError.evaluationFailed` when a rule could
    /// not be evaluated on an issue (nothing is written then), and what the provider throws.
    public func run(provider: any IssueProvider) async throws -> Result {
        if options.perform { try checkWritable(provider, writableProviders: options.writableProviders) }
        let started = Date()
        let writer = provider as? any IssueWriter
        // Also in a dry run, so that its plan is the one `perform` would carry out (the login
        // decides which earlier comments count).
        try await writer?.prepareForWrites()
        var planner = ApplyPlanner(rules: rules, now: options.now, maxIssuesPerRule: options.maxIssuesPerRule, force: options.force,
                                   markerAuthor: writer?.authenticatedLogin, reportsByRepository: provider.spansRepositories)
        let needsComments: @Sendable ([Int]) -> Bool = { [planner] matched in planner.needsComments(matchedRules: matched) }
        let engine = RuleEngine(rules: rules, options: .init(now: options.now, concurrency: options.evaluationConcurrency,
                                                             keepMatchedIssues: true, commentsForMatches: needsComments))
        let query = QueryDerivation.query(for: rules, now: options.now, fields: IssueFieldSet.all)
        var uncheckedComments = 0
        var notEvaluated: [NotEvaluatedIssue] = []
        var repositoriesRead = Set<String>()
        let statistics = try await engine.run(provider: provider, query: query) { outcome in
            repositoriesRead.insert(outcome.issue.repo)
            guard outcome.isFullyEvaluated else {
                notEvaluated.append(NotEvaluatedIssue(issue: outcome.issue, rules: outcome.notEvaluatedRules.map { rules[$0].name }))
                return
            }
            guard let issue = outcome.matchedIssue else { return }
            if outcome.commentsUnavailable { uncheckedComments += 1 }
            planner.add(issue, matchedRules: outcome.matchedRules, comments: outcome.loadedComments ?? [])
        }
        if statistics.errors > 0 { throw ApplyRunError.evaluationFailed(statistics.errors) }
        var plan = planner.finish()
        var reportNotes: [String] = [], reportFailures: [String] = []
        if rules.contains(where: \.hasReport) {
            let scope = ReportPlanning.Scope(provider: provider, repositoriesRead: repositoriesRead, cutShort: !notEvaluated.isEmpty)
            let reports = await ReportPlanning.plan(rules: rules, matches: planner.reportMatches, repositories: scope.repositories,
                                                        writer: writer, now: options.now, skipReason: scope.skipReason)
            plan.entries += reports.entries
            plan.alreadyDone += reports.alreadyDone
            reportNotes = reports.notes
            reportFailures = reports.failures
        }
        var execution: ApplyResult?
        if !options.perform, let writer {
            // Milestone titles are read in a dry run too, so that it flags an unknown one as the
            // real run would, from the same code, writing nothing.
            plan.refusals = await ApplyExecutor.refusals(of: plan, writer: writer, maxOperations: options.maxOperations)
        }
        if options.perform, let writer {
            let done = await ApplyExecutor.execute(plan, writer: writer, maxOperations: options.maxOperations,
                                                   concurrency: options.writeConcurrency, progress: options.progress)
            // The entries as carried out: a created report is named by the number its `POST` gave
            // in every output, not by the plan's 0.
            plan.entries = done.entries.map(\.entry)
            execution = done
        }
        return Result(plan: plan, execution: execution, uncheckedComments: uncheckedComments, statistics: statistics,
                      notes: provider.runNotes, writeIntervalSeconds: writer?.writeIntervalSeconds ?? 0, notEvaluated: notEvaluated,
                      reportNotes: reportNotes, reportFailures: reportFailures, elapsedSeconds: Date().timeIntervalSince(started))
    }
}
