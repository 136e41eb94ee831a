import Foundation
import TriageTestSupport

// Peak memory of a warm run, which must not grow with the repository (the cache is read row by row):
// `RSS=fill` fills the cache directory `BENCH_CACHE` with `BENCH_ISSUES` issues (a cold run, no
// latency); `RSS=warm` is one warm run over it in a process of its own, against a fake that lists
// nothing new, so `/usr/bin/time -v` of that process measures reading the cache and evaluating, not
// the fake's issues. Both serve on `BENCH_PORT` (default 47_311): the cache is keyed by API base URL.

struct WarmRunMemory {
    let issueCount: Int
    let directory: String
    let port: Int

    init(environment: [String: String]) {
        issueCount = Int(environment["BENCH_ISSUES"] ?? "") ?? 10_000
        directory = environment["BENCH_CACHE"] ?? NSTemporaryDirectory() + "triage-cache-bench-rss"
        port = Int(environment["BENCH_PORT"] ?? "") ?? 47_311
    }

    func fill() async throws {
        try? FileManager.default.removeItem(atPath: directory)
        let report = try await run(FakeIssueTracker(count: issueCount, pageSize: 100), "cold cache")
        print("filled \(directory) with \(issueCount) issues: \(report.list) list and \(report.lazy) lazy requests, \(report.matches) matches")
    }

    func warm() async throws {
        let report = try await run(FakeIssueTracker(count: 0, pageSize: 100), "warm")
        print("warm run over \(directory): \(report.list) list and \(report.lazy) lazy requests, \(report.matches) matches")
    }

    private func run(_ tracker: FakeIssueTracker, _ name: String) async throws -> RunReport {
        let server = try await TestHTTPServer.start(port: port) { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        return try await server.serving {
            try await measure(name, Workload(), server: server, bytes: ByteCounter(), cacheDirectory: directory)
        }
    }
}
