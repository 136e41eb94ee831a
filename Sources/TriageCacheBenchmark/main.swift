import Foundation
import Synchronization
import TriageCache
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules
import TriageTestSupport

// Cold against warm runs through the cache over a large repository on the loopback fake with 50 ms
// latency per request: request counts (list, lazy, 304), wall time, the cache's size and the time to
// open it. `swift run triage-cache-bench` (BENCH_ISSUES=10000 by default; request counts do not
// depend on the build mode, and the latency dominates the times; BENCH_LATENCY_MS changes it).
// `RSS=fill|warm`: peak memory of a warm run (`WarmRunMemory.swift`). The second table is a full
// re-list (`--cache-max-age 0`) of the unchanged repository with a rule that reads no lazy data:
// every page read afresh (no stored pages, as every full re-list was before #11) against every
// page revalidated with its `ETag`.

/// The rule of every run (a conversation rule: it reads comments) and its evaluation instant. Not
/// top-level variables: those belong to the main actor, which waits for the benchmark below.
struct Workload: Sendable {
    let ruleSet: RuleSet
    let now = Timestamp(year: 2027, month: 1, day: 1)!

    /// A conversation rule: it reads comments.
    static let conversation = """
        rules:
          - name: bot-last
            when: last_comment != null and last_comment.bot
        """
    /// A rule over listed fields only: a run costs list requests and nothing else.
    static let listedFieldsOnly = """
        rules:
          - name: open-bugs
            when: state == "open" and "bug" in labels
        """

    init(_ text: String = Workload.conversation) {
        let loaded = RuleLoader.load([(path: "bench.yaml", bytes: Array(text.utf8))])
        precondition(!loaded.hasErrors, "\(loaded.diagnostics)")
        ruleSet = loaded.ruleSet
    }
}

func uptimeSeconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

struct RunReport {
    var name: String
    var list = 0, lazy = 0, notModified = 0, matches = 0
    var bytes = 0
    var seconds = 0.0
}

/// Bytes of response bodies the fake sent.
final class ByteCounter: Sendable {
    let total = Atomic<Int>(0)
}

func measure(_ name: String, _ workload: Workload, server: TestHTTPServer, bytes: ByteCounter, cacheDirectory: String?,
             maxAgeSeconds: Int = 86_400) async throws -> RunReport {
    let rules = workload.ruleSet.rules, now = workload.now
    let before = server.requests.count, bytesBefore = bytes.total.load(ordering: .relaxed)
    let configuration = ProviderConfiguration(location: "acme/app", apiURL: server.baseURL, logger: ProviderLogger(note: { print("note: \($0)") }),
                                              cache: cacheDirectory.map { ProviderCacheOptions(directory: $0, maxAgeSeconds: maxAgeSeconds) })
    let provider = try BuiltinProviders.github.make(configuration)
    let fields = workload.ruleSet.fieldsRead.union(IssueFieldSet([.number, .title, .url]))
    let query = QueryDerivation.query(for: rules, now: now, fields: fields)
    let engine = RuleEngine(rules: rules, options: .init(now: now, concurrency: 8))
    let started = uptimeSeconds()
    let statistics = try await engine.run(provider: provider, query: query) { _ in }
    var report = RunReport(name: name, seconds: uptimeSeconds() - started)
    report.notModified = provider.runNotes.notModified
    await provider.shutdown()
    let requests = server.requests.dropFirst(before)
    report.list = requests.filter { $0.path.hasSuffix("/issues") }.count
    report.lazy = requests.filter { $0.path.hasSuffix("/comments") || $0.path.hasSuffix("/events") }.count
    report.matches = statistics.matches
    report.bytes = bytes.total.load(ordering: .relaxed) - bytesBefore
    return report
}

func benchmark(issueCount: Int) async throws {
    let workload = Workload()
    let tracker = FakeIssueTracker(count: issueCount, pageSize: 100)
    let latency = Int(ProcessInfo.processInfo.environment["BENCH_LATENCY_MS"] ?? "") ?? 50
    let bytes = ByteCounter()
    let server = try await TestHTTPServer.start(latencyMilliseconds: latency) { request in
        let response = tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        bytes.total.add(response.body.count, ordering: .relaxed)
        return response
    }
    let directory = NSTemporaryDirectory() + "triage-cache-bench-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: directory) }
    var reports: [RunReport] = []
    reports.append(try await measure("no cache", workload, server: server, bytes: bytes, cacheDirectory: nil))
    reports.append(try await measure("cold cache", workload, server: server, bytes: bytes, cacheDirectory: directory))
    reports.append(try await measure("warm, unchanged", workload, server: server, bytes: bytes, cacheDirectory: directory))
    reports.append(try await measure("warm, unchanged again", workload, server: server, bytes: bytes, cacheDirectory: directory))
    // Full re-lists of the unchanged repository, before any edit: pages read afresh, then revalidated.
    let relistDirectory = NSTemporaryDirectory() + "triage-cache-bench-relist-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: relistDirectory) }
    let listed = Workload(Workload.listedFieldsOnly)
    let relists = [
        try await measure("full re-list, every page read (no stored pages)", listed, server: server, bytes: bytes, cacheDirectory: relistDirectory, maxAgeSeconds: 0),
        try await measure("full re-list, every page conditional", listed, server: server, bytes: bytes, cacheDirectory: relistDirectory, maxAgeSeconds: 0),
    ]
    for number in stride(from: 1, to: issueCount, by: max(1, issueCount / 20)).prefix(20) { tracker.edit(number) }
    reports.append(try await measure("warm, 20 edited", workload, server: server, bytes: bytes, cacheDirectory: directory))
    reports.append(try await measure("warm, 20 edited, full re-list", workload, server: server, bytes: bytes, cacheDirectory: directory, maxAgeSeconds: 0))
    await server.stop()

    print("\(issueCount) issues, pages of 100, \(latency) ms per request, rule `last_comment.bot` (\(reports[0].matches) matches)\n")
    print("| run | list requests | lazy requests | of them 304 | bytes received | wall |")
    print("|---|---:|---:|---:|---:|---:|")
    for report in reports {
        print("| \(report.name) | \(report.list) | \(report.lazy) | \(report.notModified) | \(report.bytes) | \(String(format: "%.2f", report.seconds)) s |")
    }
    let (fresh, conditional) = (relists[0], relists[1])
    print("\nfull re-list of the unchanged repository, rule `state == \"open\" and \"bug\" in labels` (\(fresh.matches) matches)\n")
    print("| | every page read | every page conditional | ratio |")
    print("|---|---:|---:|---:|")
    func ratio(_ a: Double, _ b: Double) -> String { a == 0 ? "–" : String(format: "%.3fx", b / a) }
    print("| requests | \(fresh.list + fresh.lazy) | \(conditional.list + conditional.lazy) | \(ratio(Double(fresh.list + fresh.lazy), Double(conditional.list + conditional.lazy))) |")
    print("| of them 304 | \(fresh.notModified) | \(conditional.notModified) | |")
    print("| bytes received (bodies) | \(fresh.bytes) | \(conditional.bytes) | \(ratio(Double(fresh.bytes), Double(conditional.bytes))) |")
    print("| wall | \(String(format: "%.2f", fresh.seconds)) s | \(String(format: "%.2f", conditional.seconds)) s | \(ratio(fresh.seconds, conditional.seconds)) |")
    print("| matches | \(fresh.matches) | \(conditional.matches) | |")
    var opens: [Double] = []
    var size = 0
    for _ in 0..<5 {
        let started = uptimeSeconds()
        guard let cache = try IssueCache.open(in: CacheDirectory(path: directory), note: { print("note: \($0)") }) else { continue }
        let items = try cache.items(of: CacheSourceKey(apiBase: server.baseURL, repository: "acme/app", description: "github:acme/app"))
        opens.append(uptimeSeconds() - started)
        precondition(items.count == issueCount)
        size = cache.sizeOnDisk()
    }
    let attributes = try FileManager.default.attributesOfItem(atPath: CacheDirectory(path: directory).databasePath)
    print("\ncache: \(size) bytes with its log (\((attributes[.size] as? NSNumber)?.intValue ?? 0) bytes database file)")
    print("open (lock, integrity check) and read all \(issueCount) items: median \(String(format: "%.1f", opens.sorted()[opens.count / 2] * 1000)) ms of \(opens.count)")
}

// Detached: a plain Task here would run on the main actor, which waits on the semaphore.
let done = DispatchSemaphore(value: 0)
Task.detached {
    do {
        let environment = ProcessInfo.processInfo.environment
        switch environment["RSS"] {
        case "fill": try await WarmRunMemory(environment: environment).fill()
        case "warm": try await WarmRunMemory(environment: environment).warm()
        default: try await benchmark(issueCount: Int(environment["BENCH_ISSUES"] ?? "") ?? 10_000)
        }
    } catch {
        print("error: \(error)")
    }
    done.signal()
}
done.wait()
