import Foundation
import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// The GitHub provider against a loopback server: pagination, rate limits, retries, errors and
/// lazy fields (SPEC §1, §4).
struct GitHubProviderTests {
    @Test func followsLinkURLsOnAnotherPathAndReadsEveryIssueInOrder() async throws {
        let harness = try await RemoteHarness.start(count: 250, pageSize: 20)
        try await harness.server.serving {
            let provider = try harness.github()
            let issues = try await readAll(provider)
            #expect(issues.map(\.number) == Array(1...250))
            #expect(provider.apiCalls == 13)
            let requests = harness.server.requests
            #expect(requests.count == 13)
            #expect(requests[0].path == "/repos/acme/app/issues")
            #expect(requests[0].query["state"] == "all" && requests[0].query["per_page"] == "100")
            #expect(requests[0].query["sort"] == "created" && requests[0].query["direction"] == "asc")
            #expect(requests.dropFirst().allSatisfy { $0.path == "/repositories/42/issues" })
            #expect(Set(requests.dropFirst().compactMap { $0.query["page"] }) == Set((2...13).map(String.init)))
            #expect(issues[9].kind == "pull_request" && issues[8].kind == "issue")
            #expect(issues[4].labels == ["bug"] && issues[2].state == "closed" && issues[0].repo == "acme/app")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func fetchesRemainingPagesConcurrentlyOnceTheLastIsKnown() async throws {
        // The four requests after the first page are held until all four have arrived: a provider
        // that fetched them one at a time would never get an answer (and hit the time limit).
        let requests = Tally(), fourInFlight = Gate()
        let harness = try await RemoteHarness.start(count: 250, pageSize: 20) { request, normal in
            let number = requests.increment()
            guard (2...5).contains(number) else { return nil }
            if number == 5 { fourInFlight.open() }
            var held = normal
            held.heldUntil = fourInFlight
            return held
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.github(pageConcurrency: 4))
            #expect(issues.map(\.number) == Array(1...250))
            #expect(harness.server.maxInFlight == 4)
        }
    }

    @Test func pushesStateLabelsAndSinceDown() async throws {
        let harness = try await RemoteHarness.start(count: 250, pageSize: 20)
        try await harness.server.serving {
            let since = Timestamp(year: 2024, month: 1, day: 2)!
            let issues = try await readAll(try harness.github(), query: IssueQuery(state: "open", labels: ["bug"], updatedSince: since))
            #expect(issues.map(\.number) == (1...250).filter { $0 % 5 == 0 && $0 % 3 != 0 })
            let first = harness.server.requests[0].query
            #expect(first["state"] == "open" && first["labels"] == "bug" && first["since"] == "2024-01-02T00%3A00%3A00Z")
        }
    }

    @Test func waitsForThePrimaryRateLimitToReset() async throws {
        let hits = Hits()
        let reset = Int(remoteTestNow) + 120
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20) { request, normal in
            guard request.query["page"] == "3", hits.hit("page3") == 1 else { return nil }
            return TestHTTPResponse(status: 403, headers: [("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "\(reset)")],
                                    json: #"{"message":"API rate limit exceeded for 127.0.0.1."}"#)
        }
        try await harness.server.serving {
            let provider = try harness.github()
            let issues = try await readAll(provider)
            #expect(issues.map(\.number) == Array(1...100))
            #expect(harness.recorder.sleeps == [121])
            #expect(provider.apiCalls == 6)
            #expect(harness.recorder.log.contains { $0.contains("rate limit") && $0.contains("121s") })
        }
    }

    @Test func stopsWhenTheResetIsBeyondMaxWaitAndSaysWhen() async throws {
        let reset = Int(remoteTestNow) + 3600
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20) { _, _ in
            TestHTTPResponse(status: 429, headers: [("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", "\(reset)")], json: "{}")
        }
        try await harness.server.serving {
            let error = await readingError(try harness.github(maxWaitSeconds: 60))
            let limit = try #require(error as? RateLimitExceeded)
            #expect(limit.description.contains("resets at 2023-11-14T23:13:20"))
            #expect(limit.description.contains("--max-wait 60s"))
            #expect(limit.description.hasSuffix("or set GITHUB_TOKEN or GH_TOKEN for a higher limit"))
            #expect(harness.recorder.sleeps.isEmpty)
        }
    }

    @Test func honoursRetryAfterOfTheSecondaryLimit() async throws {
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { request, normal in
            guard request.query["page"] == "2", hits.hit("page2") == 1 else { return nil }
            return TestHTTPResponse(status: 403, headers: [("Retry-After", "30"), ("X-RateLimit-Remaining", "4000")],
                                    json: #"{"message":"You have exceeded a secondary rate limit."}"#)
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.github())
            #expect(issues.count == 60)
            #expect(harness.recorder.sleeps == [30])
        }
    }

    @Test func aSecondaryLimitWithoutRetryAfterWaitsAMinute() async throws {
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 40, pageSize: 20) { request, _ in
            guard request.query["page"] == "2", hits.hit("page2") == 1 else { return nil }
            return TestHTTPResponse(status: 403, headers: [("X-RateLimit-Remaining", "4000")],
                                    json: #"{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}"#)
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.github())
            #expect(issues.count == 40)
            #expect(harness.recorder.sleeps == [60])
        }
    }

    @Test func retriesA502ThenSucceeds() async throws {
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { request, normal in
            guard request.query["page"] == "2", hits.hit("page2") == 1 else { return nil }
            return TestHTTPResponse(status: 502, json: #"{"message":"Server Error"}"#)
        }
        try await harness.server.serving {
            let provider = try harness.github()
            let issues = try await readAll(provider)
            #expect(issues.map(\.number) == Array(1...60))
            #expect(provider.apiCalls == 4)
            #expect(harness.recorder.sleeps.count == 1 && harness.recorder.sleeps[0] > 0)
            #expect(harness.recorder.log.contains { $0.contains("502") && $0.contains("retrying") })
        }
    }

    @Test func givesUpAfterBoundedRetriesOf5xx() async throws {
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { _, _ in TestHTTPResponse(status: 503, json: "{}") }
        try await harness.server.serving {
            let provider = try harness.github()
            let error = await readingError(provider)
            #expect("\(error.map { "\($0)" } ?? "")".contains("answered 503 4 times"))
            #expect(provider.apiCalls == 4)
            // Exponential: each ceiling doubles (jitter fixed at the midpoint by the test policy).
            #expect(harness.recorder.sleeps == [0.0075, 0.015, 0.03])
        }
    }

    @Test func retriesADroppedConnection() async throws {
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { request, normal in
            guard request.query["page"] == "3", hits.hit("page3") == 1 else { return nil }
            return TestHTTPResponse(dropConnection: true)
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.github())
            #expect(issues.map(\.number) == Array(1...60))
            #expect(harness.recorder.sleeps.count == 1)
        }
    }

    @Test func aSlowPageKeepsTheOrderAndATimedOutOneIsRetried() async throws {
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20) { request, normal in
            var slowed = normal
            switch request.query["page"] {
            // The first request for page 2 is never answered while the test runs (an hour is
            // "never" here): it times out however fast or slow the machine is.
            case "2" where hits.hit("page2") == 1: slowed.delayMilliseconds = 3_600_000
            // Page 3 is slow, well within the timeout; on a busy machine it may be retried too.
            case "3": slowed.delayMilliseconds = 200
            default: return nil
            }
            return slowed
        }
        try await harness.server.serving {
            // Retries to spare: a busy test machine can make another attempt time out too.
            let provider = try harness.github(maxRetries: 8, timeoutSeconds: 2)
            let issues = try await readAll(provider)
            // Page 3 answered slowly but kept its place; page 2 timed out once and was fetched again.
            #expect(issues.map(\.number) == Array(1...100))
            #expect(harness.server.requests.filter { $0.query["page"] == "2" }.count >= 2)
            #expect(harness.recorder.log.contains { $0.contains("timed out") })
        }
    }

    @Test func aMalformedPageIsAClearError() async throws {
        let harness = try await RemoteHarness.start(count: 100, pageSize: 20) { request, normal in
            request.query["page"] == "4" ? TestHTTPResponse(json: #"[{"number": 61, "created_at": "2024-01-01T00:00:00Z"}, {"number": "#) : nil
        }
        try await harness.server.serving {
            let error = await readingError(try harness.github())
            let message = "\(error.map { "\($0)" } ?? "")"
            #expect(message.contains("malformed JSON from GitHub in http://127.0.0.1:\(harness.server.port)/repositories/42/issues?"))
            #expect(message.contains("page=4"))
            #expect(message.contains("at byte"))
        }
    }

    @Test func unauthorizedIsNotRetriedAndNamesTheVariable() async throws {
        let token = "ghp_SECRETSECRETSECRET1234"
        let harness = try await RemoteHarness.start { _, _ in TestHTTPResponse(status: 401, json: #"{"message":"Bad credentials"}"#) }
        try await harness.server.serving {
            let provider = try harness.github(token: token)
            let error = await readingError(provider)
            #expect("\(error.map { "\($0)" } ?? "")" == "GitHub rejected the token (401 Unauthorized); check GITHUB_TOKEN or GH_TOKEN: Bad credentials")
            #expect(provider.apiCalls == 1)
        }
    }

    @Test func notFoundSaysTheRepositoryIsNotVisible() async throws {
        let harness = try await RemoteHarness.start()
        try await harness.server.serving {
            let withToken = await readingError(try harness.github("acme/nope", token: "tok-123456"))
            #expect("\(withToken.map { "\($0)" } ?? "")" == "repository acme/nope not found or not visible with this token")
            let anonymous = await readingError(try harness.github("acme/nope"))
            #expect("\(anonymous.map { "\($0)" } ?? "")".hasPrefix("repository acme/nope not found or not visible without a token"))
            #expect(harness.server.requests.count == 2)
        }
    }

    @Test func forbiddenWithoutRateLimitHeadersIsNotRetried() async throws {
        let harness = try await RemoteHarness.start { _, _ in
            TestHTTPResponse(status: 403, headers: [("X-RateLimit-Remaining", "4999")], json: #"{"message":"Resource not accessible by integration"}"#)
        }
        try await harness.server.serving {
            let error = await readingError(try harness.github(token: "tok-123456"))
            #expect("\(error.map { "\($0)" } ?? "")" == "access to repository acme/app is forbidden with this token (403): Resource not accessible by integration")
            #expect(harness.server.requests.count == 1)
        }
    }

    @Test func followsARedirectOfARenamedRepository() async throws {
        let harness = try await RemoteHarness.start(count: 50, pageSize: 20) { request, normal in
            guard request.path == "/repos/acme/old-name/issues" else { return nil }
            let query = request.uri.split(separator: "?", maxSplits: 1).last.map(String.init) ?? ""
            return TestHTTPResponse(status: 301, headers: [("Location", "http://\(request.header("host")!)/repos/acme/app/issues?\(query)")],
                                    json: #"{"message":"Moved Permanently"}"#)
        }
        try await harness.server.serving {
            let issues = try await readAll(try harness.github("acme/old-name"))
            #expect(issues.map(\.number) == Array(1...50))
        }
    }

    @Test func theTokenIsSentButNeverShown() async throws {
        let token = "ghp_TOPSECRET0123456789abcdef"
        let hits = Hits()
        let harness = try await RemoteHarness.start(count: 60, pageSize: 20) { request, normal in
            guard request.query["page"] == "2", hits.hit("p2") == 1 else { return nil }
            // A server that echoes the credential back must not get it printed either.
            return TestHTTPResponse(status: 502, json: #"{"message":"bad gateway for Bearer \#(token)"}"#)
        }
        try await harness.server.serving {
            let provider = try harness.github(token: token)
            _ = try await readAll(provider)
            #expect(harness.server.requests.allSatisfy { $0.header("authorization") == "Bearer \(token)" })
            let printed = harness.recorder.log + harness.recorder.trace
            #expect(!printed.isEmpty && harness.recorder.trace.contains { $0.contains("Authorization: [redacted]") })
            #expect(printed.allSatisfy { !$0.contains(token) })

            let failing = try await RemoteHarness.start { _, _ in TestHTTPResponse(status: 400, json: #"{"message":"token \#(token) is malformed"}"#) }
            try await failing.server.serving {
                let error = await readingError(try failing.github(token: token))
                let message = "\(error.map { "\($0)" } ?? "")"
                #expect(message.contains("[redacted]") && !message.contains(token))
                #expect((failing.recorder.log + failing.recorder.trace).allSatisfy { !$0.contains(token) })
            }
        }
    }

    @Test func followsCommentPagesAndTellsBotsApart() async throws {
        let harness = try await RemoteHarness.start(count: 20, pageSize: 20) { request, _ in
            guard request.path.hasSuffix("/issues/7/comments") else { return nil }
            let host = request.header("host")!
            if request.query["page"] == "2" {
                return TestHTTPResponse(json: #"[{"user":{"login":"renovate","type":"Bot"},"body":"bump","created_at":"2024-02-02T00:00:00Z"}]"#)
            }
            return TestHTTPResponse(headers: [("Link", "<http://\(host)/repositories/42/issues/7/comments?page=2>; rel=\"next\", <http://\(host)/repositories/42/issues/7/comments?page=2>; rel=\"last\"")],
                                    json: #"[{"user":{"login":"alice","type":"User"},"body":"hi","created_at":"2024-02-01T00:00:00Z","author_association":"MEMBER"},"#
                                        + #"{"user":{"login":"helper[bot]","type":"User"},"body":"auto","created_at":"2024-02-01T12:00:00Z"}]"#)
        }
        try await harness.server.serving {
            let provider = try harness.github()
            let issue = TriageLanguage.Issue(number: 7, comments: 3, created: Timestamp(year: 2024, month: 1, day: 1)!, updated: Timestamp(year: 2024, month: 1, day: 1)!)
            let comments = try await provider.loadComments(of: issue)
            await provider.shutdown()
            #expect(comments.map(\.author) == ["alice", "helper[bot]", "renovate"])
            #expect(comments.map(\.bot) == [false, true, true])
            #expect(comments[0].association == "MEMBER" && comments[2].body == "bump")
            #expect(harness.server.requests.map(\.path) == ["/repos/acme/app/issues/7/comments", "/repositories/42/issues/7/comments"])
        }
    }

    @Test func replaysARecordedGitHubPaginationSequence() async throws {
        let recording = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Fixture.path("github-paginate-issues-exchanges.json"))))
        let exchanges = try #require((recording as? [String: Any])?["exchanges"] as? [[String: Any]])
        let answers = Answers()
        let server = try await TestHTTPServer.start { request in answers.answer(request) }
        try await server.serving {
            for exchange in exchanges {
                let path = try #require((exchange["request"] as? [String: Any])?["path"] as? String)
                let headers = (exchange["headers"] as? [[String]] ?? []).filter { $0[0].lowercased() != "content-length" && $0[0].lowercased() != "content-encoding" }
                    .map { (name: $0[0], value: $0[1].replacingOccurrences(of: "https://api.github.com", with: server.baseURL)) }
                let body = try JSONSerialization.data(withJSONObject: exchange["body"] ?? [])
                answers.set(path.replacingOccurrences(of: "?per_page=3", with: ""), TestHTTPResponse(headers: headers, body: Array(body)))
            }
            let provider = try GitHubIssueProvider(location: "octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe",
                                                   apiBase: server.baseURL, client: RemoteHarness.plainClient(), pageConcurrency: 3)
            let issues = try await readAll(provider)
            #expect(issues.count == 13)
            #expect(issues.map(\.number) == issues.map(\.number).sorted(by: >))
            #expect(server.requests.count == 5)
            #expect(server.requests.dropFirst().allSatisfy { $0.path == "/repositories/515435940/issues" })
        }
    }
}

/// Canned answers by path (query ignored but for `page`), for replaying recordings.
final class Answers: Sendable {
    private let table = Mutex<[String: TestHTTPResponse]>([:])
    func set(_ key: String, _ response: TestHTTPResponse) { table.withLock { $0[key] = response } }
    func answer(_ request: TestHTTPRequest) -> TestHTTPResponse {
        let key = request.path + (request.query["page"].map { "&page=\($0)" } ?? "")
        return table.withLock { $0[key] ?? $0[request.path] } ?? TestHTTPResponse(status: 404, json: "{}")
    }
}

extension RemoteHarness {
    /// An anonymous client with real waits (for servers that never ask for any).
    static func plainClient() -> APIClient {
        APIClient(hostName: "GitHub", tokenVariables: "GITHUB_TOKEN", token: nil, authHeader: { (name: "Authorization", value: "Bearer \($0)") },
                  transport: AsyncHTTPClientTransport(), policy: RetryPolicy(maxRetries: 0), log: { _ in })
    }
}

/// Concurrent requests share what one of them learned about the rate limit.
struct SharedRateLimitTests {
    /// A clock that moves only when a sleep ends, and whose first sleep lasts until `release()`;
    /// `firstSleepBegan` opens when that first sleep starts.
    final class HeldClock: Sendable {
        private let state = Mutex<(now: Double, sleeps: [Double])>((remoteTestNow, []))
        let firstSleepBegan = Gate()
        private let released = Gate()
        var sleeps: [Double] { state.withLock { $0.sleeps } }
        func release() { released.open() }

        func policy() -> RetryPolicy {
            RetryPolicy(maxRetries: 0, now: { self.state.withLock { $0.now } }, sleep: { seconds in
                let first = self.state.withLock { state in
                    state.sleeps.append(seconds)
                    return state.sleeps.count == 1
                }
                if first {
                    self.firstSleepBegan.open()
                    try await self.released.wait()
                }
                self.state.withLock { $0.now += first ? seconds : 0 }
            })
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func aRequestStartedDuringAWaitHoldsBackInsteadOfSpendingACall() async throws {
        let hits = Hits()
        let reset = Int(remoteTestNow) + 300
        let server = try await TestHTTPServer.start { request in
            if request.path == "/a", hits.hit("a") == 1 {
                return TestHTTPResponse(status: 403, headers: [("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "\(reset)")], json: "{}")
            }
            return TestHTTPResponse(json: "[]")
        }
        try await server.serving {
            let clock = HeldClock(), log = Recorder()
            let client = APIClient(hostName: "GitHub", tokenVariables: "GITHUB_TOKEN", token: nil, authHeader: { (name: "Authorization", value: $0) },
                                   transport: AsyncHTTPClientTransport(), policy: clock.policy(), log: { log.addLog($0) })
            let first = Task { try await client.get("\(server.baseURL)/a", resource: "a") }
            try await clock.firstSleepBegan.wait()
            // The limit is known to be exhausted for 301 s more: /b waits for that before it is sent.
            _ = try await client.get("\(server.baseURL)/b", resource: "b")
            #expect(clock.sleeps == [301, 301])
            clock.release()
            _ = try await first.value
            await client.shutdown()
            #expect(server.requests.map(\.path) == ["/a", "/b", "/a"])
            #expect(log.log.filter { $0.contains("rate limit") }.count == 1)
        }
    }
}
