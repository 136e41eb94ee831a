import Synchronization
public import TriageEngine

/// Sends the requests of one provider for one run: adds auth and accept headers, retries what is
/// worth retrying (`RetryPolicy`), waits out rate limits within `--max-wait`, turns the statuses a
/// person can act on (401, 403, 404) into plain messages, counts API calls and traces each exchange
/// with credentials redacted.
public final class APIClient: Sendable {
    /// "GitHub" or "GitLab", for messages.
    public let hostName: String
    /// The environment variable(s) a token comes from, for messages ("GITHUB_TOKEN or GH_TOKEN").
    let tokenVariables: String
    let hasToken: Bool
    let transport: any HTTPTransport
    let headers: [(name: String, value: String)]
    let policy: RetryPolicy
    let redaction: TokenRedaction
    let requestTimeoutSeconds: Double
    /// Progress and warnings for a person (stderr in the CLI).
    let log: @Sendable (String) -> Void
    /// One line per request and response (`--verbose`), credentials redacted; nil when off.
    let trace: (@Sendable (String) -> Void)?
    /// `--max-requests`: every read attempt reserves a unit before it is sent.
    let readBudget: RequestBudget?
    private let callCount = Atomic<Int>(0)
    private let notModifiedCount = Atomic<Int>(0)
    /// When a rate limit resets (seconds since the epoch): concurrent requests wait for it instead
    /// of each spending a call to learn the limit is still exhausted.
    private let pausedUntil = Mutex<Double>(0)
    /// Least time between two writes of this account on a host, in seconds (`--write-interval`).
    public let writeIntervalSeconds: Double
    /// The auth header's value: writes queue per host and account (`WriteQueue`).
    private let credential: String?

    public init(hostName: String, tokenVariables: String, token: String?, authHeader: (String) -> (name: String, value: String),
                extraHeaders: [(name: String, value: String)] = [], transport: any HTTPTransport, policy: RetryPolicy,
                requestTimeoutSeconds: Double = 30, writeIntervalSeconds: Double = 0, readBudget: RequestBudget? = nil,
                log: @escaping @Sendable (String) -> Void, trace: (@Sendable (String) -> Void)? = nil) {
        self.readBudget = readBudget
        self.hostName = hostName
        self.tokenVariables = tokenVariables
        let token = token.flatMap { $0.isEmpty ? nil : $0 }
        hasToken = token != nil
        var headers = extraHeaders
        headers.append((name: "User-Agent", value: "triage"))
        if let token { headers.append(authHeader(token)) }
        credential = token.map { authHeader($0).value }
        self.writeIntervalSeconds = max(0, writeIntervalSeconds)
        self.headers = headers
        self.transport = transport
        self.policy = policy
        self.redaction = TokenRedaction(secrets: [token])
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.log = log
        self.trace = trace
    }

    /// Requests sent so far, retries included.
    public var apiCalls: Int { callCount.load(ordering: .relaxed) }

    /// Conditional requests answered 304 Not Modified so far (included in `apiCalls`).
    public var notModifiedResponses: Int { notModifiedCount.load(ordering: .relaxed) }

    public func shutdown() async { await transport.shutdown() }

    /// GETs `url`, returning a 2xx response; `resource` names what is read ("repository acme/app")
    /// for the messages of 403 and 404.
    public func get(_ url: String, resource: String) async throws -> HTTPResponse {
        try await send("GET", url, json: nil, resource: resource)
    }

    /// Sends a write (`POST`, `PUT`, `PATCH`, `DELETE`) with a JSON body, under the same rate-limit
    /// waits as reads, one at a time per host and account and `writeIntervalSeconds` apart
    /// (`WriteQueue`); a `GET` goes straight out. A rate-limit answer (a secondary limit included)
    /// means nothing was applied, so every method, `POST` too, is retried after the wait. Retries differ for `POST`, which is not idempotent: a timeout or a 500 may
    /// come after the server created the comment, and so may a connection that closes without an
    /// answer; only failures that prove nothing was applied are retried (no connection could be
    /// made, 502/503/504 from a gateway). A write left undone is
    /// reported, and the next run plans it again; a duplicate comment could not be taken back.
    ///
    /// `ifNoneMatch`: an `ETag` from an earlier answer, sent as `If-None-Match`; a 304 then
    /// returns as is (the caller reuses what it stored), and is counted in `notModifiedResponses`.
    public func send(_ method: String, _ url: String, json body: [UInt8]?, resource: String,
                     ifNoneMatch etag: String? = nil) async throws -> HTTPResponse {
        guard ["POST", "PATCH", "PUT", "DELETE"].contains(method) else {
            return try await exchange(method, url, json: body, resource: resource, ifNoneMatch: etag)
        }
        let queue = WriteQueue.shared(origin: Self.origin(of: url), credential: credential)
        return try await queue.serialize(minimumInterval: writeIntervalSeconds, now: policy.now, sleep: policy.sleep) {
            try await exchange(method, url, json: body, resource: resource, ifNoneMatch: nil)
        }
    }

    /// `scheme://host:port` of `url`.
    static func origin(of url: String) -> String {
        guard let separator = url.range(of: "://") else { return url }
        let rest = url[separator.upperBound...]
        return String(url[..<separator.upperBound] + rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" })
    }

    /// One request with its retries and rate-limit waits.
    private func exchange(_ method: String, _ url: String, json body: [UInt8]?, resource: String,
                          ifNoneMatch etag: String?) async throws -> HTTPResponse {
        let idempotent = method != "POST"
        var failures = 0, rateLimitWaits = 0
        while true {
            try Task.checkCancellation()
            let pausedTill = pausedUntil.withLock { $0 }, pause = pausedTill - policy.now()
            // A limit already known to outlast --max-wait: asking again would only be refused (and
            // a secondary limit lengthened); stop now.
            if pause > Double(policy.maxWaitSeconds) {
                throw RateLimitExceeded(host: hostName, resetsAt: pausedTill, waitSeconds: pause, maxWaitSeconds: policy.maxWaitSeconds,
                                        tokenVariables: hasToken ? nil : tokenVariables)
            }
            if pause > 0 { try await policy.sleep(pause) }
            if method == "GET", let readBudget { try readBudget.reserve(redaction.scrub(url)) }
            let conditional = etag.map { [(name: "If-None-Match", value: $0)] } ?? []
            let request = HTTPRequest(method: method, url: url, headers: headers + conditional, body: body, timeoutSeconds: requestTimeoutSeconds)
            trace?("→ \(method) \(redaction.scrub(url)) [\(redaction.describe(headers))]")
            callCount.add(1, ordering: .relaxed)
            let started = policy.now()
            let response: HTTPResponse
            do {
                response = try await transport.send(request)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                let reason = redaction.scrub(String(describing: error))
                trace?("← \(reason) \(redaction.scrub(url))")
                failures += 1
                let retryable = idempotent || { if case HTTPTransportError.unreachable = error { true } else { false } }()
                guard retryable else {
                    throw APIError("\(hostName) \(method) failed (\(reason)); not retried, since it may have been applied: \(redaction.scrub(url))")
                }
                guard failures <= policy.maxRetries else {
                    throw APIError("\(hostName) request failed after \(failures) attempts (\(reason)): \(redaction.scrub(url))")
                }
                try await backoff(failures, reason: reason, url: url)
                continue
            }
            trace?("← \(response.status) in \(Int((policy.now() - started) * 1000)) ms \(redaction.scrub(url))")
            if let limit = RateLimit.of(response, secondaryFallbackSeconds: policy.secondaryLimitFallbackSeconds) {
                rateLimitWaits += 1
                try await waitOut(limit, waits: rateLimitWaits)
                continue
            }
            switch response.status {
            case 200..<300:
                return response
            case 304 where etag != nil:
                notModifiedCount.add(1, ordering: .relaxed)
                return response
            case 500..<600:
                failures += 1
                guard idempotent || [502, 503, 504].contains(response.status) else {
                    throw APIError(message(for: response, resource: resource, url: url), status: response.status)
                }
                guard failures <= policy.maxRetries else {
                    throw APIError("\(hostName) answered \(response.status) \(failures) times for \(redaction.scrub(url)); giving up",
                                   status: response.status)
                }
                try await backoff(failures, reason: "\(response.status)", url: url)
            default:
                throw APIError(message(for: response, resource: resource, url: url), status: response.status)
            }
        }
    }

    private func backoff(_ attempt: Int, reason: String, url: String) async throws {
        let delay = policy.backoff(attempt: attempt)
        log("\(hostName): \(reason); retrying in \(formatSeconds(delay)) (attempt \(attempt + 1) of \(policy.maxRetries + 1))")
        try await policy.sleep(delay)
    }

    private func waitOut(_ limit: RateLimit, waits: Int) async throws {
        let now = policy.now()
        let (seconds, resetsAt): (Double, Double)
        switch limit {
        case let .exhaustedUntil(reset): (seconds, resetsAt) = (max(0, reset - now) + 1, reset)
        case let .retryAfter(delay): (seconds, resetsAt) = (delay, now + delay)
        }
        if seconds > Double(policy.maxWaitSeconds) || waits > policy.maxRateLimitWaits {
            pausedUntil.withLock { $0 = Swift.max($0, now + seconds) }
            throw RateLimitExceeded(host: hostName, resetsAt: resetsAt, waitSeconds: seconds, maxWaitSeconds: policy.maxWaitSeconds,
                                    tokenVariables: hasToken ? nil : tokenVariables)
        }
        let startsPeriod = pausedUntil.withLock { until in
            defer { until = Swift.max(until, now + seconds) }
            return until <= now
        }
        // Requests in flight when the limit hit all learn of it, and each waits; say so once per
        // wait period (requests sent after it began wait for it before they are sent).
        if startsPeriod { log("\(hostName) rate limit reached; waiting \(formatSeconds(seconds)) until it resets") }
        try await policy.sleep(seconds)
    }

    /// What a person reads for a status that is not retried.
    private func message(for response: HTTPResponse, resource: String, url: String) -> String {
        let detail = serverMessage(response).map { ": \($0)" } ?? ""
        switch response.status {
        case 401:
            return hasToken
                ? "\(hostName) rejected the token (401 Unauthorized); check \(tokenVariables)\(detail)"
                : "\(hostName) requires authentication (401 Unauthorized); set \(tokenVariables)\(detail)"
        case 403:
            return "access to \(resource) is forbidden \(hasToken ? "with this token" : "without a token") (403)\(detail)"
        case 404, 410:
            return hasToken
                ? "\(resource) not found or not visible with this token"
                : "\(resource) not found or not visible without a token (set \(tokenVariables) for private ones)"
        default:
            return "\(hostName) answered \(response.status) for \(redaction.scrub(url))\(detail)"
        }
    }

    /// What the server says in an error body (see `ServerErrorMessage`), scrubbed and shortened.
    private func serverMessage(_ response: HTTPResponse) -> String? {
        ServerErrorMessage.of(response.body).map { redaction.scrub(String($0.prefix(200))) }
    }

    private func formatSeconds(_ seconds: Double) -> String {
        seconds < 10 ? "\((seconds * 10).rounded() / 10)s" : "\(Int(seconds.rounded()))s"
    }
}

/// A remote source failed in a way retrying does not fix; the message is for a person (exit 3).
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The HTTP status that caused it, when one arrived (a writer tells "no such user" from an outage).
    public var status: Int?
    public init(_ message: String, status: Int? = nil) {
        self.message = message
        self.status = status
    }
    public var description: String { message }
}
