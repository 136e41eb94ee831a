public import TriageLanguage
public import TriageRules
import Synchronization

/// Evaluates compiled rules over a stream of issues, concurrently and deterministically.
///
/// Issues are read by one task and handed in batches to a bounded `TaskGroup` (one child per batch
/// was measured ~40% cheaper than one per issue); at most `concurrency` batches are read and not yet
/// handled (in flight or finished out of order), which is the back-pressure on the provider.
/// Finished batches wait in a reorder buffer so outcomes come out in the source's order whatever
/// the concurrency.
public struct RuleEngine: Sendable {
    public struct Options: Sendable {
        public var now: Timestamp
        public var concurrency: Int
        public var batchSize: Int
        /// Lazy-data fetches in flight at once, across all batches.
        public var lazyConcurrency: Int
        /// Hand out the whole issue with each outcome that matched (for `apply`, which plans from
        /// the issue's state); otherwise only what reports need is kept.
        public var keepMatchedIssues: Bool
        /// Given a kept issue's matched rules, whether its comments must come with the outcome
        /// (`apply` reads them to find a rule's earlier comment). They are loaded, when evaluation
        /// did not already, through the same limiter and count as the rules' lazy loads.
        public var commentsForMatches: (@Sendable (_ matchedRules: [Int]) -> Bool)?
        /// Fields whose values each matched issue's outcome carries (`IssueOutcome.fieldValues`),
        /// read after evaluation from the issue and the lazy data evaluation loaded: no extra request.
        public var reportedFields: [IssueField]

        public init(now: Timestamp, concurrency: Int, batchSize: Int = 64, lazyConcurrency: Int = 8, keepMatchedIssues: Bool = false,
                    commentsForMatches: (@Sendable (_ matchedRules: [Int]) -> Bool)? = nil, reportedFields: [IssueField] = []) {
            self.now = now
            self.concurrency = max(1, concurrency)
            self.batchSize = max(1, batchSize)
            self.lazyConcurrency = max(1, lazyConcurrency)
            self.keepMatchedIssues = keepMatchedIssues
            self.commentsForMatches = commentsForMatches
            self.reportedFields = reportedFields
        }
    }

    /// Counts of one run, for the summary line.
    public struct Statistics: Sendable, Hashable {
        public var issuesRead = 0
        public var matches = 0
        public var errors = 0
        public var lazyLoads = 0
        /// Issues not fully evaluated because the read budget was spent.
        public var notEvaluated = 0

        public init(issuesRead: Int = 0, matches: Int = 0, errors: Int = 0, lazyLoads: Int = 0, notEvaluated: Int = 0) {
            self.issuesRead = issuesRead
            self.matches = matches
            self.errors = errors
            self.lazyLoads = lazyLoads
            self.notEvaluated = notEvaluated
        }
    }

    public let rules: [Rule]
    public let options: Options

    public init(rules: [Rule], options: Options) {
        self.rules = rules
        self.options = options
    }

    /// Streams `provider`'s issues through the rules, calling `handle` for each issue in source
    /// order. Throws the provider's error (after cancelling the work in flight) or `handle`'s, and
    /// `CancellationError` when the calling task is cancelled (a cancelled run is never reported as
    /// a complete one, even when the provider just ends its stream on cancellation).
    public func run(provider: any IssueProvider, query: IssueQuery,
                    handle: (IssueOutcome) async throws -> Void) async throws -> Statistics {
        try await run(opened: provider, query: query, handle: handle)
    }

    private func run<Provider: IssueProvider>(opened provider: Provider, query: IssueQuery,
                                               handle: (IssueOutcome) async throws -> Void) async throws -> Statistics {
        let loader = ProviderDataLoader(provider: provider, limiter: AsyncLimiter(limit: options.lazyConcurrency))
        var statistics = Statistics()
        var iterator = provider.issues(matching: query).makeAsyncIterator()
        let rules = self.rules, now = options.now, keep = options.keepMatchedIssues, attach = options.commentsForMatches
        let reported = options.reportedFields, reviewsCarryTime = provider.capabilities.reviewsCarryTime
        try await withThrowingTaskGroup(of: (Int, [IssueOutcome]).self) { group in
            var nextBatch = 0, nextToEmit = 0, inFlight = 0
            var exhausted = false
            var finished: [Int: [IssueOutcome]] = [:]
            while true {
                // Batches read but not yet handled, running or waiting in the reorder buffer, count
                // against `concurrency`: otherwise one slow batch lets reading run ahead unboundedly.
                while !exhausted && inFlight + finished.count < options.concurrency {
                    // Providers need not watch for cancellation (a file reader does not), so check here.
                    try Task.checkCancellation()
                    var batch: [Issue] = []
                    batch.reserveCapacity(options.batchSize)
                    while batch.count < options.batchSize {
                        guard let issue = try await iterator.next() else {
                            exhausted = true
                            break
                        }
                        batch.append(issue)
                    }
                    if batch.isEmpty { break }
                    statistics.issuesRead += batch.count
                    let index = nextBatch
                    nextBatch += 1
                    inFlight += 1
                    group.addTask {
                        (index, try await RuleEngine.evaluate(batch, rules: rules, now: now, keepMatchedIssues: keep,
                                                      commentsForMatches: attach, reportedFields: reported,
                                                      reviewsCarryTime: reviewsCarryTime, loader: loader))
                    }
                }
                guard inFlight > 0, let (index, outcomes) = try await group.next() else { break }
                inFlight -= 1
                finished[index] = outcomes
                while let ready = finished.removeValue(forKey: nextToEmit) {
                    for outcome in ready {
                        statistics.matches += outcome.matchedRules.count
                        statistics.errors += outcome.errors.count
                        if !outcome.isFullyEvaluated { statistics.notEvaluated += 1 }
                        try await handle(outcome)
                    }
                    nextToEmit += 1
                }
            }
            try Task.checkCancellation()
        }
        statistics.lazyLoads = loader.loads
        return statistics
    }

    /// Evaluates every rule on every issue of a batch. Rules without lazy fields run as plain
    /// synchronous closures; the others load what they reach through `loader`. Throws
    /// `CancellationError` (a load that fails because the run was cancelled is no per-issue error)
    /// and a failure to read the comments `commentsForMatches` asked for.
    static func evaluate(_ batch: [Issue], rules: [Rule], now: Timestamp, keepMatchedIssues: Bool = false,
                         commentsForMatches: (@Sendable ([Int]) -> Bool)? = nil, reportedFields: [IssueField] = [],
                         reviewsCarryTime: Bool = true, loader: some IssueDataLoader) async throws -> [IssueOutcome] {
        var outcomes: [IssueOutcome] = []
        outcomes.reserveCapacity(batch.count)
        let frame = EvaluationFrame(now: now, reviewsCarryTime: reviewsCarryTime)
        let conditions = rules.map(\.condition)
        let lazyRules = conditions.indices.filter { conditions[$0].usesLazyData }
        let failedLoads = FailedLoads()
        let issueLoader = FailureRememberingLoader(base: loader, failures: failedLoads)
        for issueIndex in batch.indices {
            // A report issue (SPEC §8) lists matches; it is never one itself.
            if ReportMarker.isCarried(by: batch[issueIndex].body) {
                outcomes.append(IssueOutcome(issue: IssueReference(batch[issueIndex]), matchedRules: [], errors: []))
                continue
            }
            frame.prepare(for: batch[issueIndex])
            var matched: [Int] = []
            var errors: [RuleEvaluationError] = []
            var notEvaluated: [Int] = []
            // Synchronous rules read the issue in place through a pointer: passing an `Issue` by
            // value to a closure copies it (see EvaluationFrame).
            batch.withUnsafeBufferPointer { issues in
                let issue = issues.baseAddress! + issueIndex
                for index in conditions.indices where !conditions[index].usesLazyData {
                    do throws(EvaluationInterrupt) {
                        if try conditions[index].evaluateSynchronously(at: issue, in: frame) { matched.append(index) }
                    } catch {
                        // Without lazy fields the only interruption is a failure (a regex gave up).
                        let message = if case let .failed(text) = error { text } else { "\(error)" }
                        errors.append(RuleEvaluationError(rule: rules[index].name, number: issues[issueIndex].number, message: message,
                                                          repo: issues[issueIndex].repo))
                    }
                }
            }
            if !lazyRules.isEmpty || commentsForMatches != nil { failedLoads.reset() }
            if !lazyRules.isEmpty {
                for index in lazyRules {
                    do {
                        if try await conditions[index].evaluate(batch[issueIndex], in: frame, loader: issueLoader) { matched.append(index) }
                    } catch is RequestBudgetExhausted {
                        notEvaluated.append(index)
                    } catch {
                        if Task.isCancelled { throw CancellationError() }
                        errors.append(RuleEvaluationError(rule: rules[index].name, number: batch[issueIndex].number, message: "\(error)",
                                                          repo: batch[issueIndex].repo))
                    }
                }
                matched.sort()
            }
            var outcome = IssueOutcome(issue: IssueReference(batch[issueIndex]), matchedRules: matched, errors: errors)
            outcome.notEvaluatedRules = notEvaluated
            if !reportedFields.isEmpty && !matched.isEmpty {
                for field in reportedFields {
                    outcome.fieldValues[field] = field.descriptor.loadedValue(of: batch[issueIndex], in: frame)
                }
            }
            if keepMatchedIssues && !matched.isEmpty {
                outcome.matchedIssue = batch[issueIndex]
                outcome.loadedComments = frame.comments
                // With an error the run fails and plans nothing: no fetch for it.
                if let commentsForMatches, errors.isEmpty, notEvaluated.isEmpty, commentsForMatches(matched) {
                    try await attachComments(to: &outcome, of: batch[issueIndex], loader: issueLoader)
                }
            }
            outcomes.append(outcome)
        }
        return outcomes
    }
}

extension RuleEngine {
    /// Puts the issue's comments on its outcome: embedded or already loaded by evaluation, else
    /// loaded now through the run's loader. A source without comments marks the outcome instead of
    /// failing (a dry run goes on); any other failure ends the run, as a failing stream does.
    static func attachComments(to outcome: inout IssueOutcome, of issue: Issue, loader: some IssueDataLoader) async throws {
        if let known = issue.embeddedComments ?? outcome.loadedComments {
            outcome.loadedComments = known
            return
        }
        guard issue.comments > 0 else {
            outcome.loadedComments = []
            return
        }
        do {
            outcome.loadedComments = try await loader.comments(of: issue)
        } catch is LazyDataUnavailable {
            outcome.commentsUnavailable = true
        } catch is RequestBudgetExhausted {
            outcome.commentsNotRead = true
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }
}

/// Lazy data from the provider, with bounded concurrency and a count of fetches.
struct ProviderDataLoader<Provider: IssueProvider>: IssueDataLoader {
    let provider: Provider
    let limiter: AsyncLimiter
    private let counter = Counter()

    init(provider: Provider, limiter: AsyncLimiter) {
        self.provider = provider
        self.limiter = limiter
    }

    var loads: Int { counter.value }

    func comments(of issue: Issue) async throws -> [IssueComment] {
        counter.increment()
        return try await limiter.run { try await provider.loadComments(of: issue) }
    }

    func labelEvents(of issue: Issue) async throws -> [LabelEvent] {
        counter.increment()
        return try await limiter.run { try await provider.loadLabelEvents(of: issue) }
    }

    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        counter.increment()
        return try await limiter.run { try await provider.loadLazyData(kind, of: issue) }
    }
}

/// The lazy-data fetches that failed for the issue being evaluated. The frame keeps what loaded;
/// this keeps what did not, so a second rule reaching the same data gets the same error instead of
/// a second request (SPEC §1: at most once per issue per run).
final class FailedLoads: Sendable {
    private let errors = Mutex<[LazyDataKind: any Error]>([:])
    func reset() { errors.withLock { if !$0.isEmpty { $0.removeAll() } } }
    func error(for kind: LazyDataKind) -> (any Error)? { errors.withLock { $0[kind] } }
    func record(_ error: any Error, for kind: LazyDataKind) { errors.withLock { $0[kind] = error } }
}

/// `base`, except that a fetch that failed for this issue fails again without being repeated.
struct FailureRememberingLoader<Base: IssueDataLoader>: IssueDataLoader {
    let base: Base
    let failures: FailedLoads

    func comments(of issue: Issue) async throws -> [IssueComment] {
        if let error = failures.error(for: .comments) { throw error }
        do {
            return try await base.comments(of: issue)
        } catch {
            failures.record(error, for: .comments)
            throw error
        }
    }

    func labelEvents(of issue: Issue) async throws -> [LabelEvent] {
        if let error = failures.error(for: .labelEvents) { throw error }
        do {
            return try await base.labelEvents(of: issue)
        } catch {
            failures.record(error, for: .labelEvents)
            throw error
        }
    }

    func lazyData(_ kind: LazyDataKind, of issue: Issue) async throws -> LazyData {
        if let error = failures.error(for: kind) { throw error }
        do {
            return try await base.lazyData(kind, of: issue)
        } catch {
            failures.record(error, for: kind)
            throw error
        }
    }
}

/// A thread-safe counter.
final class Counter: Sendable {
    private let storage = Mutex(0)
    func increment() { storage.withLock { $0 += 1 } }
    var value: Int { storage.withLock { $0 } }
}
