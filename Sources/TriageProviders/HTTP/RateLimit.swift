import TriageLanguage

/// What a 403/429 (or any status) says about rate limits, read from the headers both hosts send:
/// GitHub `x-ratelimit-remaining`/`x-ratelimit-reset` (primary) and `retry-after` (secondary),
/// GitLab `RateLimit-Remaining`/`RateLimit-Reset` and `Retry-After` on 429.
enum RateLimit: Equatable {
    /// The quota is spent until this instant (seconds since the epoch).
    case exhaustedUntil(Double)
    /// Wait this many seconds, then try again (secondary limit, or GitLab's 429).
    case retryAfter(Double)

    /// The limit `response` reports, or nil when it is no rate-limit response (a 403 may be a plain
    /// "forbidden", which is not retried). `secondaryFallbackSeconds` is the wait when a secondary
    /// limit names none (GitHub documents "at least a minute").
    static func of(_ response: HTTPResponse, secondaryFallbackSeconds: Double = 60) -> RateLimit? {
        guard response.status == 403 || response.status == 429 else { return nil }
        if let retry = response.header("retry-after"), let seconds = Double(retry.trimmingCharacters(in: " ")) {
            return .retryAfter(max(0, seconds))
        }
        let remaining = response.header("x-ratelimit-remaining") ?? response.header("ratelimit-remaining")
        let reset = response.header("x-ratelimit-reset") ?? response.header("ratelimit-reset")
        if remaining?.trimmingCharacters(in: " ") == "0", let reset, let epoch = Double(reset.trimmingCharacters(in: " ")) {
            return .exhaustedUntil(epoch)
        }
        // A 429 with no hint, or GitHub's secondary-limit 403 without `retry-after`, still means
        // "slow down"; a minute is what both hosts document.
        if response.status == 429 { return .retryAfter(secondaryFallbackSeconds) }
        let body = String(decoding: response.body.prefix(1000), as: UTF8.self).lowercased()
        return body.contains("secondary rate limit") || body.contains("abuse detection") ? .retryAfter(secondaryFallbackSeconds) : nil
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}

/// A rate limit that would take longer than `--max-wait` to reset; the run stops (exit 3).
public struct RateLimitExceeded: Error, Sendable, CustomStringConvertible {
    public var host: String
    /// When the limit resets, seconds since the epoch.
    public var resetsAt: Double
    public var waitSeconds: Double
    public var maxWaitSeconds: Int
    /// The variables a token would come from, when the run had none (tokens get higher limits).
    public var tokenVariables: String?

    public var description: String {
        let reset = Timestamp(millisecondsSinceEpoch: Int64(resetsAt * 1000)).rfc3339
        return "the \(host) API rate limit is exhausted; it resets at \(reset) (in \(Int(waitSeconds.rounded(.up)))s), "
            + "longer than --max-wait \(maxWaitSeconds)s; try again then or raise --max-wait"
            + (tokenVariables.map { ", or set \($0) for a higher limit" } ?? "")
    }
}

