#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// How failed exchanges are retried: 5xx, timeouts and connection failures get exponential backoff
/// with jitter (so many clients failing together do not retry in lockstep), a bounded number of times; rate limits wait as long as the server says, up to
/// `maxWaitSeconds`. Time is injected (`now`, `sleep`) so tests run rate-limit scenarios instantly.
public struct RetryPolicy: Sendable {
    /// Retries after the first attempt, for 5xx, timeouts and connection failures.
    public var maxRetries: Int
    /// First backoff ceiling; each retry doubles it, up to `maxBackoffSeconds`; the wait is a random
    /// point in the upper half below the ceiling.
    public var baseBackoffSeconds: Double
    public var maxBackoffSeconds: Double
    /// Longest single wait for a rate limit (`--max-wait`).
    public var maxWaitSeconds: Int
    /// Rate-limit waits allowed per request before giving up, so a server that never recovers ends the run.
    public var maxRateLimitWaits: Int
    /// The wait after a secondary rate limit (or a 429) that names none: GitHub says at least a
    /// minute. Tests shrink it.
    public var secondaryLimitFallbackSeconds: Double
    /// Seconds since the epoch.
    public var now: @Sendable () -> Double
    public var sleep: @Sendable (_ seconds: Double) async throws -> Void
    /// A number in `0..<1`; replaceable so tests get fixed backoffs.
    public var random: @Sendable () -> Double

    public init(maxRetries: Int = 4, baseBackoffSeconds: Double = 0.5, maxBackoffSeconds: Double = 20, maxWaitSeconds: Int = 900,
                maxRateLimitWaits: Int = 5, secondaryLimitFallbackSeconds: Double = 60,
                now: @escaping @Sendable () -> Double = RetryPolicy.wallClock,
                sleep: @escaping @Sendable (Double) async throws -> Void = RetryPolicy.realSleep,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxRetries = maxRetries
        self.baseBackoffSeconds = baseBackoffSeconds
        self.maxBackoffSeconds = maxBackoffSeconds
        self.maxWaitSeconds = maxWaitSeconds
        self.maxRateLimitWaits = maxRateLimitWaits
        self.secondaryLimitFallbackSeconds = secondaryLimitFallbackSeconds
        self.now = now
        self.sleep = sleep
        self.random = random
    }

    /// Backoff before retry number `attempt` (1-based): jitter over the upper half of an exponential ceiling.
    func backoff(attempt: Int) -> Double {
        let ceiling = min(maxBackoffSeconds, baseBackoffSeconds * Double(1 << min(attempt - 1, 20)))
        return ceiling * (0.5 + 0.5 * random())
    }

    public static let wallClock: @Sendable () -> Double = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    public static let realSleep: @Sendable (Double) async throws -> Void = { seconds in
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64(seconds * 1000)))
    }
}

