import ArgumentParser

/// A time option's value (SPEC §6, "Conventions"): `90s`, `15m`, `24h`, `1d`, or a bare integer
/// meaning seconds. Help shows the default the way a user would write it (`15m`), not in seconds.
struct DurationArgument: ExpressibleByArgument, Hashable, Sendable {
    var seconds: Int

    init(seconds: Int) {
        self.seconds = seconds
    }

    /// The units a duration may end with, in seconds.
    static let units: [(suffix: Character, seconds: Int)] = [("s", 1), ("m", 60), ("h", 3600), ("d", 86400)]

    init?(argument: String) {
        var digits = Substring(argument)
        var multiplier = 1
        if let last = digits.last, let unit = Self.units.first(where: { $0.suffix == last }) {
            multiplier = unit.seconds
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
              let count = Int(digits) else { return nil }
        let (total, overflow) = count.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        seconds = total
    }

    /// The largest unit that divides the value evenly: 900 → `15m`, 90 → `90s`, 0 → `0s`.
    var description: String {
        for unit in Self.units.reversed() where seconds != 0 && seconds % unit.seconds == 0 {
            return "\(seconds / unit.seconds)\(unit.suffix)"
        }
        return "\(seconds)s"
    }

    var defaultValueDescription: String { description }

    /// How the help describes the format.
    static let formatHelp = "a duration: 90s, 15m, 24h, 1d; a bare number is seconds"
}
