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
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        // Not `==`: Swift compares by canonical equivalence, the language by scalars.
        if a.utf8.count != b.utf8.count { return false }
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in x.count == 0 || memcmpEqual(x, y) }
        }
    }

    @inline(__always)
    private static func memcmpEqual(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = x.count
        while i < n {
            if x[i] != y[i] { return false }
            i += 1
        }
        return true
    }

    /// Lexicographic order by Unicode scalar value (= UTF-8 byte order).
    static func less(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = min(x.count, y.count)
                var i = 0
                while i < n {
                    if x[i] != y[i] { return x[i] < y[i] }
                    i += 1
                }
                return x.count < y.count
            }
        }
    }

    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        var s = s, prefix = prefix
        return s.withUTF8 { x in
            prefix.withUTF8 { p in
                p.count <= x.count && (p.count == 0 || memcmpEqual(UnsafeBufferPointer(rebasing: x[0..<p.count]), p))
            }
        }
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        var s = s, suffix = suffix
        return s.withUTF8 { x in
            suffix.withUTF8 { p in
                p.count <= x.count && (p.count == 0 || memcmpEqual(UnsafeBufferPointer(rebasing: x[(x.count - p.count)...]), p))
            }
        }
    }

    static func contains(_ s: String, _ needle: String) -> Bool {
        var s = s, needle = needle
        return s.withUTF8 { haystack in
            needle.withUTF8 { n in find(n, in: haystack, caseInsensitiveASCII: false) }
        }
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
