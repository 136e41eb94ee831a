import Foundation
import Testing
import TriageLanguage
import TriageProviders
import TriageTestSupport

/// Walking 10,000 issues with 50 ms of latency per request: about ceil(10000/100) list calls, and
/// concurrent pages well under the sequential time.
struct RemotePerformanceTests {
    @Test func walking10000IssuesTakes100CallsAndConcurrentPagesBeatSequentialOnes() async throws {
        let harness = try await RemoteHarness.start(count: 10_000, pageSize: 100, latencyMilliseconds: 50)
        defer { Task { await harness.server.stop() } }
        let clock = ContinuousClock()

        let sequential = try harness.github(pageConcurrency: 1)
        var count = 0
        let sequentialTime = try await clock.measure { count = try await readAll(sequential).count }
        #expect(count == 10_000)
        #expect(sequential.apiCalls == 100)

        // The best of three: a busy machine can stall one walk, never speed one up.
        var concurrentTime = Duration.seconds(1_000)
        for _ in 1...3 {
            let concurrent = try harness.github(pageConcurrency: 8)
            concurrentTime = min(concurrentTime, try await clock.measure { count = try await readAll(concurrent).count })
            #expect(count == 10_000)
            #expect(concurrent.apiCalls == 100)
        }
        #expect(harness.server.maxInFlight > 1)

        print("10,000 issues, 50 ms/request: \(sequential.apiCalls) calls sequential in \(sequentialTime), 100 calls with 8 pages at once in \(concurrentTime) (best of 3)")
        #expect(concurrentTime * 2 < sequentialTime)
    }
}
