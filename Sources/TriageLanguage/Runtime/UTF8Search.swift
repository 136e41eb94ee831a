#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level string operations for the hot path.
///
/// `String.contains(_:)` and `==` on Linux go through Unicode-aware (and for `contains`,
/// Foundation-bridged) code that was measured far slower than comparing UTF-8 bytes. The language
/// compares strings by their Unicode scalars (no normalization), which on valid UTF-8 is exactly
/// byte comparison.
enum UTF8Search {
    /// Equal scalars. Not `==`: Swift compares by canonical equivalence, the language by scalars.
    /// The UTF-8 views compare without copying either string (`withUTF8` on a copy was measured
    /// ~10 ns slower per call).
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        a.utf8.count == b.utf8.count && a.utf8.elementsEqual(b.utf8)
    }

    /// Lexicographic order by Unicode scalar value (= UTF-8 byte order).
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let count = suffix.utf8.count
        return s.utf8.count >= count && s.utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    static func contains(_ s: String, _ needle: String) -> Bool {
        withBytes(s) { haystack in withBytes(needle) { find($0, in: haystack, caseInsensitiveASCII: false) } }
    }

    /// The string's UTF-8 bytes in place when they are contiguous (native strings), else copied.
    @inline(__always)
    static func withBytes<R>(_ string: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
        return Array(string.utf8).withUnsafeBufferPointer(body)
    }

    /// Substring search; with `caseInsensitiveASCII`, ASCII letters match either case (the needle
    /// must already be lowercased).
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, caseInsensitiveASCII: Bool) -> Bool {
        let n = needle.count, h = haystack.count
        if n == 0 { return true }
        if n > h { return false }
        let first = needle[0]
        let last = h - n
        var i = 0
        if !caseInsensitiveASCII {
            while i <= last {
                if haystack[i] == first {
                    var j = 1
                    while j < n && haystack[i + j] == needle[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
        while i <= last {
            if lowerASCII(haystack[i]) == first {
                var j = 1
                while j < n && lowerASCII(haystack[i + j]) == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }

    /// Whether any of `needles` occurs in `haystack`. Candidate positions are found with `memchr`
    /// (vectorized in libc) for each byte a needle can start with, in both cases when
    /// `caseInsensitiveASCII`; only there are needles compared. Needles must already be lowercased
    /// when `caseInsensitiveASCII`.
    static func findAny(_ needles: [[UInt8]], in haystack: UnsafeBufferPointer<UInt8>, caseInsensitiveASCII: Bool) -> Bool {
        guard let base = haystack.baseAddress else { return needles.contains { $0.isEmpty } }
        var firstBytes: [UInt8] = []
        for needle in needles {
            guard let first = needle.first else { return true }
            for byte in caseInsensitiveASCII ? [first, upperASCII(first)] : [first] where !firstBytes.contains(byte) {
                firstBytes.append(byte)
            }
        }
        let count = haystack.count
        for first in firstBytes {
            let key = caseInsensitiveASCII ? lowerASCII(first) : first
            var position = 0
            while position < count, let hit = memchr(base + position, Int32(first), count - position) {
                let start = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                for needle in needles where needle[0] == key && needle.count <= count - start {
                    var offset = 1
                    while offset < needle.count {
                        let next = caseInsensitiveASCII ? lowerASCII(haystack[start + offset]) : haystack[start + offset]
                        if next != needle[offset] { break }
                        offset += 1
                    }
                    if offset == needle.count { return true }
                }
                position = start + 1
            }
        }
        return false
    }

    /// Whether the text may hold a character that Unicode case folding turns into ASCII letters:
    /// ß (C3 9F), İ (C4 B0), ŉ (C5 89), ſ (C5 BF), ǰ (C7 B0), ẖ…ẞ (E1 BA xx), the Kelvin sign and its
    /// neighbours (E2 84 xx), and the Latin ligatures ﬀ…ﬆ (EF AC xx). Only then must a
    /// case-insensitive ASCII search defer to ICU; the check errs on the side of deferring.
    static func mayFoldToASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        var index = 0
        while index + 1 < count {
            let lead = bytes[index]
            if lead >= 0xC3 {
                let next = bytes[index + 1]
                switch lead {
                case 0xC3: if next == 0x9F { return true }
                case 0xC4: if next == 0xB0 { return true }
                case 0xC5: if next == 0x89 || next == 0xBF { return true }
                case 0xC7: if next == 0xB0 { return true }
                case 0xE1: if next == 0xBA { return true }
                case 0xE2: if next == 0x84 { return true }
                case 0xEF: if next == 0xAC { return true }
                default: break
                }
            }
            index += 1
        }
        return false
    }

    @inline(__always)
    static func upperASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte & ~0x20 : byte
    }

    @inline(__always)
    static func lowerASCII(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// `glob(s, pattern)`: `*` matches any run of characters, `?` exactly one; iterative, no backtracking blow-up.
    static func glob(_ string: String, _ pattern: String) -> Bool {
        let s = Array(string.unicodeScalars), p = Array(pattern.unicodeScalars)
        var si = 0, pi = 0
        var starP = -1, starS = 0
        while si < s.count {
            if pi < p.count && (p[pi] == "?" || p[pi] == s[si]) && p[pi] != "*" {
                si += 1; pi += 1
            } else if pi < p.count && p[pi] == "*" {
                starP = pi; starS = si; pi += 1
            } else if starP >= 0 {
                pi = starP + 1; starS += 1; si = starS
            } else {
                return false
            }
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
