/// A number, duration or time on the issue right after a rule's write, as far as the flip-flop check
/// knows it: `slope · w + [low, high]`, where `w` is the time from the write to the next run
/// (0 ≤ w ≤ `AfterWriteQuantity.nextRunBound`). Durations and ints are in milliseconds (ints as
/// they are); a time is kept as its offset from `now`, negative in the past (`updated` right after a
/// write is `-w`), so a difference of two times, or of a time and `now`, is a duration like any other.
///
/// The slope keeps what interval arithmetic alone would lose: `idle` and `label_age("stale")` both
/// start at the write and grow together, so `idle + 1h < label_age("stale")` stays false however
/// long the next run waits.
struct AfterWriteQuantity: Hashable, Sendable {
    enum Kind: Hashable, Sendable { case number, duration, time }

    var kind: Kind
    var slope: Int64
    /// nil: unbounded below.
    var low: Int64?
    /// nil: unbounded above.
    var high: Int64?
    /// The value may be null (`label_age` of a label that may be absent): then an ordering or `==`
    /// is false and `!=` true, whatever the bounds say.
    var mayBeNull = false

    /// How late the check assumes the next run comes after a write: runs scheduled hourly, or a
    /// webhook event the write itself triggers.
    static let nextRunBound: Int64 = 3_600_000
    /// How far apart one rule's writes to one issue in one run may be (a label, then a comment).
    static let writeSpread: Int64 = 60_000
    /// How long before a write the issue was read, at most (the run's evaluation before its writes).
    static let evaluationLead: Int64 = 60_000

    static func constant(_ value: Int64, _ kind: Kind) -> AfterWriteQuantity {
        AfterWriteQuantity(kind: kind, slope: 0, low: value, high: value)
    }

    /// The time since this run's write: `idle`, and `label_age` of a label the write added.
    static let sinceWrite = AfterWriteQuantity(kind: .duration, slope: 1, low: -writeSpread, high: 0)

    /// Something that was `pre` (a duration counted up from a moment before the write, such as
    /// `age` or `human_idle`) when the rule was evaluated, one write later.
    static func grown(from pre: ClosedInterval, kind: Kind = .duration) -> AfterWriteQuantity {
        // A bound near the largest duration would overflow: it is dropped (unbounded) instead.
        AfterWriteQuantity(kind: kind, slope: 1, low: pre.low, high: add(pre.high, evaluationLead))
    }

    /// Bounds in milliseconds; nil sides are unbounded.
    struct ClosedInterval: Hashable, Sendable {
        var low: Int64?
        var high: Int64?
        static let nonNegative = ClosedInterval(low: 0, high: nil)

        func intersected(with other: ClosedInterval) -> ClosedInterval {
            ClosedInterval(low: [low, other.low].compactMap { $0 }.max(), high: [high, other.high].compactMap { $0 }.min())
        }
    }

    static func + (lhs: AfterWriteQuantity, rhs: AfterWriteQuantity) -> AfterWriteQuantity {
        let kind: Kind = lhs.kind == .time || rhs.kind == .time ? .time : lhs.kind
        // A slope that overflows makes every bound meaningless: nothing is known then.
        let (slope, overflow) = lhs.slope.addingReportingOverflow(rhs.slope)
        return AfterWriteQuantity(kind: kind, slope: overflow ? 0 : slope, low: overflow ? nil : add(lhs.low, rhs.low),
                                  high: overflow ? nil : add(lhs.high, rhs.high), mayBeNull: lhs.mayBeNull || rhs.mayBeNull)
    }

    static prefix func - (value: AfterWriteQuantity) -> AfterWriteQuantity {
        AfterWriteQuantity(kind: value.kind, slope: negated(value.slope) ?? 0, low: value.high.flatMap(negated), high: value.low.flatMap(negated),
                           mayBeNull: value.mayBeNull)
    }

    static func - (lhs: AfterWriteQuantity, rhs: AfterWriteQuantity) -> AfterWriteQuantity {
        var difference = lhs + -rhs
        difference.kind = lhs.kind == .time && rhs.kind == .time ? .duration : (lhs.kind == .time ? .time : lhs.kind)
        return difference
    }

    /// Bounds that overflow are dropped (unbounded), which only ever makes the check less sure.
    private static func add(_ a: Int64?, _ b: Int64?) -> Int64? {
        guard let a, let b else { return nil }
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : sum
    }

    private static func negated(_ value: Int64) -> Int64? {
        value == .min ? nil : -value
    }

    /// The smallest and largest value over every `w` the next run may come at.
    var range: ClosedInterval {
        let (spread, overflow) = slope.multipliedReportingOverflow(by: Self.nextRunBound)
        if overflow { return ClosedInterval(low: nil, high: nil) }
        return ClosedInterval(low: Self.add(low, min(0, spread)), high: Self.add(high, max(0, spread)))
    }

    /// Whether `self op other` holds for every value (true), for none (false), or is undecided.
    func compare(_ op: ComparisonOperator, _ other: AfterWriteQuantity) -> Bool? {
        let bounds = (self - other).range
        let decided: Bool? = switch op {
        case .less: bounds.high.map { $0 < 0 } == true ? true : (bounds.low.map { $0 >= 0 } == true ? false : nil)
        case .lessOrEqual: bounds.high.map { $0 <= 0 } == true ? true : (bounds.low.map { $0 > 0 } == true ? false : nil)
        case .greater: bounds.low.map { $0 > 0 } == true ? true : (bounds.high.map { $0 <= 0 } == true ? false : nil)
        case .greaterOrEqual: bounds.low.map { $0 >= 0 } == true ? true : (bounds.high.map { $0 < 0 } == true ? false : nil)
        case .equal: (bounds.low.map { $0 > 0 } == true || bounds.high.map { $0 < 0 } == true) ? false : (bounds.low == 0 && bounds.high == 0 ? true : nil)
        case .notEqual: (bounds.low.map { $0 > 0 } == true || bounds.high.map { $0 < 0 } == true) ? true : (bounds.low == 0 && bounds.high == 0 ? false : nil)
        }
        guard mayBeNull || other.mayBeNull else { return decided }
        // A null operand makes an ordering or `==` false and `!=` true: only that answer survives.
        return op == .notEqual ? (decided == true ? true : nil) : (decided == false ? false : nil)
    }

    /// The comparisons the check decides.
    enum ComparisonOperator: Hashable, Sendable {
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
    }
}
