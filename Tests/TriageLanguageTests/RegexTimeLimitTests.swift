import Foundation
import Testing
@testable import TriageLanguage

/// A catastrophic pattern is cut off on every path a match can take: ICU's C API (Linux, where its
/// limit counts match-engine steps, not time, so it holds alike on x86_64 and aarch64), with or
/// without an evaluation frame, and the `NSRegularExpression` path used where that API is not at
/// hand (macOS), which stops at a deadline of its own.
/// Without the cut, 2^36 backtracking steps would run for hours and the test would time out.
struct RegexTimeLimitTests {
    let hostile = String(repeating: "a", count: 36) + "!"

    @Test(.timeLimit(.minutes(1)))
    func aMatchWithoutAFrameGivesUpInsteadOfHanging() throws {
        let matcher = try RegexMatcher(pattern: "^(a+)+$")
        #expect(throws: EvaluationInterrupt.self) { _ = try matcher.matchWithEngine(hostile, in: nil) }
        // The public convenience says no match rather than hang.
        #expect(matcher.matches(hostile) == false)
    }

    /// The deadline of the `NSRegularExpression` path, run here with one far shorter than Linux
    /// Foundation's own silent limit so that it is the deadline that stops the search.
    @Test(.timeLimit(.minutes(1)))
    func theNSRegularExpressionPathStopsAtItsDeadlineWithAnError() throws {
        let matcher = try RegexMatcher(pattern: "^(a+)+$")
        #expect(throws: EvaluationInterrupt.self) { _ = try RegexMatcher.boundedSearch(matcher.regex.expression, in: hostile, limit: 0.02) }
    }

    @Test(.timeLimit(.minutes(1)))
    func theEvaluationPathGivesUpInsteadOfHanging() throws {
        let matcher = try RegexMatcher(pattern: "^(a+)+$")
        #expect(throws: EvaluationInterrupt.self) { _ = try matcher.matchWithEngine(hostile, in: EvaluationFrame(now: Timestamp(millisecondsSinceEpoch: 0))) }
    }

    @Test func theBoundedSearchStillFindsAndMissesLikeTheEngine() throws {
        for (pattern, text, expected) in [("b+c", "aabbbc", true), ("^x", "yx", false), ("(?i)straße", "STRASSE", true), ("é$", "café\n", true)] {
            let matcher = try RegexMatcher(pattern: pattern)
            #expect(try RegexMatcher.boundedSearch(matcher.regex.expression, in: text) == expected, "\(pattern) on \(text)")
            #expect(try matcher.matchWithEngine(text, in: EvaluationFrame(now: Timestamp(millisecondsSinceEpoch: 0))) == expected)
        }
    }
}
