import Foundation
import Synchronization
import Testing
import TriageTestSupport

/// The persistent cache and incremental sync through the CLI (SPEC §7), asserted on the fake's
/// request log — never on time — and on answers byte-identical to `--no-cache`.
struct CacheTests {
    static let conversationRules = """
        rules:
          - name: bot-last
            when: last_comment != null and last_comment.bot
        """

    /// Rules whose filters all push down (`state=open`, `labels=bug`): the cache must filter locally.
    static let pushedDownRules = """
        rules:
          - name: open-bugs
            when: >-
              state == "open" and "bug" in labels
          - name: open-bugs-talked-about
            when: >-
              state == "open" and "bug" in labels and len(commenters) >= 2
        """

    static let mixedRules = """
        rules:
          - name: bot-last
            when: last_comment != null and last_comment.bot and state == "open"
          - name: idle-prs
            when: kind == "pull_request" and idle > 30d
          - name: old-question
            when: >-
              "question" in labels and label_age("question") > 1d
          - name: closed-bug
            when: >-
              state == "closed" and "bug" in labels
        """

    @Test func anUnchangedRepositoryCostsOneListRequestAndNoLazyRequests() async throws {
        let repository = try await CachedRepository.start(count: 2000, pageSize: 100)
        try await repository.server.serving {
            let cold = try await repository.check(rules: Self.conversationRules)
            #expect(cold.status == 0 && cold.stdout.contains(#""rule":"bot-last""#), "\(cold)")
            let withComments = (1...2000).filter { $0 % 4 != 0 }
            #expect(repository.listRequests() == 20 && repository.lazyRequests() == withComments.count)

            let warm = try await repository.check(rules: Self.conversationRules)
            #expect(repository.listRequests() == 1 && repository.lazyRequests() == 0)
            #expect(warm.stdout == cold.stdout && warm.status == cold.status)
            // Still nothing changed: the same (empty) listing is asked with its ETag and costs a 304.
            let again = try await repository.check(rules: Self.conversationRules, format: "text")
            #expect(repository.listRequests() == 1 && repository.lazyRequests() == 0)
            #expect(repository.lastRun.first?.header("if-none-match") != nil)
            #expect(again.stdout.contains(", 1 API calls (1 not modified), "), "\(again)")

            // 20 issues change; only those with comments reach `last_comment` and need a request,
            // revalidated with their ETag: the comments did not change, so each is a 304.
            let changed = Array(101...120)
            for number in changed { repository.tracker.edit(number) }
            let afterChanges = try await repository.check(rules: Self.conversationRules, format: "text")
            #expect(repository.listRequests() == 1)
            let reached = changed.filter { $0 % 4 != 0 }
            #expect(Set(repository.lastRun.filter(\.isLazy).map(\.path)) == Set(reached.map { "/repos/acme/app/issues/\($0)/comments" }))
            #expect(repository.lastRun.filter(\.isLazy).count == reached.count)
            #expect(afterChanges.stdout.contains("API calls (\(reached.count) not modified)"), "\(afterChanges)")

            let uncached = try await repository.check(rules: Self.conversationRules, cached: false)
            #expect(uncached.stdout == cold.stdout)
        }
    }

    @Test func gitLabSyncsIssuesAndMergeRequestsIncrementally() async throws {
        let repository = try await CachedRepository.start(count: 300, pageSize: 50, gitLab: true)
        try await repository.server.serving {
            let cold = try await repository.check(rules: Self.conversationRules)
            #expect(repository.listRequests() == 7)
            _ = try await repository.check(rules: Self.conversationRules)
            // One request per listing (issues, merge requests), each with `updated_after`.
            #expect(repository.listRequests() == 2 && repository.lazyRequests() == 0)
            #expect(repository.lastRun.allSatisfy { $0.query["updated_after"] != nil && $0.query["state"] == "all" && $0.query["labels"] == nil })
            _ = try await repository.check(rules: Self.conversationRules)
            #expect(repository.lastRun.count == 2 && repository.lastRun.allSatisfy { $0.header("if-none-match") != nil })
            // Issue 12 had no comments; a bot's comment makes it match.
            repository.tracker.comment(on: 12, by: "renovate[bot]", "bump")
            let changed = try await repository.check(rules: Self.conversationRules)
            #expect(repository.lastRun.filter(\.isLazy).map(\.path) == ["/api/v4/projects/acme%2Fapp/issues/12/notes"])
            let uncached = try await repository.check(rules: Self.conversationRules, cached: false)
            #expect(changed.stdout == uncached.stdout && changed.stdout != cold.stdout)
        }
    }

    /// A full re-list cut short by `--max-requests` commits nothing: the next full re-list still
    /// revalidates the pages stored before it, and finds the changed one changed.
    @Test func aBudgetCutFullRelistCommitsNothing() async throws {
        let repository = try await CachedRepository.start(count: 350, pageSize: 100)
        try await repository.server.serving {
            _ = try await repository.check(rules: Self.conversationRules)
            // Issue 320 (page 4) has no comments: its change costs no lazy request.
            repository.tracker.edit(320)
            let cut = try await repository.check(rules: Self.conversationRules, extra: ["--cache-max-age", "0s", "--max-requests", "2"])
            #expect(cut.status == 1 && repository.listRequests() == 2, "\(cut)")
            let next = try await repository.check(rules: Self.conversationRules, format: "text", extra: ["--cache-max-age", "0s"])
            #expect(repository.listRequests() == 4 && repository.lastRun.allSatisfy { $0.header("if-none-match") != nil })
            #expect(next.stdout.contains(", 4 API calls (3 not modified), "), "\(next)")
            let cached = try await repository.check(rules: Self.mixedRules, extra: ["--cache-max-age", "0s"])
            let uncached = try await repository.check(rules: Self.mixedRules, cached: false)
            #expect(cached.stdout == uncached.stdout)
        }
    }

    /// A seeded random sequence of changes; after every step the cached answers equal `--no-cache`'s,
    /// for rules whose filters push down and for rules that read everything. About half the steps
    /// are full re-lists (`--cache-max-age 0s`), which revalidate the pages of the last one.
    @Test(arguments: [false, true])
    func answersEqualUncachedOnEveryStepOfRandomChanges(gitLab: Bool) async throws {
        let repository = try await CachedRepository.start(count: 160, pageSize: 30, gitLab: gitLab)
        var random = SplitMix64(seed: gitLab ? 0x6C61_6221 : 0x6769_7468)
        try await repository.server.serving {
            var revalidatedPages = 0
            for step in 0..<8 {
                var fullList = random.next(below: 2) == 0
                if step > 0 {
                    for _ in 0..<(1 + random.next(below: 5)) {
                        let number = 1 + random.next(below: repository.tracker.items.count)
                        switch random.next(below: 6) {
                        case 0: repository.tracker.edit(number)
                        case 1: repository.tracker.toggleLabel(["bug", "question"][random.next(below: 2)], on: number)
                        case 2: repository.tracker.comment(on: number, by: ["alice", "dependabot[bot]"][random.next(below: 2)], "step \(step)")
                        case 3: repository.tracker.toggleClosed(number)
                        case 4: repository.tracker.create(pullRequest: random.next(below: 3) == 0, labels: random.next(below: 2) == 0 ? ["bug"] : [])
                        default:
                            // Deleted items stay cached until a full list (SPEC §7): force one.
                            repository.tracker.delete(number)
                            fullList = true
                        }
                    }
                }
                for rules in [Self.pushedDownRules, Self.mixedRules] {
                    let maxAge = fullList ? ["--cache-max-age", "0s"] : []
                    let cached = try await repository.check(rules: rules, format: "jsonl", extra: maxAge)
                    if fullList { revalidatedPages += repository.lastRun.filter { $0.isList && $0.header("if-none-match") != nil }.count }
                    let uncached = try await repository.check(rules: rules, format: "jsonl", cached: false)
                    #expect(cached.stdout == uncached.stdout, "step \(step): \(cached) vs \(uncached)")
                    #expect(cached.status == uncached.status && cached.stderr.isEmpty, "step \(step): \(cached)")
                }
            }
            #expect(revalidatedPages > 0)
        }
    }

    /// Killed mid-sync (SIGKILL: no cleanup at all) at several points, the cache still gives the
    /// answers of a cold run, to the next run and to the next full re-list, which revalidates the
    /// pages stored by the last complete one (schema 2).
    @Test func aRunKilledMidSyncLeavesAUsableCache() async throws {
        let repository = try await CachedRepository.start(count: 400, pageSize: 50)
        try await repository.server.serving {
            _ = try await repository.check(rules: Self.mixedRules)
            // Where to stop: a list page of a full re-list, a list page of an incremental sync, a
            // comment request (lazy data being stored).
            let points: [(String, [String], @Sendable (TestHTTPRequest) -> Bool)] = [
                ("full list page 4", ["--cache-max-age", "0s"], { $0.query["page"] == "4" }),
                ("comments after a full re-list", ["--cache-max-age", "0s"], { $0.path.hasSuffix("/comments") }),
                ("incremental list", [], { $0.path.hasSuffix("/issues") && $0.query["since"] != nil }),
                ("comments", [], { $0.path.hasSuffix("/comments") }),
            ]
            for (name, extra, matches) in points {
                for number in [3, 17, 40, 41, 250] { repository.tracker.comment(on: number, by: "dependabot[bot]", name) }
                repository.tracker.toggleClosed(9)
                repository.tracker.create(labels: ["question"])
                let arrived = Gate(), release = Gate()
                repository.hold(when: matches, arrived: arrived, until: release)
                let pid = Mutex<Int32>(0)
                async let killed = repository.check(rules: Self.mixedRules, extra: extra, started: { id in pid.withLock { $0 = id } })
                try await arrived.wait()
                kill(pid.withLock { $0 }, SIGKILL)
                let outcome = try await killed
                release.open()
                repository.hold(when: nil)
                #expect(outcome.status != 0 && outcome.status != 1, "\(name): \(outcome)")
                let next = try await repository.check(rules: Self.mixedRules)
                let cold = try await repository.check(rules: Self.mixedRules, cached: false)
                #expect(next.stdout == cold.stdout && next.stderr.isEmpty, "\(name): \(next)")
                let relisted = try await repository.check(rules: Self.mixedRules, extra: ["--cache-max-age", "0s"])
                #expect(repository.lastRun.contains { $0.header("if-none-match") != nil }, "\(name)")
                #expect(relisted.stdout == cold.stdout && relisted.stderr.isEmpty, "\(name): \(relisted)")
            }
        }
    }

    @Test func theTokenIsNeverStoredAndTheDirectoryIsPrivate() async throws {
        let token = "ghp_CACHESECRET_0123456789abcdef"
        let repository = try await CachedRepository.start(count: 120, pageSize: 50, cacheSubdirectory: "deeper/triage")
        try await repository.server.serving {
            _ = try await repository.check(rules: Self.conversationRules, environment: ["GITHUB_TOKEN": token])
            let attributes = try FileManager.default.attributesOfItem(atPath: repository.cacheDirectory.path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
            let files = try FileManager.default.contentsOfDirectory(atPath: repository.cacheDirectory.path)
            #expect(files.contains("cache.sqlite"))
            var stored = Data()
            for file in files { stored += try Data(contentsOf: repository.cacheDirectory.appendingPathComponent(file)) }
            #expect(stored.range(of: Data("Issue 17".utf8)) != nil)
            #expect(stored.range(of: Data(token.utf8)) == nil && stored.range(of: Data("CACHESECRET".utf8)) == nil)
        }
    }

    @Test func aCorruptCacheIsRebuiltWithANote() async throws {
        let repository = try await CachedRepository.start(count: 120, pageSize: 50)
        try await repository.server.serving {
            let first = try await repository.check(rules: Self.conversationRules)
            try Data(repeating: 0x42, count: 4096).write(to: repository.cacheDirectory.appendingPathComponent("cache.sqlite"))
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(at: repository.cacheDirectory.appendingPathComponent("cache.sqlite" + suffix)) }
            let rebuilt = try await repository.check(rules: Self.conversationRules)
            #expect(rebuilt.stdout == first.stdout)
            #expect(rebuilt.stderr.hasPrefix("rebuilding the cache at \(repository.cacheDirectory.path): "), "\(rebuilt)")
            #expect(repository.listRequests() == 3)
        }
    }

    @Test func cacheInfoAndClear() async throws {
        let repository = try await CachedRepository.start(count: 120, pageSize: 50)
        try await repository.server.serving {
            _ = try await repository.check(rules: Self.conversationRules)
            let cache = ["--cache", repository.cacheDirectory.path]
            let info = try await Triage.run(["cache", "info"] + cache)
            #expect(info.status == 0, "\(info)")
            try #require(info.stdoutLines.count == 3, "\(info)")
            #expect(info.stdoutLines[0] == "path: \(repository.cacheDirectory.path)/cache.sqlite")
            #expect(info.stdoutLines[1].hasPrefix("size: "))
            #expect(info.stdoutLines[2].hasPrefix("github:acme/app (\(repository.server.baseURL)): 120 issues, last sync 20"), "\(info)")
            let unknown = try await Triage.run(["cache", "clear", "github:acme/other"] + cache)
            #expect(unknown.stdout == "cleared 0 sources\n" && unknown.stderr == "nothing cached for github:acme/other\n")
            let cleared = try await Triage.run(["cache", "clear", "github:acme/app"] + cache)
            #expect(cleared.status == 0 && cleared.stdout == "cleared 1 source\n", "\(cleared)")
            let empty = try await Triage.run(["cache", "info"] + cache)
            #expect(empty.stdoutLines.count == 2, "\(empty)")
            _ = try await repository.check(rules: Self.conversationRules)
            #expect(repository.listRequests() == 3)
        }
    }
}

/// A fake repository on a loopback server, a working directory for rule files and a cache
/// directory; counts the requests of the last run.
final class CachedRepository: Sendable {
    let tracker: FakeIssueTracker
    let server: TestHTTPServer
    let gitLab: Bool
    let workDirectory: URL
    let cacheDirectory: URL
    private let interception = Mutex<Hold?>(nil)
    private let runStart = Mutex(0)

    /// A response being held: which requests, when one arrived, what releases it.
    private struct Hold {
        var matches: @Sendable (TestHTTPRequest) -> Bool
        var arrived: Gate
        var release: Gate
    }

    private init(tracker: FakeIssueTracker, server: TestHTTPServer, gitLab: Bool, workDirectory: URL, cacheDirectory: URL) {
        self.tracker = tracker
        self.server = server
        self.gitLab = gitLab
        self.workDirectory = workDirectory
        self.cacheDirectory = cacheDirectory
    }

    deinit { try? FileManager.default.removeItem(at: workDirectory) }

    static func start(count: Int, pageSize: Int, gitLab: Bool = false, cacheSubdirectory: String = "cache") async throws -> CachedRepository {
        let tracker = FakeIssueTracker(count: count, pageSize: pageSize)
        let holder = Holder()
        let server = try await TestHTTPServer.start { request in
            var response = tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
            if let hold = holder.hold(for: request) {
                hold.arrived.open()
                response.heldUntil = hold.release
            }
            return response
        }
        let work = try makeTemporaryDirectory()
        let repository = CachedRepository(tracker: tracker, server: server, gitLab: gitLab, workDirectory: work,
                                          cacheDirectory: work.appendingPathComponent(cacheSubdirectory))
        holder.repository.withLock { $0 = repository }
        return repository
    }

    /// Holds the first response to a request `matches` selects until `release` opens, opening
    /// `arrived` when it comes; nil stops holding.
    func hold(when matches: (@Sendable (TestHTTPRequest) -> Bool)?, arrived: Gate = Gate(), until release: Gate = Gate()) {
        interception.withLock { $0 = matches.map { Hold(matches: $0, arrived: arrived, release: release) } }
    }

    fileprivate func takeHold(for request: TestHTTPRequest) -> (arrived: Gate, release: Gate)? {
        interception.withLock { hold in
            guard let current = hold, current.matches(request), !current.arrived.isOpen else { return nil }
            return (current.arrived, current.release)
        }
    }

    /// `triage check` with `rules`, cached in `cacheDirectory` unless `cached` is false.
    func check(rules: String, format: String = "jsonl", cached: Bool = true, extra: [String] = [], environment: [String: String] = [:],
               started: (@Sendable (Int32) -> Void)? = nil) async throws -> Triage.Output {
        try rules.write(to: workDirectory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        runStart.withLock { $0 = server.requests.count }
        let source = gitLab ? ["--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4"]
                            : ["--source", "github:acme/app", "--api-url", server.baseURL]
        let cache = cached ? ["--cache", cacheDirectory.path] : ["--no-cache"]
        return try await Triage.run(["check", "--rules", "rules.yaml", "--now", "2027-01-01", "--format", format, "--fail-on", "none"]
                                    + source + cache + extra, in: workDirectory, timeout: 120, environment: environment, started: started)
    }

    /// The requests of the last `check`.
    var lastRun: [TestHTTPRequest] { Array(server.requests.dropFirst(runStart.withLock { $0 })) }
    func listRequests() -> Int { lastRun.filter(\.isList).count }
    func lazyRequests() -> Int { lastRun.filter(\.isLazy).count }
}

/// Lets the server's handler, made before the repository, reach it.
private final class Holder: Sendable {
    let repository = Mutex<CachedRepository?>(nil)
    func hold(for request: TestHTTPRequest) -> (arrived: Gate, release: Gate)? {
        repository.withLock { $0 }?.takeHold(for: request)
    }
}

extension TestHTTPRequest {
    var isList: Bool { path.hasSuffix("/issues") || path.hasSuffix("/merge_requests") }
    var isLazy: Bool { ["/comments", "/events", "/notes", "/resource_label_events"].contains { path.hasSuffix($0) } }
}
