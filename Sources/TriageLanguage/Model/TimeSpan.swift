/// A signed length of time with millisecond precision: the language's `duration` type.
///
/// Named `TimeSpan` so it never collides with the standard library's `Duration`.
public struct TimeSpan: Hashable, Comparable, Sendable {
    public var milliseconds: Int64

    public init(milliseconds: Int64) { self.milliseconds = milliseconds }

    public static func seconds(_ value: Int64) -> TimeSpan { TimeSpan(milliseconds: value * 1000) }
    public static func minutes(_ value: Int64) -> TimeSpan { .seconds(value * 60) }
    public static func hours(_ value: Int64) -> TimeSpan { .seconds(value * 3600) }
    public static func days(_ value: Int64) -> TimeSpan { .seconds(value * 86_400) }

    public static func < (lhs: TimeSpan, rhs: TimeSpan) -> Bool { lhs.milliseconds < rhs.milliseconds }
    public static func + (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(milliseconds: lhs.milliseconds &+ rhs.milliseconds) }
    public static func - (lhs: TimeSpan, rhs: TimeSpan) -> TimeSpan { TimeSpan(milliseconds: lhs.milliseconds &- rhs.milliseconds) }
    public static prefix func - (value: TimeSpan) -> TimeSpan { TimeSpan(milliseconds: 0 &- value.milliseconds) }

    /// Canonical source form, largest units first: `1d12h`, `90m`, `0s`, `-7d`, `14d`.
    public var sourceText: String {
        if milliseconds == 0 { return "0s" }
        var rest = milliseconds.magnitude
        var text = milliseconds < 0 ? "-" : ""
        // Days are the largest unit printed: rule authors write `14d` far more often than `2w`.
        let units: [(UInt64, String)] = [(86_400_000, "d"), (3_600_000, "h"), (60_000, "m"), (1000, "s"), (1, "ms")]
        for (size, suffix) in units where rest >= size {
            text += "\(rest / size)\(suffix)"
            rest %= size
        }
        return text
    }

    /// Whole and fractional days, as comment templates render durations (`14` or `1.5`).
    public var daysText: String {
        let tenths = milliseconds * 10 / 86_400_000
        return tenths % 10 == 0 ? String(tenths / 10) : "\(tenths / 10).\((tenths % 10).magnitude)"
    }
}
