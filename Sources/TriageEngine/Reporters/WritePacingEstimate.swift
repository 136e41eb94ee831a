/// How long a plan's writes take at least when the source paces them (`--write-interval`): the
/// dry-run summaries say it ("107 writes, about 1m47s at 1 write/s") so nobody is surprised by
/// a run that takes minutes on purpose.
public struct WritePacingEstimate: Sendable, Equatable {
    public var writes: Int
    /// Least time between two writes, in seconds; 0 when the source does not pace writes.
    public var intervalSeconds: Double

    public init(writes: Int, intervalSeconds: Double) {
        self.writes = writes
        self.intervalSeconds = max(0, intervalSeconds)
    }

    /// About the least time the writes take, in seconds: one interval per write.
    public var seconds: Double { Double(max(0, writes)) * intervalSeconds }

    /// "about 1m47s at 1 write/s"; nil when there is nothing to wait for.
    public var phrase: String? {
        guard writes > 0, intervalSeconds > 0 else { return nil }
        return "about \(Self.duration(seconds)) at \(rate)"
    }

    /// "1 write/s", "2 writes/s", "1 write every 5s".
    var rate: String {
        if intervalSeconds >= 1 {
            return intervalSeconds == 1 ? "1 write/s" : "1 write every \(Self.duration(intervalSeconds))"
        }
        let perSecond = (1 / intervalSeconds * 10).rounded() / 10
        let number = perSecond == perSecond.rounded() ? "\(Int(perSecond))" : "\(perSecond)"
        return "\(number) writes/s"
    }

    /// "45s", "1m47s", "2h5m": whole seconds, the two largest units.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let hours = total / 3600, minutes = total % 3600 / 60, rest = total % 60
        if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
        if minutes > 0 { return rest > 0 ? "\(minutes)m\(rest)s" : "\(minutes)m" }
        return "\(rest)s"
    }
}
