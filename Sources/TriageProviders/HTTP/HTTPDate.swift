import TriageLanguage

/// The HTTP `Date` header (IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`): the server's clock, which
/// incremental sync uses so that a skewed local clock cannot make it miss an update.
enum HTTPDate {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func parse(_ text: String) -> Timestamp? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int(parts[1]), let monthIndex = months.firstIndex(of: String(parts[2])),
              let year = Int(parts[3]) else { return nil }
        let time = parts[4].split(separator: ":").compactMap { Int($0) }
        guard time.count == 3 else { return nil }
        return Timestamp(year: year, month: monthIndex + 1, day: day, hour: time[0], minute: time[1], second: time[2])
    }

    /// `timestamp` as IMF-fixdate (seconds; what servers send).
    static func format(_ timestamp: Timestamp) -> String {
        let seconds = timestamp.millisecondsSinceEpoch / 1000
        let days = Int(seconds / 86_400), rest = Int(seconds % 86_400)
        let names = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let rfc = timestamp.rfc3339
        let year = rfc.prefix(4), month = Int(rfc.dropFirst(5).prefix(2)) ?? 1, day = rfc.dropFirst(8).prefix(2)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(names[days % 7]), \(day) \(months[month - 1]) \(year) \(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60)) GMT"
    }
}
