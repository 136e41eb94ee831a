import Foundation
import Testing
import TriageTestSupport

/// `triage apply` against a GitHub-shaped fake that refuses concurrent writes the way GitHub's
/// secondary rate limits do (issue 13): a plan of many writes is applied exactly once, with no
/// refusal caused by our own concurrency; a refused write is retried after the wait, with one
/// stderr line per wait; a wait beyond --max-wait stops with exit 3; a dry run says how long the
/// writes will take at the write interval. Overlap is read from the fake, never from elapsed time.
///
/// With 90 issues the rule matches the 60 open ones (`n % 3 != 0`): a label and a comment each,
/// 120 writes.
struct WritePacingCLITests {
    static let rules = """
        rules:
          - name: welcome
            when: state == "open"
            actions:
              - label: triaged
              - comment: "Thanks, @{{ author }}: a maintainer will look."
        """
    static let token = "ghp_PACINGCLISECRET_0123456789"

    static func start(count: Int = 90, limits: SecondaryWriteLimits = SecondaryWriteLimits()) async throws -> (TestHTTPServer, FakeIssueTracker) {
        let tracker = FakeIssueTracker(count: count, pageSize: 30)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")", limits: limits)
        }
        return (server, tracker)
    }

    static func triage(_ arguments: [String], environment: [String: String] = ["GITHUB_TOKEN": token]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return try await Triage.run(arguments, in: directory, timeout: 120, environment: environment)
    }

    static func github(_ server: TestHTTPServer, _ extra: [String]) -> [String] {
        ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01T00:00:00Z"] + extra
    }

    static func openNumbers(_ count: Int) -> [Int] { (1...count).filter { $0 % 3 != 0 } }

    /// Every open issue got its label and its comment exactly once, in plan order (label first).
    static func expectEachWriteOnce(_ tracker: FakeIssueTracker, count: Int) {
        let writes = tracker.writes
        #expect(writes.count == 2 * openNumbers(count).count)
        #expect(Set(writes).count == writes.count)
        for number in openNumbers(count) {
            let label = writes.firstIndex { $0.method == "POST" && $0.path == "/repos/acme/app/issues/\(number)/labels" }
            let comment = writes.firstIndex { $0.method == "POST" && $0.path == "/repos/acme/app/issues/\(number)/comments" }
            #expect(label != nil && comment != nil && label! < comment!, "#\(number): \(String(describing: label)) \(String(describing: comment))")
            let item = tracker.items[number - 1]
            #expect(item.labels.filter { $0 == "triaged" }.count == 1, "#\(number)")
            #expect(item.posted.count == 1, "#\(number)")
        }
    }

    @Test func manyWritesUnderSecondaryLimitsAreAppliedOnceWithNoRefusalOfOurMaking() async throws {
        let limits = SecondaryWriteLimits()
        let (server, tracker) = try await Self.start(limits: limits)
        let output = try await server.serving {
            try await Self.triage(Self.github(server, ["--yes", "--concurrency", "8", "--write-interval", "0"]))
        }
        #expect(output.status == 0, "\(output)")
        #expect(limits.refusals.isEmpty, "\(limits.refusals)")
        #expect(limits.maxInFlightWrites == 1)
        Self.expectEachWriteOnce(tracker, count: 90)
        #expect(output.stdoutLines.last == "120 writes planned on github:acme/app; 120 done, 0 failed, 0 not done", "\(output)")
        #expect(!output.stderr.contains("rate limit"), "\(output)")
    }

    @Test func refusedWritesAreRetriedAfterTheWaitWithOneLinePerWait() async throws {
        let limits = SecondaryWriteLimits()
        limits.refuseNext(3, retryAfter: "0")
        let (server, tracker) = try await Self.start(count: 30, limits: limits)
        let output = try await server.serving {
            try await Self.triage(Self.github(server, ["--yes", "--write-interval", "0"]))
        }
        #expect(output.status == 0, "\(output)")
        #expect(limits.refusals.count == 3 && limits.overlapRefusals == 0, "\(limits.refusals)")
        // The refused writes include POSTs (the first write of an issue is its label, a POST).
        #expect(limits.refusals.contains { $0.method == "POST" })
        Self.expectEachWriteOnce(tracker, count: 30)
        let waits = output.stderr.split(separator: "\n").filter { $0.contains("rate limit reached") }
        #expect(waits == Array(repeating: "GitHub rate limit reached; waiting 0.0s until it resets", count: 3), "\(output)")
        #expect(output.stdoutLines.last == "40 writes planned on github:acme/app; 40 done, 0 failed, 0 not done", "\(output)")
    }

    @Test func aSecondaryLimitBeyondMaxWaitStopsWithExit3AndSendsNoMoreWrites() async throws {
        let limits = SecondaryWriteLimits()
        limits.refuseNext(1, retryAfter: "120")
        let (server, tracker) = try await Self.start(count: 30, limits: limits)
        let output = try await server.serving {
            try await Self.triage(Self.github(server, ["--yes", "--write-interval", "0", "--max-wait", "30s"]))
        }
        #expect(output.status == 3, "\(output)")
        #expect(limits.refusals.count == 1)
        #expect(tracker.writes.isEmpty)
        #expect(output.stdout.contains("longer than --max-wait 30s"), "\(output)")
        #expect(output.stdoutLines.last == "40 writes planned on github:acme/app; 0 done, 40 failed, 0 not done", "\(output)")
    }

    @Test func aDryRunSaysHowLongTheWritesTakeAtTheInterval() async throws {
        let (server, _) = try await Self.start()
        try await server.serving {
            let text = try await Self.triage(Self.github(server, []))
            #expect(text.status == 0, "\(text)")
            #expect(text.stdoutLines.last == "120 writes planned on github:acme/app; writing them takes about 2m at 1 write/s (dry run: pass --yes to write)",
                    "\(text)")
            let slower = try await Self.triage(Self.github(server, ["--write-interval", "2s"]))
            #expect(slower.stdoutLines.last == "120 writes planned on github:acme/app; writing them takes about 4m at 1 write every 2s (dry run: pass --yes to write)")
            let unpaced = try await Self.triage(Self.github(server, ["--write-interval", "0"]))
            #expect(unpaced.stdoutLines.last == "120 writes planned on github:acme/app (dry run: pass --yes to write)")
            let json = try await Self.triage(Self.github(server, ["--format", "json"]))
            let document = try JSONSerialization.jsonObject(with: json.stdoutData) as? [String: Any]
            #expect(document?["write_interval_seconds"] as? Double == 1)
            #expect(document?["estimated_write_seconds"] as? Double == 120)
            let markdown = try await Self.triage(Self.github(server, ["--format", "markdown"]))
            #expect(markdown.stdout.contains("`github:acme/app`: 120 writes planned; writing them takes about 2m at 1 write/s (dry run:"), "\(markdown)")
        }
        #expect(server.requests.allSatisfy { $0.method == "GET" })
    }

    @Test func gitLabWritesAreNotPacedByDefault() async throws {
        let (server, _) = try await Self.start()
        try await server.serving {
            let output = try await Self.triage(["apply", "--rules", "rules.yaml", "--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4",
                                                "--now", "2024-06-01T00:00:00Z"], environment: [:])
            #expect(output.status == 0, "\(output)")
            #expect(output.stdoutLines.last == "120 writes planned on gitlab:acme/app (dry run: pass --yes to write)", "\(output)")
        }
    }
}
