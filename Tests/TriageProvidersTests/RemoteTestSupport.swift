import Foundation
import Synchronization
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules
import TriageTestSupport

/// The fixed "wall clock" of the remote tests, in seconds since the epoch (2023-11-14T22:13:20Z).
let remoteTestNow = 1_700_000_000.0

/// What a provider under test said and waited: log lines, trace lines and sleeps, all instant.
final class Recorder: Sendable {
    private let state = Mutex<(log: [String], trace: [String], sleeps: [Double])>(([], [], []))
    /// The test clock: the fixed start plus every recorded sleep, so a wait "passes" instantly.
    var now: Double { remoteTestNow + state.withLock { $0.sleeps.reduce(0, +) } }
    var log: [String] { state.withLock { $0.log } }
    var trace: [String] { state.withLock { $0.trace } }
    var sleeps: [Double] { state.withLock { $0.sleeps } }
    func addLog(_ line: String) { state.withLock { $0.log.append(line) } }
    func addTrace(_ line: String) { state.withLock { $0.trace.append(line) } }
    func addSleep(_ seconds: Double) { state.withLock { $0.sleeps.append(seconds) } }
}

/// Per-path request counts, for scenarios that misbehave on the first request of a page only.
final class Hits: Sendable {
    private let counts = Mutex<[String: Int]>([:])
    /// Counts a request for `key` and returns how many there were, this one included.
    func hit(_ key: String) -> Int { counts.withLock { $0[key, default: 0] += 1; return $0[key]! } }
}

/// A fake tracker on a loopback server, plus providers pointed at it with instant, recorded waits.
struct RemoteHarness {
    let server: TestHTTPServer
    let tracker: FakeIssueTracker
    let recorder = Recorder()

    /// Starts a server for `count` issues in pages of `pageSize`; `scenario` may answer a request
    /// instead of the tracker, whose answer it gets (return nil to keep that).
    static func start(count: Int = 250, pageSize: Int = 20,
                      scenario: @escaping @Sendable (_ request: TestHTTPRequest, _ normal: TestHTTPResponse) -> TestHTTPResponse? = { _, _ in nil }
    ) async throws -> RemoteHarness {
        let tracker = FakeIssueTracker(count: count, pageSize: pageSize)
        let server = try await TestHTTPServer.start { request in
            let normal = tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "127.0.0.1")")
            return scenario(request, normal) ?? normal
        }
        return RemoteHarness(server: server, tracker: tracker)
    }

    func policy(maxWaitSeconds: Int = 900, maxRetries: Int = 3, secondaryLimitFallbackSeconds: Double = 60) -> RetryPolicy {
        let recorder = self.recorder
        return RetryPolicy(maxRetries: maxRetries, baseBackoffSeconds: 0.01, maxBackoffSeconds: 0.05, maxWaitSeconds: maxWaitSeconds,
                           secondaryLimitFallbackSeconds: secondaryLimitFallbackSeconds,
                           now: { recorder.now }, sleep: { recorder.addSleep($0) }, random: { 0.5 })
    }

    /// A client with instant, recorded waits. The generous default timeout matters: in the full
    /// suite the cooperative pool can be blocked for seconds (CLI tests wait on subprocesses), and a
    /// client that cannot resume in time reports a timeout although the server answered.
    func client(gitLab: Bool = false, token: String? = nil, maxWaitSeconds: Int = 900, maxRetries: Int = 3,
                timeoutSeconds: Double = 60, writeIntervalSeconds: Double = 0, secondaryLimitFallbackSeconds: Double = 60) -> APIClient {
        let recorder = self.recorder
        return APIClient(
            hostName: gitLab ? "GitLab" : "GitHub", tokenVariables: gitLab ? "GITLAB_TOKEN" : "GITHUB_TOKEN or GH_TOKEN", token: token,
            authHeader: gitLab ? { (name: "PRIVATE-TOKEN", value: $0) } : { (name: "Authorization", value: "Bearer \($0)") },
            transport: AsyncHTTPClientTransport(),
            policy: policy(maxWaitSeconds: maxWaitSeconds, maxRetries: maxRetries, secondaryLimitFallbackSeconds: secondaryLimitFallbackSeconds),
            requestTimeoutSeconds: timeoutSeconds, writeIntervalSeconds: writeIntervalSeconds,
            log: { recorder.addLog($0) }, trace: { recorder.addTrace($0) })
    }

    func github(_ location: String = "acme/app", token: String? = nil, pageConcurrency: Int = 4, maxWaitSeconds: Int = 900,
                maxRetries: Int = 3, timeoutSeconds: Double = 60, writeIntervalSeconds: Double = 0,
                secondaryLimitFallbackSeconds: Double = 60) throws -> GitHubIssueProvider {
        try GitHubIssueProvider(location: location, apiBase: server.baseURL,
                                client: client(token: token, maxWaitSeconds: maxWaitSeconds, maxRetries: maxRetries, timeoutSeconds: timeoutSeconds,
                                               writeIntervalSeconds: writeIntervalSeconds,
                                               secondaryLimitFallbackSeconds: secondaryLimitFallbackSeconds),
                                pageConcurrency: pageConcurrency)
    }

    func gitlab(_ location: String = "acme/app", token: String? = nil, pageConcurrency: Int = 4) throws -> GitLabIssueProvider {
        try GitLabIssueProvider(location: location, apiBase: "\(server.baseURL)/api/v4", client: client(gitLab: true, token: token),
                                pageConcurrency: pageConcurrency)
    }

    /// Requests whose path contains `fragment`.
    func requests(containing fragment: String) -> [TestHTTPRequest] {
        server.requests.filter { $0.uri.contains(fragment) }
    }
}

/// Reads every issue of `provider` for `query`, then shuts its client down.
func readAll<P: IssueProvider & RemoteIssueProvider>(_ provider: P, query: IssueQuery = .everything) async throws -> [TriageLanguage.Issue] {
    do {
        var issues: [TriageLanguage.Issue] = []
        for try await issue in provider.issues(matching: query) { issues.append(issue) }
        await provider.shutdown()
        return issues
    } catch {
        await provider.shutdown()
        throw error
    }
}

/// The error reading `provider` fails with (nil when it does not fail).
func readingError<P: IssueProvider & RemoteIssueProvider>(_ provider: P, query: IssueQuery = .everything) async -> (any Error)? {
    do {
        _ = try await readAll(provider, query: query)
        return nil
    } catch {
        return error
    }
}

/// Runs `rules` over `provider` as `triage check` does; returns `rule:number` for each match.
func matches(of rules: RuleSet, in provider: any IssueProvider, now: Timestamp = testNow) async throws -> [String] {
    let fields = rules.fieldsRead.union(IssueFieldSet([.number, .title, .url]))
    let query = QueryDerivation.query(for: rules.rules, now: now, fields: fields)
    let engine = RuleEngine(rules: rules.rules, options: .init(now: now, concurrency: 2))
    var found: [String] = []
    _ = try await engine.run(provider: provider, query: query) { outcome in
        #expect(outcome.errors.isEmpty, "\(outcome.errors)")
        for index in outcome.matchedRules { found.append("\(rules.rules[index].name):\(outcome.issue.number)") }
    }
    if let remote = provider as? any RemoteIssueProvider { await remote.shutdown() }
    return found
}
