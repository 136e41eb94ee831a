#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hidden marker a rule's report issue carries (SPEC §8), and the one decision that an issue
/// carrying it is a report, never matched by any rule: `check` and `apply` (the engine), `explain`
/// and `triage test` (`RuleTestRunner`) all ask `isCarried(by:)`, so a rule file's tests agree
/// with a run.
public enum ReportMarker {
    /// The start of every report marker.
    public static let prefix = "<!-- triage:report="

    /// The marker of `rule`'s report.
    public static func marker(forRule rule: String) -> String { "\(prefix)\(rule) -->" }

    /// Whether `body` carries a report marker. Asked of every issue the engine evaluates, so it
    /// searches the UTF-8 bytes with `memchr` for the marker's first byte (which rarely occurs in
    /// ordinary text) and compares the rest only there.
    public static func isCarried(by body: String) -> Bool {
        let needle = prefixBytes
        guard body.utf8.count >= needle.count else { return false }
        var body = body
        return body.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return false }
            let last = bytes.count - needle.count
            var start = 0
            while start <= last, let hit = memchr(base + start, Int32(needle[0]), last - start + 1) {
                let offset = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + offset, needle, needle.count) == 0 { return true }
                start = offset + 1
            }
            return false
        }
    }

    private static let prefixBytes = Array(prefix.utf8)
}
