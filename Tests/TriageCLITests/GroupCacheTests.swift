import Foundation
import Synchronization
import Testing
import TriageTestSupport

/// `gitlab:GROUP/*` behind the cache (SPEC §7): the group's two lists are synced incrementally as
/// one source, so an unchanged group costs its two listings and nothing per project, a changed one
/// only what changed, and a full re-list revalidates each stored page. Asserted on the fake's
/// request log and on answers byte-identical to `--no-cache`.
struct GroupCacheTests {
    /// Every item listed (so deletions and moves show), plus a conversation rule and a label-history rule.
    static let rules = """
        rules:
          - name: every-item
            when: len(title) > 0 and state == "open"
          - name: bot-last
            when: last_comment != null and last_comment.bot
          - name: old-question
            when: >-
              "question" in labels and label_age("question") > 1d
        """

    static let groupLists: Set<String> = ["/api/v4/groups/acme/issues", "/api/v4/groups/acme/merge_requests"]

    /// A group of three projects (one archived), 7 items to a page: 6 issue pages and 1 merge-request page.
    static func organization() -> FakeOrganization {
        FakeOrganization(pageSize: 7, repositories: [
            ("web", 24, false, false, false, nil), ("old", 10, true, false, false, nil), ("api", 17, false, false, false, nil),
        ])
    }

    struct Group {
        let organization: FakeOrganization
        let server: TestHTTPServer
        let directory = NSTemporaryDirectory() + "triage-group-sync-" + UUID().uuidString

        struct Run {
            var output: Triage.Output
            var requests: [TestHTTPRequest]

            var lists: [TestHTTPRequest] { requests.filter(\.isList) }
            var lazy: [String] { requests.filter(\.isLazy).map(\.path).sorted() }
        }

        func tracker(_ name: String) throws -> FakeIssueTracker { try #require(organization.repository(name)).tracker }

        func check(cached: Bool = true, format: String = "jsonl", extra: [String] = []) async throws -> Run {
            let before = server.requests.count
            let output = try await OrganizationSourceTests.triage(
                ["check", "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(server.baseURL)/api/v4",
                 "--now", "2024-06-01", "--format", format, "--fail-on", "none"] + (cached ? ["--cache", directory] : ["--no-cache"]) + extra,
                rules: GroupCacheTests.rules, environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
            return Run(output: output, requests: Array(server.requests.dropFirst(before)))
        }

        /// A cached run and a `--no-cache` run after it: their answers must be the same.
        func checkAgainstUncached(extra: [String] = [], _ context: String = "") async throws -> Run {
            let cached = try await check(extra: extra)
            let uncached = try await check(cached: false)
            #expect(cached.output.stdout == uncached.output.stdout, "\(context): \(cached.output) vs \(uncached.output)")
            #expect(cached.output.status == uncached.output.status && cached.output.stderr.isEmpty, "\(cached.output)")
            return cached
        }
    }

    static func serve(_ organization: FakeOrganization = organization()) async throws -> Group {
        Group(organization: organization, server: try await OrganizationSourceTests.serve(organization))
    }

    @Test func anUnchangedGroupCostsItsTwoListingsAndAChangedOneOnlyWhatChanged() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        try await group.server.serving {
            let cold = try await group.checkAgainstUncached()
            #expect(cold.lists.count == 7 && Set(cold.lists.map(\.path)) == Self.groupLists, "\(cold.lists.map(\.uri))")
            #expect(!cold.lazy.isEmpty)

            // Nothing changed: the two group listings, asked what changed since the last sync, and nothing per project.
            let warm = try await group.checkAgainstUncached()
            #expect(warm.requests.count == 2 && Set(warm.requests.map(\.path)) == Self.groupLists, "\(warm.requests.map(\.uri))")
            #expect(warm.requests.allSatisfy { $0.query["updated_after"] != nil })
            // Found empty, each listing is asked again with its ETag: two 304s.
            let again = try await group.check(format: "text")
            #expect(again.requests.count == 2 && again.requests.allSatisfy { $0.header("if-none-match") != nil }, "\(again.requests.map(\.uri))")
            #expect(again.output.stdout.contains(", 2 API calls (2 not modified), "), "\(again.output)")

            // One issue of one project changes: listed, and only its lazy data is read again.
            try group.tracker("api").edit(3)
            let changed = try await group.checkAgainstUncached()
            #expect(changed.lists.count == 2 && changed.requests.count == 2 + changed.lazy.count, "\(changed.requests.map(\.uri))")
            // (Issue 3 has no `question` label: its label events are never asked.) The same number in
            // another project is another item: web#3 keeps its cached notes.
            #expect(changed.lazy == ["/api/v4/projects/acme%2Fapi/issues/3/notes"], "\(changed.lazy)")
        }
    }

    /// A full re-list (`--cache-max-age 0s`) asks each stored page with its `ETag`: an unchanged group
    /// answers 304 to every page; after a deletion in one project and a move to another (gone from
    /// one, created in the other), the pages before the change still answer 304 and the deleted and
    /// moved items are gone.
    @Test func aFullRelistRevalidatesPagesAndDropsDeletionsAndMoves() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        try await group.server.serving {
            _ = try await group.checkAgainstUncached()
            let unchanged = try await group.check(format: "text", extra: ["--cache-max-age", "0s"])
            #expect(unchanged.requests.count == 7 && unchanged.requests.allSatisfy { $0.isList && $0.header("if-none-match") != nil },
                    "\(unchanged.requests.map(\.uri))")
            #expect(unchanged.output.stdout.contains(", 7 API calls (7 not modified), "), "\(unchanged.output)")

            let web = try group.tracker("web"), api = try group.tracker("api")
            web.delete(22)
            api.delete(13)
            let moved = web.create()
            let relisted = try await group.checkAgainstUncached(extra: ["--cache-max-age", "0s"])
            #expect(relisted.lists.contains { $0.header("if-none-match") != nil })
            let lines = relisted.output.stdoutLines
            #expect(!lines.contains { $0.contains(#""repo":"acme/web","number":22,"#) || $0.contains(#""repo":"acme/api","number":13,"#) })
            #expect(lines.contains { $0.contains(#""repo":"acme/web","number":\#(moved),"#) }, "\(lines)")
        }
    }

    /// `--max-requests` cutting an incremental group sync commits nothing: the next run asks for what
    /// changed since the same instant, and answers as `--no-cache` does.
    @Test func aBudgetCutGroupSyncCommitsNothing() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        try await group.server.serving {
            _ = try await group.checkAgainstUncached()
            try group.tracker("web").toggleLabel("bug", on: 5)
            let cut = try await group.check(extra: ["--max-requests", "1"])
            #expect(cut.output.status == 1 && cut.requests.count == 1, "\(cut.output)")
            let next = try await group.checkAgainstUncached()
            let since = { (run: Group.Run) in run.lists.first { $0.path.hasSuffix("/issues") }?.query["updated_after"] }
            #expect(since(next) != nil && since(next) == since(cut), "\(cut.requests.map(\.uri)) then \(next.requests.map(\.uri))")
        }
    }

    /// `triage cache info` shows the group as one source (no row per project: members are made only to
    /// route lazy data and writes), holding the items of the projects not archived; `cache clear
    /// gitlab:acme/*` forgets it, so the next run lists the group cold.
    @Test func cacheInfoShowsAndClearClearsTheGroupSource() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        try await group.server.serving {
            _ = try await group.checkAgainstUncached()
            let cache = ["--cache", group.directory]
            let info = try await Triage.run(["cache", "info"] + cache)
            try #require(info.status == 0 && info.stdoutLines.count == 3, "\(info)")
            #expect(info.stdoutLines[2].hasPrefix("gitlab:acme/* (\(group.server.baseURL)/api/v4): 41 issues, last sync 20"), "\(info)")
            let project = try await Triage.run(["cache", "clear", "gitlab:acme/web"] + cache)
            #expect(project.stdout == "cleared 0 sources\n", "\(project)")
            let cleared = try await Triage.run(["cache", "clear", "gitlab:acme/*"] + cache)
            #expect(cleared.status == 0 && cleared.stdout == "cleared 1 source\n", "\(cleared)")
            #expect(try await Triage.run(["cache", "info"] + cache).stdoutLines.count == 2)
            let cold = try await group.checkAgainstUncached()
            #expect(cold.lists.count == 7 && cold.lists.allSatisfy { $0.header("if-none-match") == nil && $0.query["updated_after"] == nil },
                    "\(cold.lists.map(\.uri))")
        }
    }

    /// A project archived after a cached run: the group lists leave it out from then on, but no item
    /// of it was updated, so an incremental sync cannot see it go (like a deletion, README); the next
    /// full re-list drops its items, and the answers equal `--no-cache`'s again.
    @Test func aProjectArchivedLaterIsDroppedByTheNextFullRelist() async throws {
        final class Changing: Sendable { let organization = Mutex(GroupCacheTests.organization()) }
        let changing = Changing()
        let server = try await TestHTTPServer.start { request in
            changing.organization.withLock { $0 }.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let group = Group(organization: changing.organization.withLock { $0 }, server: server)
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        try await server.serving {
            let before = try await group.checkAgainstUncached()
            #expect(before.output.stdout.contains(#""repo":"acme/web""#))
            changing.organization.withLock { organization in
                for index in organization.repositories.indices where organization.repositories[index].name == "web" {
                    organization.repositories[index].archived = true
                }
            }
            let relisted = try await group.checkAgainstUncached(extra: ["--cache-max-age", "0s"], "web archived")
            #expect(!relisted.output.stdout.contains(#""repo":"acme/web""#) && relisted.output.stdout.contains(#""repo":"acme/api""#),
                    "\(relisted.output)")
            _ = try await group.checkAgainstUncached(extra: [], "after the re-list")
        }
    }

    /// From a cached group run, `apply` writes each match to its own project, issue or merge request
    /// (numbers repeat across the projects), and `explain` of one issue answers as without the cache.
    /// (The fake does not stamp `updated` on API writes as GitLab does, so a later sync is not
    /// checked here; `answersEqualUncachedOnEveryStepOfRandomChanges` covers edits.)
    @Test func writesAndSingleIssueReadsFromACachedGroupGoToEachIssuesProject() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        let rules = """
            rules:
              - name: triage-bugs
                when: >-
                  state == "open" and "bug" in labels and not ("needs-triage" in labels)
                actions:
                  - label: needs-triage
            """
        func run(_ command: String, _ arguments: [String], cached: Bool) async throws -> Triage.Output {
            try await OrganizationSourceTests.triage(
                [command, "--rules", "rules.yaml", "--source", "gitlab:acme/*", "--api-url", "\(group.server.baseURL)/api/v4",
                 "--now", "2024-06-01"] + arguments + (cached ? ["--cache", group.directory] : ["--no-cache"]),
                rules: rules, environment: ["GITLAB_TOKEN": "glpat-GROUPSECRET"])
        }
        try await group.server.serving {
            let check = ["--format", "jsonl", "--fail-on", "none"]
            let planned = try await run("check", check, cached: false)
            #expect(try await run("check", check, cached: true).stdout == planned.stdout)
            let applied = try await run("apply", ["--yes", "--write-interval", "0"], cached: true)
            #expect(applied.status == 0, "\(applied)")
            for name in ["web", "api"] {
                let expected = Set(planned.stdoutLines.filter { $0.contains(#""repo":"acme/\#(name)""#) }.compactMap { line in
                    line.firstMatch(of: /\/-\/(issues|merge_requests)\/(\d+)"/).map { "/api/v4/projects/acme%2F\(name)/\($0.1)/\($0.2)" }
                })
                let written = Set(try group.tracker(name).writes.map { $0.description.split(separator: " ")[1] }.map(String.init))
                #expect(!expected.isEmpty && written == expected, "\(name): \(written) vs \(expected)")
            }

            let explain = ["--issue", "acme/api#5", "--format", "json"]
            let uncached = try await run("explain", explain, cached: false)
            let cached = try await run("explain", explain, cached: true)
            #expect(cached.status == uncached.status && cached.stdout == uncached.stdout && !cached.stdout.isEmpty, "\(cached) vs \(uncached)")
        }
    }

    /// A seeded random sequence of changes across the group's projects; after every step the cached
    /// answers equal `--no-cache`'s. About half the steps are full re-lists.
    @Test func answersEqualUncachedOnEveryStepOfRandomChanges() async throws {
        let group = try await Self.serve()
        defer { try? FileManager.default.removeItem(atPath: group.directory) }
        var random = SplitMix64(seed: 0x6772_6F75)
        let live = [try group.tracker("web"), try group.tracker("api")]
        try await group.server.serving {
            for step in 0..<6 {
                var fullList = random.next(below: 2) == 0
                if step > 0 {
                    for _ in 0..<(1 + random.next(below: 5)) {
                        let tracker = live[random.next(below: live.count)]
                        let number = 1 + random.next(below: tracker.items.count)
                        switch random.next(below: 6) {
                        case 0: tracker.edit(number)
                        case 1: tracker.toggleLabel(["bug", "question"][random.next(below: 2)], on: number)
                        case 2: tracker.comment(on: number, by: ["alice", "dependabot[bot]"][random.next(below: 2)], "step \(step)")
                        case 3: tracker.toggleClosed(number)
                        case 4: tracker.create(pullRequest: random.next(below: 3) == 0, labels: random.next(below: 2) == 0 ? ["question"] : [])
                        default:
                            tracker.delete(number)
                            fullList = true
                        }
                    }
                }
                _ = try await group.checkAgainstUncached(extra: fullList ? ["--cache-max-age", "0s"] : [], "step \(step)")
            }
        }
    }
}
