import TriageLanguage

/// Parses the timestamps issue APIs send, straight from UTF-8 bytes (no `DateFormatter` on the hot
/// path): RFC 3339 `2024-01-31T12:00:00Z` with `Z` or a `±hh:mm` offset and optional fractional
/// seconds (milliseconds kept, further digits truncated), `t`/`z`/space accepted as RFC 3339 allows,
/// and a bare date `2024-01-31` meaning UTC midnight. `nil` for anything else, including an
/// out-of-range field (month 13, February 30).
enum RFC3339 {
    static func parse(_ bytes: UnsafeRawBufferPointer) -> Timestamp? {
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for index in start..<(start + count) {
                let digit = bytes[index] &- 0x30
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        func byte(_ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

        guard let year = digits(0, 4), byte(4) == 0x2D, let month = digits(5, 2), byte(7) == 0x2D,
              let day = digits(8, 2)
        else { return nil }
        if bytes.count == 10 { return Timestamp(year: year, month: month, day: day) }

        guard let separator = byte(10), separator == 0x54 || separator == 0x74 || separator == 0x20,
              let hour = digits(11, 2), byte(13) == 0x3A, let minute = digits(14, 2), byte(16) == 0x3A,
              let second = digits(17, 2)
        else { return nil }
        var index = 19
        var millisecond = 0
        if byte(index) == 0x2E {
            index += 1
            var count = 0
            while let digit = byte(index), digit &- 0x30 < 10 {
                if count < 3 { millisecond = millisecond * 10 + Int(digit - 0x30) }
                count += 1
                index += 1
            }
            guard count > 0 else { return nil }
            for _ in count..<max(count, 3) { millisecond *= 10 }
        }
        var offsetMinutes = 0
        switch byte(index) {
        case 0x5A, 0x7A:
            index += 1
        case 0x2B, 0x2D:
            guard let offsetHour = digits(index + 1, 2), byte(index + 3) == 0x3A, let offsetMinute = digits(index + 4, 2),
                  offsetHour < 24, offsetMinute < 60
            else { return nil }
            offsetMinutes = (offsetHour * 60 + offsetMinute) * (bytes[index] == 0x2D ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == bytes.count,
              let local = Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)
        else { return nil }
        return local - .minutes(Int64(offsetMinutes))
    }
}
