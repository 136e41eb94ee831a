import Testing
import TriageEngine
import TriageProviders
import TriageTestSupport

/// Writes follow GitHub's REST best practices (issue 13): one at a time per host and account, at
/// least the write interval apart, whatever the caller's concurrency; reads are not held up; a
/// secondary rate limit means the write was not applied, so it is retried after the wait (the
/// server's `retry-after`, else the policy's fallback), once per write. Waits are recorded, never
/// slept; overlap is read from the fake's refusals and in-flight count, never from elapsed time.
struct WritePacingTests {
    static let token = "ghp_PACINGSECRET_0123456789"

    /// A fake whose writes are refused as GitHub refuses concurrent ones.
    static func start(limits: SecondaryWriteLimits, count: Int = 30) async throws -> RemoteHarness {
        let tracker = FakeIssueTracker(count: count, pageSize: 10)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "127.0.0.1")", limits: limits)
        }
        return RemoteHarness(server: server, tracker: tracker)
    }

    /// Writes on `numbers` from concurrent tasks, as `apply --concurrency` does: each a label and a comment.
    static func writeConcurrently(_ provider: GitHubIssueProvider, _ numbers: some Sequence<Int>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for number in numbers {
                group.addTask {
                    try await provider.perform(.addLabels(["paced"]), onIssue: number, pullRequest: false)
                    try await provider.perform(.comment(body: "paced \(number)"), onIssue: number, pullRequest: false)
                }
            }
            try await group.waitForAll()
        }
    }

    @Test func concurrentCallersWriteOneAtATimeAndTheIntervalApart() async throws {
        let limits = SecondaryWriteLimits()
        let harness = try await Self.start(limits: limits)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token, writeIntervalSeconds: 1)
            try await Self.writeConcurrently(provider, 1...12)
            await provider.shutdown()
        }
        #expect(limits.refusals.isEmpty, "\(limits.refusals)")
        #expect(limits.maxInFlightWrites == 1)
        #expect(harness.tracker.writes.count == 24)
        for number in 1...12 {
            #expect(harness.tracker.items[number - 1].posted.map(\.body) == ["paced \(number)"])
            #expect(harness.tracker.items[number - 1].labels.filter { $0 == "paced" }.count == 1)
        }
        // The first write goes at once; each later one waits the interval after the one before.
        #expect(harness.recorder.sleeps == Array(repeating: 1, count: 23))
        #expect(harness.recorder.log.isEmpty)
    }

    @Test func aZeroIntervalStillSendsWritesOneAtATimeAndReadsAreNotQueued() async throws {
        let limits = SecondaryWriteLimits()
        let harness = try await Self.start(limits: limits)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token, writeIntervalSeconds: 0)
            // Reads of single issues run alongside the writes.
            async let reads: [Int] = withThrowingTaskGroup(of: Int.self) { group in
                for number in 13...30 { group.addTask { try await provider.issue(number: number, kind: .issue).number } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await Self.writeConcurrently(provider, 1...12)
            #expect(try await reads.sorted() == Array(13...30))
            await provider.shutdown()
        }
        #expect(limits.refusals.isEmpty, "\(limits.refusals)")
        #expect(limits.maxInFlightWrites == 1)
        #expect(harness.tracker.writes.count == 24)
        #expect(harness.recorder.sleeps.isEmpty)
    }

    @Test func writesOfOtherAccountsOrHostsHaveQueuesOfTheirOwn() {
        let one = WriteQueue.shared(origin: "https://api.github.com", credential: "Bearer a")
        #expect(WriteQueue.shared(origin: "https://api.github.com", credential: "Bearer a") === one)
        #expect(WriteQueue.shared(origin: "https://api.github.com", credential: "Bearer b") !== one)
        #expect(WriteQueue.shared(origin: "https://ghe.example.com", credential: "Bearer a") !== one)
    }

    @Test func aSecondaryLimitWithoutRetryAfterWaitsThePolicyFallbackAndTheWriteIsAppliedOnce() async throws {
        let limits = SecondaryWriteLimits()
        limits.refuseNext(1, retryAfter: nil)
        let harness = try await Self.start(limits: limits)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token, secondaryLimitFallbackSeconds: 7)
            try await provider.perform(.close(reason: nil), onIssue: 1, pullRequest: false)
            await provider.shutdown()
        }
        #expect(limits.refusals.count == 1)
        #expect(harness.recorder.sleeps == [7])
        #expect(harness.tracker.writes.map(\.method) == ["PATCH"])
        #expect(harness.tracker.items[0].closed)
        #expect(harness.recorder.log == ["GitHub rate limit reached; waiting 7.0s until it resets"])
    }

    @Test func theFallbackIsAMinuteAsGitHubDocuments() {
        #expect(RetryPolicy().secondaryLimitFallbackSeconds == 60)
    }

    @Test func aPostRefusedByASecondaryLimitIsRetriedNotReportedFailed() async throws {
        let limits = SecondaryWriteLimits()
        limits.refuseNext(2, retryAfter: "3")
        let harness = try await Self.start(limits: limits)
        try await harness.server.serving {
            let provider = try harness.github(token: Self.token)
            try await provider.perform(.comment(body: "once"), onIssue: 2, pullRequest: false)
            await provider.shutdown()
        }
        #expect(limits.refusals.map(\.method) == ["POST", "POST"])
        #expect(harness.tracker.items[1].posted.map(\.body) == ["once"])
        #expect(harness.recorder.sleeps == [3, 3])
        // Two wait periods, one after the other: one line each.
        #expect(harness.recorder.log == Array(repeating: "GitHub rate limit reached; waiting 3.0s until it resets", count: 2))
    }

    @Test func aSecondaryLimitLongerThanMaxWaitStopsTheWriteUnapplied() async throws {
        let limits = SecondaryWriteLimits()
        limits.refuseNext(1, retryAfter: nil)
        let harness = try await Self.start(limits: limits)
        let error: RateLimitExceeded? = try await harness.server.serving {
            let provider = try harness.github(token: Self.token, maxWaitSeconds: 30)
            let error = await #expect(throws: RateLimitExceeded.self) {
                try await provider.perform(.comment(body: "never"), onIssue: 3, pullRequest: false)
            }
            await provider.shutdown()
            return error
        }
        #expect(error?.waitSeconds == 60)
        #expect(harness.tracker.writes.isEmpty)
        #expect(harness.recorder.sleeps.isEmpty)
    }

    @Test func requestsInFlightWhenALimitHitsShareOneWaitAndOneLine() async throws {
        // Eight reads at once, each answered 429 with retry-after the first time: one wait period.
        // The clock stands still, so all eight answers fall in the period the first one began.
        let hits = Hits(), recorder = Recorder()
        let harness = try await RemoteHarness.start(count: 10) { request, _ in
            guard hits.hit(request.path) == 1 else { return nil }
            return TestHTTPResponse(status: 429, headers: [("Retry-After", "4")], json: #"{"message":"slow down"}"#)
        }
        try await harness.server.serving {
            let client = APIClient(hostName: "GitHub", tokenVariables: "GITHUB_TOKEN", token: Self.token,
                                   authHeader: { (name: "Authorization", value: "Bearer \($0)") }, transport: AsyncHTTPClientTransport(),
                                   policy: RetryPolicy(now: { remoteTestNow }, sleep: { recorder.addSleep($0) }),
                                   requestTimeoutSeconds: 60, log: { recorder.addLog($0) })
            let provider = try GitHubIssueProvider(location: "acme/app", apiBase: harness.server.baseURL, client: client)
            let numbers = try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 1...8 { group.addTask { try await provider.issue(number: number, kind: .issue).number } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(numbers.sorted() == Array(1...8))
            await provider.shutdown()
        }
        #expect(recorder.log == ["GitHub rate limit reached; waiting 4.0s until it resets"])
    }
}
