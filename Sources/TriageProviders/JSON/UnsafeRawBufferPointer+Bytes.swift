#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte-level comparisons and slicing for the scanner and its users: keys and URL parts are compared as
/// bytes against `StaticString`s so no `String` is made for text that is only matched.
extension UnsafeRawBufferPointer {
    /// Where `text`'s UTF-8 first occurs within `range` of these bytes (`memchr` for its first
    /// byte, then `memcmp`); nil when it does not. For a marker in a value that is skipped rather
    /// than decoded.
    func firstOffset(of text: StaticString, in range: Range<Int>) -> Int? {
        let length = text.utf8CodeUnitCount
        guard length > 0, let base = baseAddress, range.lowerBound >= 0, range.upperBound <= count else { return nil }
        let first = Int32(text.utf8Start.pointee)
        var index = range.lowerBound
        while range.upperBound - index >= length {
            guard let hit = memchr(base + index, first, range.upperBound - index - length + 1) else { return nil }
            let offset = base.distance(to: UnsafeRawPointer(hit))
            if memcmp(base + offset, text.utf8Start, length) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }

    /// Whether these bytes are exactly `text`'s UTF-8.
    @inline(__always)
    func equals(_ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard count == length else { return false }
        guard let base = baseAddress else { return length == 0 }
        return memcmp(base, text.utf8Start, length) == 0
    }

    /// Whether `text`'s UTF-8 occurs in these bytes.
    func contains(_ text: StaticString) -> Bool {
        let length = text.utf8CodeUnitCount
        guard length <= count else { return false }
        for start in 0...(count - length) where slice(start..<(start + length)).equals(text) { return true }
        return false
    }

    /// The bytes in `range`, as a buffer of their own.
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: self[range]) }
}
