/// A rule condition compiled once into closures, ready to evaluate on many issues.
///
/// Conditions that read no lazy field evaluate synchronously (`evaluateSynchronously`), which was
/// measured about 3x cheaper than an async call per issue. Conditions with lazy fields evaluate
/// through `evaluate(in:loader:)`, which loads what evaluation actually reaches and retries.
///
/// A class, so that the engine's per-evaluation access to it costs at most one reference count: as a
/// struct holding the checked tree, every call copied it (profiled as the top cost of 50-rule runs).
public final class CompiledCondition: Sendable {
    public let checked: CheckedExpression
    let predicate: Predicate

    /// Whether evaluation may need lazy data (comments, label events, reviews, …) from the provider.
    public let usesLazyData: Bool

    public init(_ checked: CheckedExpression) {
        self.checked = checked
        usesLazyData = checked.usesLazyData
        predicate = Compiler().compileBool(checked)
    }

    /// Evaluates `issue` without loading anything. Throws `EvaluationInterrupt` when the condition
    /// reaches a lazy field whose data neither the issue nor the frame holds.
    public func evaluateSynchronously(_ issue: Issue, in frame: EvaluationFrame) throws(EvaluationInterrupt) -> Bool {
        try withUnsafePointer(to: issue) { (pointer) throws(EvaluationInterrupt) in try predicate(pointer, frame) }
    }

    /// The fast path: `issue` points at an issue that stays alive and unchanged during the call
    /// (e.g. an element of a batch held in `withUnsafeBufferPointer`).
    @inline(__always)
    public func evaluateSynchronously(at issue: UnsafePointer<Issue>, in frame: EvaluationFrame) throws(EvaluationInterrupt) -> Bool {
        try predicate(issue, frame)
    }

    /// Evaluates `issue`, loading lazy data through `loader` only when evaluation reaches it (each
    /// kind at most once per frame).
    public func evaluate(_ issue: Issue, in frame: EvaluationFrame, loader: some IssueDataLoader) async throws -> Bool {
        while true {
            do {
                return try evaluateSynchronously(issue, in: frame)
            } catch {
                try await Compiler.handle(error, for: issue, into: frame, loader: loader)
            }
        }
    }

    /// `evaluateSynchronously` on the issue the frame was bound to with `init(issue:now:)`.
    public func evaluateSynchronously(in frame: EvaluationFrame) throws(EvaluationInterrupt) -> Bool {
        try evaluateSynchronously(Compiler.boundIssue(frame), in: frame)
    }

    /// `evaluate` on the issue the frame was bound to with `init(issue:now:)`.
    public func evaluate(in frame: EvaluationFrame, loader: some IssueDataLoader) async throws -> Bool {
        try await evaluate(Compiler.boundIssue(frame), in: frame, loader: loader)
    }
}

extension Compiler {
    /// Loads one kind of lazy data into the frame (an already loaded kind is an internal error: the
    /// compiled code asked again for what it has).
    /// Loads what an interrupted evaluation needs, or turns a failure into an error.
    static func handle(_ interrupt: EvaluationInterrupt, for issue: Issue, into frame: EvaluationFrame, loader: some IssueDataLoader) async throws {
        switch interrupt {
        case let .needsData(kind): try await load(kind, for: issue, into: frame, loader: loader)
        case let .failed(message): throw EvaluationFailure(message: message)
        }
    }

    static func load(_ kind: LazyDataKind, for issue: Issue, into frame: EvaluationFrame, loader: some IssueDataLoader) async throws {
        switch kind {
        case .comments:
            precondition(frame.comments == nil, "comments requested twice")
            frame.provide(comments: try await loader.comments(of: issue))
        case .labelEvents:
            precondition(frame.labelEvents == nil, "label events requested twice")
            frame.provide(labelEvents: try await loader.labelEvents(of: issue))
        case .reviews, .linkedPulls, .checks:
            precondition(!frame.holds(kind), "\(kind.rawValue) requested twice")
            let data = try await loader.lazyData(kind, of: issue)
            precondition(data.kind == kind, "asked for \(kind.rawValue), loaded \(data.kind.rawValue)")
            frame.provide(data)
        }
    }

    static func boundIssue(_ frame: EvaluationFrame) -> Issue {
        guard let issue = frame.issue else { preconditionFailure("the frame is bound to no issue; use init(issue:now:) or pass the issue") }
        return issue
    }

    /// Evaluates any checked expression on the frame's issue, loading lazy data as needed (for `explain`).
    public static func evaluateValue(_ expression: CheckedExpression, in frame: EvaluationFrame, loader: some IssueDataLoader) async throws -> Value {
        let evaluator = Compiler().compileValue(expression)
        let issue = boundIssue(frame)
        while true {
            do {
                return try withUnsafePointer(to: issue) { (pointer) throws(EvaluationInterrupt) in try evaluator(pointer, frame) }
            } catch {
                try await handle(error, for: issue, into: frame, loader: loader)
            }
        }
    }
}
