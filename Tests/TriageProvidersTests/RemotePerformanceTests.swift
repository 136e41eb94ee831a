import Foundation
import Testing
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// Walking 10,000 issues: ceil(10000/100) list calls, one at a time without page concurrency and
/// exactly `pageConcurrency` at once with it. How much faster that is in wall time is a benchmark
/// question, not a pass/fail one: this test checks the behaviour (requests overlap, up to the
/// bound) through the server's request log, never the clock.
struct RemotePerformanceTests {
    @Test func walking10000IssuesTakes100CallsOneAtATimeWithoutPageConcurrency() async throws {
        let harness = try await RemoteHarness.start(count: 10_000, pageSize: 100)
        try await harness.server.serving {
            let sequential = try harness.github(pageConcurrency: 1)
            let issues = try await readAll(sequential)
            #expect(issues.map(\.number) == Array(1...10_000))
            #expect(sequential.apiCalls == 100)
            #expect(harness.server.requests.count == 100)
            #expect(harness.server.maxInFlight == 1)
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func walking10000IssuesWithEightPagesAtOnceHasEightRequestsInFlight() async throws {
        // The first eight requests after the first page are held until all eight have arrived:
        // a provider that sent fewer at once would never get them answered (and hit the time limit).
        let listRequests = Tally(), eightInFlight = Gate()
        let harness = try await RemoteHarness.start(count: 10_000, pageSize: 100) { request, normal in
            let number = listRequests.increment()
            guard (2...9).contains(number) else { return nil }
            if number == 9 { eightInFlight.open() }
            var held = normal
            held.heldUntil = eightInFlight
            return held
        }
        try await harness.server.serving {
            let concurrent = try harness.github(pageConcurrency: 8)
            let issues = try await readAll(concurrent)
            #expect(issues.map(\.number) == Array(1...10_000))
            #expect(concurrent.apiCalls == 100)
            #expect(harness.server.requests.count == 100)
            #expect(harness.server.maxInFlight == 8)
        }
    }
}
