/// Which containers are open (object or array), for matching brackets without recursion: one bit per
/// level, the first 64 in a register, so skipping a deeply nested value never overflows the stack.
struct ContainerStack {
    private var depth = 0
    private var low: UInt64 = 0
    private var high: [UInt64] = []

    var top: Bool? {
        guard depth > 0 else { return nil }
        return bit(depth - 1)
    }

    mutating func push(isObject: Bool) {
        let level = depth
        if level < 64 {
            low = isObject ? low | (1 << UInt64(level)) : low & ~(1 << UInt64(level))
        } else {
            let word = (level - 64) >> 6, shift = UInt64((level - 64) & 63)
            if word == high.count { high.append(0) }
            high[word] = isObject ? high[word] | (1 << shift) : high[word] & ~(1 << shift)
        }
        depth += 1
    }

    mutating func pop() { depth -= 1 }

    private func bit(_ level: Int) -> Bool {
        if level < 64 { return low & (1 << UInt64(level)) != 0 }
        return high[(level - 64) >> 6] & (1 << UInt64((level - 64) & 63)) != 0
    }
}
