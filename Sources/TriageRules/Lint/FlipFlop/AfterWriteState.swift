import TriageLanguage

/// The issue right after one rule (the writer) wrote to it, as far as the flip-flop check knows it:
/// the write's effects, what the writer's own condition said about elapsed times when it matched,
/// and the time the next run may come. Decides a condition of another rule as true, false or
/// unknown (nil); unknown is the answer for anything it does not understand.
struct AfterWriteState {
    let effects: WriteEffects
    /// Bounds on `age`, `human_idle` and `label_age("…")` when the writer matched, keyed by their
    /// source text, from its conjuncts that compare them with a duration literal.
    private var evaluatedBounds: [String: AfterWriteQuantity.ClosedInterval] = [:]
    /// The whole list of labels (or assignees) after the write, when the writer required it empty
    /// (`len(labels) == 0`, `assignees == []`): then it holds exactly what the write added.
    private var exactLists: [IssueField: Set<String>] = [:]
    /// The fewest labels (or assignees) the issue can have after the write: one, when an unchanged
    /// conjunct of the writer requires some label (`"bug" in labels`, `any(labels, …)`).
    private var shortestLists: [IssueField: Int] = [:]

    /// How long ago the check assumes a person acted when a condition that only a person's activity
    /// makes true (`human_idle < label_age("x")`) matched: rules run at least daily.
    static let runInterval: Int64 = 86_400_000

    init(writer conjuncts: [CheckedExpression], effects: WriteEffects) {
        self.effects = effects
        for conjunct in conjuncts {
            learnBound(from: conjunct.unwrapped)
            if let field = Self.emptyList(conjunct.unwrapped) {
                exactLists[field] = field == .labels ? effects.addedLabels : effects.addedAssignees
            }
            if effects.leavesUnchanged(conjunct), let field = Self.nonEmptyList(conjunct.unwrapped) { shortestLists[field] = 1 }
        }
        for (field, added) in [(IssueField.labels, effects.addedLabels), (.assignees, effects.addedAssignees)] {
            shortestLists[field] = max(shortestLists[field] ?? 0, added.count)
        }
        // Any activity moves `updated`, a person's too, so `human_idle` was at least `idle`.
        if let idle = evaluatedBounds["idle"] {
            evaluatedBounds["human_idle", default: .nonNegative] = evaluatedBounds["human_idle", default: .nonNegative]
                .intersected(with: AfterWriteQuantity.ClosedInterval(low: idle.low, high: nil))
        }
    }

    private mutating func learnBound(from conjunct: CheckedExpression) {
        guard case let .binary(op, left, right) = conjunct.node, let comparison = Self.comparison(op) else { return }
        for (subject, other, op) in [(left, right, comparison), (right, left, comparison.mirrored)] {
            let subject = subject.unwrapped
            guard Self.isBoundable(subject) else { continue }
            if case let .literal(.duration(span)) = other.unwrapped.node {
                let value = span.milliseconds
                let bound: AfterWriteQuantity.ClosedInterval = switch op {
                case .greater, .greaterOrEqual: .init(low: value, high: nil)
                case .less, .lessOrEqual: .init(low: nil, high: value)
                case .equal: .init(low: value, high: value)
                case .notEqual: .nonNegative
                }
                evaluatedBounds[subject.sourceText, default: .nonNegative] = evaluatedBounds[subject.sourceText, default: .nonNegative].intersected(with: bound)
            } else if case .field(.humanIdle) = subject.node, op == .less || op == .lessOrEqual, case .call(.labelAge, _) = other.unwrapped.node {
                // `human_idle < label_age("x")` turns true only when a person acts after the label
                // was added (both sides grow alike otherwise), and the rule matched on the next run
                // after that (an assumption: if another conjunct turned true later, this is wrong).
                evaluatedBounds["human_idle", default: .nonNegative] = evaluatedBounds["human_idle", default: .nonNegative]
                    .intersected(with: .init(low: nil, high: Self.runInterval))
            }
        }
    }

    /// The list field `conjunct` requires empty: `len(labels) == 0`, `labels == []`.
    private static func emptyList(_ conjunct: CheckedExpression) -> IssueField? {
        guard case let .binary(.equal, left, right) = conjunct.node else { return nil }
        for (subject, other) in [(left.unwrapped, right.unwrapped), (right.unwrapped, left.unwrapped)] {
            var list = subject
            if case .literal(.int(0)) = other.node, case let .call(.len, arguments) = subject.node, let argument = arguments.first {
                list = argument.unwrapped
            } else {
                switch other.node {
                case .literal(.strings([])), .list([]): break
                default: continue
                }
            }
            if case let .field(field) = list.node, field == .labels || field == .assignees { return field }
        }
        return nil
    }

    /// The list field `conjunct` requires to have an element: `"bug" in labels`, `any(labels, …)`.
    private static func nonEmptyList(_ conjunct: CheckedExpression) -> IssueField? {
        if let (_, field, mustBeIn) = WriteEffects.membership(conjunct), mustBeIn { return field }
        if case let .call(.any, arguments) = conjunct.node, case let .field(field)? = arguments.first?.unwrapped.node,
           field == .labels || field == .assignees {
            return field
        }
        return nil
    }

    /// `age`, `idle`, `human_idle`, `label_age("…")`: durations that only grow until something resets them.
    private static func isBoundable(_ expression: CheckedExpression) -> Bool {
        switch expression.node {
        case .field(.age), .field(.idle), .field(.humanIdle): true
        case let .call(.labelAge, arguments): if case .literal(.string) = arguments.first?.unwrapped.node { true } else { false }
        default: false
        }
    }

    // MARK: Truth

    /// Whether `expression` holds on the issue right after the write: true, false, or nil (unknown).
    func truth(of expression: CheckedExpression) -> Bool? {
        ThreeValuedLogic.truth(of: expression, leaf: leafTruth)
    }

    /// The truth of a node that is no boolean literal, `not`, `and` or `or`.
    private func leafTruth(_ expression: CheckedExpression) -> Bool? {
        switch expression.node {
        case .field(.locked):
            return effects.locked
        case let .binary(op, left, right):
            return truth(of: op, left.unwrapped, right.unwrapped)
        case let .call(function, arguments) where function == .any || function == .none || function == .all:
            guard arguments.count == 2, case let .field(field) = arguments[0].unwrapped.node, let names = exactLists[field],
                  case let .lambda(parameter, body) = arguments[1].node
            else { return nil }
            let tests = names.map { LambdaTest(parameter: parameter, value: $0).truth(of: body) }
            let any: Bool? = tests.contains(true) ? true : (tests.allSatisfy { $0 == false } ? false : nil)
            switch function {
            case .any: return any
            case .none: return any.map(!)
            default: return tests.contains(false) ? false : (tests.allSatisfy { $0 == true } ? true : nil)
            }
        default:
            return nil
        }
    }

    private func truth(of op: BinaryOperator, _ left: CheckedExpression, _ right: CheckedExpression) -> Bool? {
        if let (name, field, mustBeIn) = WriteEffects.membership(op, left, right) {
            let (added, removed) = field == .labels ? (effects.addedLabels, effects.removedLabels) : (effects.addedAssignees, effects.removedAssignees)
            if added.contains(name) { return mustBeIn }
            if removed.contains(name) { return !mustBeIn }
            return exactLists[field].map { $0.contains(name) == mustBeIn }
        }
        if op == .equal || op == .notEqual {
            // `labels == []` is `len(labels) == 0`.
            for (subject, other) in [(left, right), (right, left)] {
                guard case let .field(field) = subject.node, field == .labels || field == .assignees, let length = length(of: field) else { continue }
                switch other.node {
                case .literal(.strings([])), .list([]):
                    return length.compare(op == .equal ? .equal : .notEqual, .constant(0, .number))
                default:
                    continue
                }
            }
            for (subject, other) in [(left, right), (right, left)] {
                guard case let .field(field) = subject.node, case let .literal(value) = other.node else { continue }
                let written: Value? = switch field {
                case .state: effects.state.map(Value.string)
                case .milestone: effects.milestone.map(Value.string)
                case .locked: effects.locked.map(Value.bool)
                default: nil
                }
                guard let written else { continue }
                return (written == value) == (op == .equal)
            }
        }
        guard let comparison = Self.comparison(op), let lhs = quantity(of: left), let rhs = quantity(of: right), lhs.kind == rhs.kind else { return nil }
        return lhs.compare(comparison, rhs)
    }

    private static func comparison(_ op: BinaryOperator) -> AfterWriteQuantity.ComparisonOperator? {
        switch op {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }

    // MARK: Quantities

    /// The value of a number, duration or time expression right after the write, or nil.
    func quantity(of expression: CheckedExpression) -> AfterWriteQuantity? {
        let expression = expression.unwrapped
        switch expression.node {
        case let .literal(.int(value)):
            return .constant(Int64(value), .number)
        case let .literal(.duration(span)):
            return .constant(span.milliseconds, .duration)
        case .now:
            return .constant(0, .time)
        case let .negate(operand):
            return quantity(of: operand).map { -$0 }
        case let .binary(op, left, right) where op == .plus || op == .minus:
            guard let lhs = quantity(of: left), let rhs = quantity(of: right) else { return nil }
            return op == .plus ? lhs + rhs : lhs - rhs
        case let .field(field):
            return quantity(of: field, expression)
        case let .call(.labelAge, arguments):
            guard case let .literal(.string(name)) = arguments.first?.unwrapped.node else { return nil }
            if effects.addedLabels.contains(name) { return .sinceWrite }
            // A label the write removed has no age: every ordering with it is false.
            if effects.removedLabels.contains(name) { return AfterWriteQuantity(kind: .duration, slope: 0, low: nil, high: nil, mayBeNull: true) }
            var value = AfterWriteQuantity.grown(from: bound(expression))
            value.mayBeNull = true
            return value
        case let .call(.len, arguments):
            guard case let .field(field) = arguments.first?.unwrapped.node, field == .labels || field == .assignees else { return nil }
            return length(of: field)
        default:
            return nil
        }
    }

    /// How many labels or assignees the issue has after the write, as far as known.
    private func length(of field: IssueField) -> AfterWriteQuantity? {
        if let names = exactLists[field] { return .constant(Int64(names.count), .number) }
        guard let shortest = shortestLists[field], shortest > 0 else { return nil }
        return AfterWriteQuantity(kind: .number, slope: 0, low: Int64(shortest), high: nil)
    }

    private func quantity(of field: IssueField, _ expression: CheckedExpression) -> AfterWriteQuantity? {
        switch field {
        case .idle:
            return effects.writes ? .sinceWrite : nil
        case .updated:
            return effects.writes ? -AfterWriteQuantity.sinceWrite.asTime : nil
        case .closed:
            return effects.state == "closed" ? -AfterWriteQuantity.sinceWrite.asTime : nil
        case .age, .humanIdle:
            return AfterWriteQuantity.grown(from: bound(expression))
        default:
            return nil
        }
    }

    private func bound(_ expression: CheckedExpression) -> AfterWriteQuantity.ClosedInterval {
        evaluatedBounds[expression.sourceText, default: .nonNegative].intersected(with: .nonNegative)
    }
}

extension AfterWriteQuantity {
    /// The same distance, as a time's offset from `now` once negated.
    var asTime: AfterWriteQuantity {
        var time = self
        time.kind = .time
        return time
    }
}

extension AfterWriteQuantity.ComparisonOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    var mirrored: Self {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .equal, .notEqual: self
        }
    }
}
