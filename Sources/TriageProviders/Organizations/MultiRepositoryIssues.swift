public import TriageEngine
public import TriageLanguage

/// The issues of several repositories as one stream, repositories in name order and each
/// repository's issues in its own order, whatever the concurrency (SPEC §7).
///
/// Per-repository walks: at most `concurrency` repositories are read at once (started and not yet
/// handed out); each is read whole, then handed out in name order. A repository that fails is
/// recorded in the roster and contributes no issue; the others go on.
///
/// Combined listing (a GitLab group's issue and merge-request lists, from the API or the cache): read whole, then regrouped
/// by repository, stably, so each repository keeps the listing's order. A failure fails the run.
public struct MultiRepositoryIssues<Member: IssueProvider>: AsyncSequence, Sendable {
    public typealias Element = Issue

    enum Walk: Sendable {
        case repositories(list: @Sendable () async throws -> [String], concurrency: Int)
        case combined(IssueListing)
    }

    let walk: Walk
    let roster: RepositoryRoster<Member>
    let query: IssueQuery

    public func makeAsyncIterator() -> Iterator { Iterator(sequence: self) }

    public final class Iterator: AsyncIteratorProtocol {
        private let sequence: MultiRepositoryIssues
        /// Repositories not started yet; nil until the list has been read.
        private var pending: ArraySlice<String>?
        private var inFlight: [Task<[Issue], any Error>] = []
        private var buffer: [Issue] = []
        private var index = 0
        private var finished = false

        init(sequence: MultiRepositoryIssues) {
            self.sequence = sequence
        }

        deinit {
            for task in inFlight { task.cancel() }
        }

        public func next() async throws -> Issue? {
            while index >= buffer.count {
                guard !finished else { return nil }
                if pending == nil { try await begin() }
                guard !inFlight.isEmpty else {
                    finished = true
                    return nil
                }
                let task = inFlight.removeFirst()
                do {
                    buffer = try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
                } catch {
                    finished = true
                    for other in inFlight { other.cancel() }
                    inFlight.removeAll()
                    throw error
                }
                index = 0
                startMore()
            }
            defer { index += 1 }
            return buffer[index]
        }

        private func begin() async throws {
            switch sequence.walk {
            case let .repositories(list, _):
                do {
                    pending = try await list()[...]
                } catch is RequestBudgetExhausted {
                    // `--max-requests` spent before the repositories were listed: none is read.
                    pending = []
                }
                startMore()
            case let .combined(listing):
                pending = []
                inFlight.append(Task {
                    // Regrouped by repository, each keeping its listing order; only the repository
                    // names are sorted (not every issue, lowercasing at each comparison).
                    var byRepository: [String: [Issue]] = [:]
                    for try await issue in listing { byRepository[issue.repo, default: []].append(issue) }
                    return byRepository.keys.sorted(by: RepositoryOrder.precedes).flatMap { byRepository[$0] ?? [] }
                })
            }
        }

        private func startMore() {
            guard case let .repositories(_, concurrency) = sequence.walk else { return }
            while inFlight.count < concurrency, let name = pending?.popFirst() {
                let roster = sequence.roster, query = sequence.query
                inFlight.append(Task {
                    do {
                        let member = try roster.member(name)
                        var issues: [Issue] = []
                        for try await var issue in member.issues(matching: query) {
                            issue.repo = name
                            issues.append(issue)
                        }
                        return issues
                    } catch {
                        if error is CancellationError || Task.isCancelled { throw CancellationError() }
                        roster.recordFailure(RepositoryFailure(repository: name, message: "\(error)"))
                        return []
                    }
                })
            }
        }
    }
}
