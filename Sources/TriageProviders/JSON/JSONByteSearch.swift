/// Finding the end of a JSON string's plain run eight bytes at a time (SWAR), shared by the decoder and
/// the record reader: string contents (bodies, URLs) are most of an issue's bytes, so this loop is
/// where skipping them spends its time.
enum JSONByteSearch {
    /// The first index at or after `start` holding `"`, `\` or a byte below 0x20; `bytes.count` if none.
    @inline(__always)
    static func indexOfStringSpecialByte(in bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        var index = start
        let count = bytes.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        while index + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let quotes = word ^ (ones &* UInt64(ASCII.quote))
            let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
            // A byte's high bit is set in `mask` where it is zero (a quote or backslash in `word`) or
            // below 0x20; the lowest flagged byte is always a real hit (borrows only create false
            // positives above a real one).
            let zeroQuote = (quotes &- ones) & ~quotes
            let zeroBackslash = (backslashes &- ones) & ~backslashes
            let control = (word &- ones &* 0x20) & ~word
            let mask = (zeroQuote | zeroBackslash | control) & highBits
            if mask != 0 { return index + mask.trailingZeroBitCount >> 3 }
            index += 8
        }
        while index < count {
            let byte = bytes[index]
            if byte == ASCII.quote || byte == ASCII.backslash || byte < 0x20 { return index }
            index += 1
        }
        return count
    }

    /// How many `\n` bytes `bytes` holds (for line numbers of records decoded in place), eight at a time.
    static func countNewlines(in bytes: UnsafeRawBufferPointer) -> Int {
        var index = 0, total = 0
        let count = bytes.count
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let newlines: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while index + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ newlines
            // The high bit of each byte of `nonZero` is set exactly where `word` has a non-zero byte
            // (no carry crosses bytes), so the clear high bits count the newlines.
            let nonZero = ((word & low7) &+ low7) | word
            total &+= (~nonZero & ~low7).nonzeroBitCount
            index += 8
        }
        while index < count {
            if bytes[index] == ASCII.newline { total += 1 }
            index += 1
        }
        return total
    }
}
