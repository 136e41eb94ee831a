import Foundation

/// A regular expression compiled once, when the rule is compiled, and matched many times.
///
/// The engine is ICU: on Linux `NSRegularExpression` was measured ~20x faster than Swift's `Regex`
/// for unanchored searches over 1 KB texts, and ICU's C API on UTF-8 (`ICUPattern`) another ~17x
/// faster than `NSRegularExpression` (see BENCHMARKS.md). Patterns that are plain text, optionally
/// anchored with `^` and/or made case-insensitive with `(?i)`, skip the regex engine and search the
/// UTF-8 bytes directly, which covers most triage patterns (`^triage/`, `(?i)crash`). The shortcut
/// only answers where it provably agrees with ICU: a `$` anchor (which ICU also lets match before
/// a final line break) always goes to ICU, and so does a case-insensitive search in text holding a
/// character whose Unicode case folding yields ASCII letters (the Kelvin sign folds to `k`, `ß` to
/// `ss`); a test checks every BMP character against ICU.
public struct RegexMatcher: Hashable, Sendable {
    enum Strategy: Hashable, Sendable {
        case contains(needle: [UInt8], caseInsensitive: Bool)
        case prefix(needle: [UInt8], caseInsensitive: Bool)
        /// `a|b|c` of plain words: any of them, anywhere.
        case containsAny(needles: [[UInt8]], caseInsensitive: Bool)
        case regex

        var caseInsensitive: Bool {
            switch self {
            case let .contains(_, flag), let .prefix(_, flag), let .containsAny(_, flag): flag
            case .regex: false
            }
        }
    }

    public let pattern: String
    let strategy: Strategy
    let regex: CompiledRegex

    /// Compiles `pattern`, or throws a message saying what is wrong with it.
    public init(pattern: String) throws(RegexError) {
        self.pattern = pattern
        let compiled: NSRegularExpression
        do {
            compiled = try NSRegularExpression(pattern: pattern)
        } catch {
            throw RegexError(message: "invalid regular expression: \(RegexMatcher.pinpoint(pattern) ?? "the regex engine (ICU) rejects this pattern")")
        }
        strategy = RegexMatcher.literalStrategy(for: pattern) ?? .regex
        regex = CompiledRegex(compiled)
    }

    /// Whether the pattern matches anywhere in `string` (false if the regex engine gives up).
    public func matches(_ string: String) -> Bool {
        (try? matches(string, in: nil)) ?? false
    }

    /// Whether the pattern matches anywhere in `string`, using the frame's ICU matchers when there
    /// are any (the evaluation hot path).
    func matches(_ string: String, in frame: EvaluationFrame?) throws(EvaluationInterrupt) -> Bool {
        if strategy.caseInsensitive, UTF8Search.withBytes(string, UTF8Search.mayFoldToASCII) {
            return try matchWithEngine(string, in: frame)
        }
        switch strategy {
        case .regex:
            return try matchWithEngine(string, in: frame)
        case let .contains(needle, caseInsensitive):
            return UTF8Search.withBytes(string) { haystack in
                needle.withUnsafeBufferPointer { UTF8Search.find($0, in: haystack, caseInsensitiveASCII: caseInsensitive) }
            }
        case let .prefix(needle, caseInsensitive):
            return RegexMatcher.hasPrefix(string, needle, caseInsensitive: caseInsensitive)
        case let .containsAny(needles, caseInsensitive):
            return UTF8Search.withBytes(string) { UTF8Search.findAny(needles, in: $0, caseInsensitiveASCII: caseInsensitive) }
        }
    }

    /// ICU's answer, bypassing the byte-search shortcuts (tests compare the two).
    func matchWithEngine(_ string: String, in frame: EvaluationFrame?) throws(EvaluationInterrupt) -> Bool {
        #if canImport(_FoundationICU)
        // Without a frame, matchers of its own: the time limit is ICU's either way.
        if let pattern = regex.icu { return try (frame?.icuMatchers ?? ICUMatchers()).find(pattern, in: string) }
        #endif
        return try Self.boundedSearch(regex.expression, in: string)
    }

    /// How long a search through `NSRegularExpression` may run: about ICU's own limit (2,000 steps
    /// of its match engine, roughly as many milliseconds).
    static let fallbackTimeLimit: TimeInterval = 2

    /// Where ICU's C API is not at hand (a platform without `_FoundationICU`: macOS) the search goes
    /// through `NSRegularExpression`, which on Darwin has no time limit (on Linux, Foundation's own
    /// limit ends a search silently, as a no-match, which is why Linux always takes the C API): it
    /// reports progress and stops at the deadline, so a catastrophic pattern fails the evaluation
    /// as it does through ICU, never hangs it.
    static func boundedSearch(_ expression: NSRegularExpression, in string: String,
                              limit: TimeInterval = fallbackTimeLimit) throws(EvaluationInterrupt) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        var found = false, timedOut = false
        expression.enumerateMatches(in: string, options: [.reportProgress], range: NSRange(location: 0, length: string.utf16.count)) { result, flags, stop in
            if result != nil {
                found = true
                stop.pointee = true
            } else if flags.contains(.internalError) || Date() >= deadline {
                // `internalError`: the engine gave up by itself (a limit of its own).
                timedOut = true
                stop.pointee = true
            }
        }
        if timedOut { throw .failed("the regex gave up on this text after its time limit (it backtracks catastrophically; see lint's catastrophic-regex)") }
        return found
    }

    private static func hasPrefix(_ string: String, _ needle: [UInt8], caseInsensitive: Bool) -> Bool {
        UTF8Search.withBytes(string) { bytes in
            guard bytes.count >= needle.count else { return false }
            for i in 0..<needle.count {
                let byte = caseInsensitive ? UTF8Search.lowerASCII(bytes[i]) : bytes[i]
                if byte != needle[i] { return false }
            }
            return true
        }
    }

    /// A byte-search plan for patterns that are literal text, or nil when the regex engine is needed.
    static func literalStrategy(for pattern: String) -> Strategy? {
        var body = Substring(pattern)
        var caseInsensitive = false
        if body.hasPrefix("(?i)") {
            caseInsensitive = true
            body = body.dropFirst(4)
        }
        var anchoredStart = false
        if body.hasPrefix("^") { anchoredStart = true; body = body.dropFirst() }
        let metacharacters = Set("\\^$.|?*+()[]{}")
        if !anchoredStart, body.contains("|") {
            let alternatives = body.split(separator: "|", omittingEmptySubsequences: false)
            guard alternatives.count <= 16, alternatives.allSatisfy({ !$0.isEmpty && !$0.contains(where: { metacharacters.contains($0) }) }),
                  !caseInsensitive || body.utf8.allSatisfy({ $0 < 0x80 })
            else { return nil }
            let needles = alternatives.map { caseInsensitive ? Array($0.utf8.map(UTF8Search.lowerASCII)) : Array($0.utf8) }
            return .containsAny(needles: needles, caseInsensitive: caseInsensitive)
        }
        guard !body.contains(where: { metacharacters.contains($0) }) else { return nil }
        // Case folding beyond ASCII is the regex engine's job.
        if caseInsensitive && !body.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        let needle = caseInsensitive ? Array(body.utf8.map(UTF8Search.lowerASCII)) : Array(body.utf8)
        return anchoredStart ? .prefix(needle: needle, caseInsensitive: caseInsensitive) : .contains(needle: needle, caseInsensitive: caseInsensitive)
    }

    /// ICU's errors say only "The value is invalid"; this names the usual mistakes.
    static func pinpoint(_ pattern: String) -> String? {
        var depth = 0
        var inClass = false
        var escaped = false
        var previous: Character?
        for character in pattern {
            defer { previous = escaped ? nil : character }
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "[" where !inClass: inClass = true
            case "]" where inClass: inClass = false
            case "(" where !inClass: depth += 1
            case ")" where !inClass:
                depth -= 1
                if depth < 0 { return "`)` has no opening `(`" }
            case "*", "+", "?":
                let afterGroupStart = previous == "(" && character != "?"
                if !inClass, previous == nil || afterGroupStart || previous == "|" { return "`\(character)` has nothing to repeat" }
            default: break
            }
        }
        if escaped { return "the pattern ends with a lone `\\`" }
        if inClass { return "`[` is not closed" }
        if depth > 0 { return "`(` is not closed" }
        return nil
    }

    public static func == (lhs: RegexMatcher, rhs: RegexMatcher) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// An `NSRegularExpression`, which Foundation documents as immutable and safe to share across threads.
final class CompiledRegex: Hashable, @unchecked Sendable {
    let expression: NSRegularExpression
    #if canImport(_FoundationICU)
    /// The same pattern for ICU's C API; nil in the unlikely case it compiles one way and not the other.
    let icu: ICUPattern?
    #endif

    init(_ expression: NSRegularExpression) {
        self.expression = expression
        #if canImport(_FoundationICU)
        icu = ICUPattern(expression.pattern)
        #endif
    }
    static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool { lhs.expression.pattern == rhs.expression.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(expression.pattern) }
}

public struct RegexError: Error, Hashable, Sendable {
    public var message: String
}
