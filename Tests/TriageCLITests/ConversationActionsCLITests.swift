import Foundation
import Testing
import TriageTestSupport

/// `triage apply` with the actions of SPEC §8 through the binary against the loopback fake, asserting
/// the exact requests: a report issue created once, left alone while unchanged, edited (never made
/// again) when its matches change and closed when nothing matches; milestones looked up once per
/// run; an unknown milestone writing nothing for its rule (exit 3); a lock not repeated on a locked
/// issue; and the dry-run plan.
///
/// With 20 issues: open bugs are #5 and #10 (a pull request), #20 (a pull request, `bug`) is open
/// too; the open question is #7 (and #14).
struct ConversationActionsCLITests {
    static let token = "ghp_CONVERSATIONSECRET_0123456789"

    static func triage(_ rules: String, _ arguments: [String], environment: [String: String] = ["GITHUB_TOKEN": token]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return try await Triage.run(arguments, in: directory, timeout: 60, environment: environment)
    }

    static func start(count: Int = 12) async throws -> (TestHTTPServer, FakeIssueTracker) {
        let tracker = FakeIssueTracker(count: count, pageSize: 10)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        return (server, tracker)
    }

    static func github(_ server: TestHTTPServer, _ extra: [String] = ["--yes"]) -> [String] {
        ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01T00:00:00Z",
         "--write-interval", "0"] + extra
    }

    static func gitlab(_ server: TestHTTPServer, _ extra: [String] = ["--yes"]) -> [String] {
        ["apply", "--rules", "rules.yaml", "--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4", "--now", "2024-06-01T00:00:00Z",
         "--write-interval", "0"] + extra
    }

    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    static let reportRules = """
        rules:
          - name: open-bugs
            description: Open bugs
            when: >-
              state == "open" and "bug" in labels
            actions:
              - report: {title: "Bug report", labels: [triage-report]}
        """

    /// The report listing `rows` (`#N`, web URL, author), all 151 days old on 2024-06-01.
    static func reportBody(_ rows: [(number: Int, url: String, author: String)]) -> String {
        "## Open bugs\n\n\(rows.count) issue\(rows.count == 1 ? "" : "s") matched rule `open-bugs`.\n\n"
            + "| Issue | Title | Author | Age | Labels |\n|---:|---|---|---:|---|\n"
            + rows.map { "| [#\($0.number)](\($0.url)) | Issue \($0.number) | \($0.author) | 151d | `bug` |\n" }.joined()
            + "\n<!-- triage:report=open-bugs -->\n"
    }

    @Test func gitHubReportIsCreatedOnceEditedWhenItChangesAndClosedWithoutMatches() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            func searches() -> Int {
                server.requests.count { $0.path == "/repos/acme/app/issues" && $0.query["labels"] == "triage-report" && $0.query["state"] == "open" }
            }
            let both = Self.reportBody([(5, "https://github.com/acme/app/issues/5", "user5"), (10, "https://github.com/acme/app/pull/10", "user10")])
            let first = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(first.status == 0, "\(first)")
            #expect(tracker.writes == [.init("POST", "/repos/acme/app/issues", Self.json(["title": "Bug report", "body": both, "labels": ["triage-report"]]))])
            #expect(tracker.items.count == 13 && tracker.items[12].labels == ["triage-report"] && !tracker.items[12].closed)
            #expect(searches() == 1)

            // The report issue is open and carries no `bug` label, yet a rule matching every open
            // issue never matches it: the body is read to find its marker.
            let everything = Self.reportRules + """

                  - name: open-issues
                    when: state == "open" and kind == "issue"
                """
            let check = try await Self.triage(everything, ["check", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL,
                                                           "--now", "2024-06-01T00:00:00Z", "--format", "jsonl", "--rule", "open-issues"])
            #expect(check.status == 0, "\(check)")
            #expect(!check.stdout.isEmpty && !check.stdout.contains(#""number":13"#), "\(check)")

            let unchanged = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(unchanged.status == 0, "\(unchanged)")
            #expect(tracker.writes.count == 1 && searches() == 2)
            #expect(unchanged.stdoutLines.last == "0 writes planned on github:acme/app, 1 action already in effect; 0 done, 0 failed, 0 not done", "\(unchanged)")

            tracker.update(5) { $0.labels = [] }
            let edited = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(edited.status == 0, "\(edited)")
            let one = Self.reportBody([(10, "https://github.com/acme/app/pull/10", "user10")])
            #expect(tracker.writes.dropFirst() == [.init("PATCH", "/repos/acme/app/issues/13", Self.json(["body": one]))])
            #expect(tracker.items.count == 13)

            tracker.update(10) { $0.closed = true }
            let closed = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(closed.status == 0, "\(closed)")
            #expect(tracker.writes.last == .init("PATCH", "/repos/acme/app/issues/13", #"{"state":"closed"}"#) && tracker.writes.count == 3)

            let nothing = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(nothing.status == 0 && tracker.writes.count == 3, "\(nothing)")
            #expect(searches() == 5)
        }
    }

    /// The report a run creates is named in apply's output by what the `POST` answered (GitHub
    /// `number` and `html_url`, GitLab `iid`, not its `id`, and `web_url`), not by `number: 0`.
    @Test func aCreatedReportIsNamedByItsNumberInApplysOutput() async throws {
        for gitLab in [false, true] {
            for format in ["json", "html"] {
                let (server, tracker) = try await Self.start()
                try await server.serving {
                    let arguments = gitLab ? Self.gitlab(server, ["--yes", "--format", format]) : Self.github(server, ["--yes", "--format", format])
                    let environment = gitLab ? ["GITLAB_TOKEN": "glpat-CONVERSATION-123"] : ["GITHUB_TOKEN": Self.token]
                    let output = try await Self.triage(Self.reportRules, arguments, environment: environment)
                    #expect(output.status == 0, "\(output)")
                    #expect(tracker.items.count == 13 && tracker.items[12].title == "Bug report")
                    let url = gitLab ? "https://gitlab.com/acme/app/-/issues/13" : "https://github.com/acme/app/issues/13"
                    if format == "json" {
                        let document = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
                        let writes = try #require(document["writes"] as? [[String: Any]])
                        #expect(writes.count == 1, "\(output)")
                        #expect(writes.first?["number"] as? Int == 13 && writes.first?["url"] as? String == url, "\(output)")
                        #expect(writes.first?["status"] as? String == "done" && writes.first?["action"] as? String == "report", "\(output)")
                    } else {
                        #expect(output.stdout.contains(#"<tr data-number="13" data-status="done"><td class="number" data-sort="13"><a href="\#(url)">#13</a></td>"#),
                                "\(output)")
                    }
                }
            }
        }
    }

    @Test func aDryRunShowsTheReportAndLockItWouldWrite() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let rules = Self.reportRules + """

                  - name: lock-questions
                    when: >-
                      "question" in labels
                    actions:
                      - lock: {reason: off-topic}
                """
            let output = try await Self.triage(rules, Self.github(server, []))
            #expect(output.status == 0, "\(output)")
            #expect(output.stdout == """
                #7 Issue 7
                  lock as off-topic  (rule lock-questions)
                new issue Bug report
                  create report "Bug report" listing 2 issues  (rule open-bugs)
                2 writes planned on github:acme/app (dry run: pass --yes to write)

                """, "\(output)")
            #expect(tracker.writes.isEmpty)
        }
    }

    static let conversationRules = """
        rules:
          - name: plan-bugs
            when: >-
              state == "open" and "bug" in labels
            actions:
              - milestone: v2.0
          - name: lock-questions
            when: >-
              state == "open" and "question" in labels
            actions:
              - lock: {reason: too heated}
        """

    @Test func gitHubMilestonesAreLookedUpOncePerRunAndLocksAreNotRepeated() async throws {
        let (server, tracker) = try await Self.start(count: 20)
        try await server.serving {
            tracker.addMilestone(.init(title: "v1.0", number: 1))
            tracker.addMilestone(.init(title: "v2.0", number: 2))
            tracker.update(14) { $0.locked = true }
            let output = try await Self.triage(Self.conversationRules, Self.github(server, ["--yes", "--concurrency", "1"]))
            #expect(output.status == 0, "\(output)")
            #expect(tracker.writes == [
                .init("PATCH", "/repos/acme/app/issues/5", #"{"milestone":2}"#),
                .init("PUT", "/repos/acme/app/issues/7/lock", #"{"lock_reason":"too heated"}"#),
                .init("PATCH", "/repos/acme/app/issues/10", #"{"milestone":2}"#),
                .init("PATCH", "/repos/acme/app/issues/20", #"{"milestone":2}"#),
            ])
            #expect(server.requests.count { $0.path == "/repos/acme/app/milestones" } == 1)
            #expect(server.requests.first { $0.path == "/repos/acme/app/milestones" }?.query["state"] == "all")

            let again = try await Self.triage(Self.conversationRules, Self.github(server))
            #expect(again.status == 0, "\(again)")
            #expect(tracker.writes.count == 4 && server.requests.count { $0.path == "/repos/acme/app/milestones" } == 1)
            #expect(again.stdoutLines.last == "0 writes planned on github:acme/app, 5 actions already in effect; 0 done, 0 failed, 0 not done", "\(again)")
        }
    }

    @Test func anUnknownMilestoneWritesNothingForItsRuleAndExits3() async throws {
        let (server, tracker) = try await Self.start(count: 20)
        try await server.serving {
            tracker.addMilestone(.init(title: "v2.0", number: 2))
            let rules = Self.conversationRules.replacing("milestone: v2.0", with: "milestone: v2.1")
            // One issue at a time, so the writes of different issues come in plan order (as above).
            let output = try await Self.triage(rules, Self.github(server, ["--yes", "--concurrency", "1"]))
            #expect(output.status == 3, "\(output)")
            // The other rule's writes go on.
            #expect(tracker.writes == [7, 14].map { .init("PUT", "/repos/acme/app/issues/\($0)/lock", #"{"lock_reason":"too heated"}"#) })
            #expect(output.stdout.contains(
                "  FAILED: set milestone v2.1  (rule plan-bugs): rule `plan-bugs` writes nothing: repository acme/app has no milestone titled `v2.1`; did you mean `v2.0`?"),
                "\(output)")
            #expect(server.requests.count { $0.path == "/repos/acme/app/milestones" } == 1)
        }
    }

    /// A dry run reads the milestones too (GETs only, once per repository) and flags an unknown
    /// title as the real run does: the same failure lines with did-you-mean, the rule's other
    /// writes refused with it, exit 3; the other rule's writes are planned. Nothing is written.
    @Test func aDryRunFlagsAnUnknownMilestoneAsTheRealRunDoes() async throws {
        for gitLab in [false, true] {
            let (server, tracker) = try await Self.start(count: 20)
            try await server.serving {
                tracker.addMilestone(.init(title: "v2.0", number: 2))
                let rules = Self.conversationRules.replacing("milestone: v2.0", with: "milestone: v2.1")
                let environment = gitLab ? ["GITLAB_TOKEN": "glpat-CONVERSATION-123"] : ["GITHUB_TOKEN": Self.token]
                let arguments = { (extra: [String]) in gitLab ? Self.gitlab(server, extra) : Self.github(server, extra) }
                let milestones = gitLab ? "/api/v4/projects/acme%2Fapp/milestones" : "/repos/acme/app/milestones"
                func failures(_ output: Triage.Output) -> [String] { output.stdoutLines.filter { $0.hasPrefix("  FAILED: ") } }

                let dry = try await Self.triage(rules, arguments([]), environment: environment)
                #expect(dry.status == 3, "\(dry)")
                #expect(tracker.writes.isEmpty && server.requests.allSatisfy { $0.method == "GET" }, "\(server.requests.map(\.uri))")
                #expect(server.requests.count { $0.path == milestones } == 1)
                #expect(failures(dry).count == 3 && failures(dry).allSatisfy {
                    $0.hasPrefix("  FAILED: set milestone v2.1  (rule plan-bugs): rule `plan-bugs` writes nothing: ")
                        && $0.hasSuffix("has no milestone titled `v2.1`; did you mean `v2.0`?")
                }, "\(dry)")
                #expect(dry.stdout.contains("#7 Issue 7\n  lock as too heated  (rule lock-questions)\n"), "\(dry)")
                #expect(dry.stdoutLines.last == "5 writes planned on \(gitLab ? "gitlab" : "github"):acme/app; 3 would fail (dry run: pass --yes to write)",
                        "\(dry)")

                let json = try await Self.triage(rules, arguments(["--format", "json"]), environment: environment)
                #expect(json.status == 3 && tracker.writes.isEmpty, "\(json)")
                let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
                let writes = try #require(document["writes"] as? [[String: Any]])
                #expect(writes.filter { $0["status"] as? String == "failed" }.map { $0["rule"] as? String } == ["plan-bugs", "plan-bugs", "plan-bugs"])
                #expect(writes.filter { $0["status"] == nil }.map { $0["rule"] as? String } == ["lock-questions", "lock-questions"])
                #expect(writes.compactMap { $0["error"] as? String }.allSatisfy { $0.hasSuffix("did you mean `v2.0`?") })

                let real = try await Self.triage(rules, arguments(["--yes", "--concurrency", "1"]), environment: environment)
                #expect(real.status == 3, "\(real)")
                #expect(failures(real) == failures(dry), "\(real)")
                #expect(tracker.writes.count == 2)
            }
        }
    }

    /// The dry run's milestone read is a read like any other: counted, and within `--max-requests`.
    /// With one request too few for it, it is not sent, and the dry run says what the real run says.
    @Test func aDryRunReadsMilestonesWithinTheReadBudget() async throws {
        let (server, tracker) = try await Self.start(count: 20)
        try await server.serving {
            tracker.addMilestone(.init(title: "v2.0", number: 2))
            func failures(_ output: Triage.Output) -> [String] { output.stdoutLines.filter { $0.hasPrefix("  FAILED: ") } }
            let full = try await Self.triage(Self.conversationRules, Self.github(server, []))
            #expect(full.status == 0 && failures(full).isEmpty, "\(full)")
            let reads = server.requests.count
            #expect(server.requests.count { $0.path == "/repos/acme/app/milestones" } == 1)

            let short = try await Self.triage(Self.conversationRules, Self.github(server, ["--max-requests", "\(reads - 1)"]))
            #expect(server.requests.count == 2 * reads - 1, "\(server.requests.map(\.uri))")
            #expect(server.requests.count { $0.path == "/repos/acme/app/milestones" } == 1)
            #expect(short.status == 3 && failures(short).count == 3, "\(short)")
            let real = try await Self.triage(Self.conversationRules, Self.github(server, ["--yes", "--max-requests", "\(reads - 1)", "--concurrency", "1"]))
            #expect(real.status == 3 && failures(real) == failures(short), "\(real)")
            #expect(tracker.writes.count == 2 && tracker.writes.allSatisfy { $0.path.hasSuffix("/lock") })
        }
    }

    @Test func gitLabLocksSetsGroupMilestonesAndKeepsOneReport() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            tracker.addMilestone(.init(title: "v1.0", number: 31))
            tracker.addMilestone(.init(title: "v2.0", number: 77, inGroup: true))
            let rules = Self.conversationRules + "\n" + Self.reportRules.replacing("rules:\n", with: "")
            let environment = ["GITLAB_TOKEN": "glpat-CONVERSATION-123"]
            let output = try await Self.triage(rules, Self.gitlab(server, ["--yes", "--concurrency", "1"]), environment: environment)
            #expect(output.status == 0, "\(output)")
            let body = Self.reportBody([(5, "https://gitlab.com/acme/app/-/issues/5", "user5"),
                                        (10, "https://gitlab.com/acme/app/-/merge_requests/10", "user10")])
            #expect(tracker.writes == [
                .init("PUT", "/api/v4/projects/acme%2Fapp/issues/5", #"{"milestone_id":77}"#),
                .init("PUT", "/api/v4/projects/acme%2Fapp/issues/7", #"{"discussion_locked":true}"#),
                .init("PUT", "/api/v4/projects/acme%2Fapp/merge_requests/10", #"{"milestone_id":77}"#),
                .init("POST", "/api/v4/projects/acme%2Fapp/issues", Self.json(["title": "Bug report", "description": body, "labels": "triage-report"])),
            ])
            #expect(server.requests.count { $0.path == "/api/v4/projects/acme%2Fapp/milestones" } == 1)
            #expect(server.requests.count { $0.path == "/api/v4/groups/acme/milestones" } == 1)

            let again = try await Self.triage(rules, Self.gitlab(server), environment: environment)
            #expect(again.status == 0, "\(again)")
            #expect(tracker.writes.count == 4, "\(tracker.writes)")
            #expect(server.requests.count { $0.path == "/api/v4/projects/acme%2Fapp/issues" && $0.query["labels"] == "triage-report" } == 2)
        }
    }

    /// A report `POST` applied by the server whose answer never arrives fails the run (it is not
    /// sent again: a `POST` is not idempotent), and the next run finds the report by its marker
    /// instead of making a second one.
    @Test func aReportWhoseCreationAnswerWasLostIsFoundNotMadeAgain() async throws {
        let tracker = FakeIssueTracker(count: 12, pageSize: 10), drops = DroppedWriteAnswers()
        drops.dropAfterApplying("POST", "/repos/acme/app/issues")
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")", drops: drops)
        }
        try await server.serving {
            let first = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(first.status == 3, "\(first)")
            #expect(drops.dropped == ["POST /repos/acme/app/issues"] && tracker.items.count == 13)
            let again = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(again.status == 0, "\(again)")
            #expect(server.requests.count { $0.method == "POST" && $0.path == "/repos/acme/app/issues" } == 1 && tracker.items.count == 13)
            #expect(again.stdoutLines.last == "0 writes planned on github:acme/app, 1 action already in effect; 0 done, 0 failed, 0 not done", "\(again)")
        }
    }

    /// A report whose label someone removed is not found (SPEC §8 looks among issues with the
    /// report's labels), so the next run opens another; once the label is back, the run after
    /// keeps the older report and closes the newer, leaving one.
    @Test func aSecondReportIsClosedOnceTheFirstIsFoundAgain() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let created = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(created.status == 0 && tracker.items.count == 13, "\(created)")
            tracker.update(13) { $0.labels = [] }
            let second = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(second.status == 0 && tracker.items.count == 14, "\(second)")
            tracker.update(13) { $0.labels = ["triage-report"] }
            let merged = try await Self.triage(Self.reportRules, Self.github(server))
            #expect(merged.status == 0, "\(merged)")
            #expect(tracker.writes.dropFirst(2) == [.init("PATCH", "/repos/acme/app/issues/14", #"{"state":"closed"}"#)])
            #expect(!tracker.items[12].closed && tracker.items[13].closed)
            #expect(merged.stdout.contains("#14 Bug report\n  done: close duplicate report (an older one stays)  (rule open-bugs)\n"), "\(merged)")
        }
    }

    /// GitLab lets a project milestone and a group milestone share a title; when the nearer one
    /// is closed and the other open, the open one is set (a closed milestone is history), and
    /// between two open (or two closed) the project's own.
    @Test func gitLabPrefersAnOpenMilestoneOverANearerClosedOneOfTheSameTitle() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            tracker.addMilestone(.init(title: "v2.0", number: 31, closed: true))
            tracker.addMilestone(.init(title: "v2.0", number: 77, inGroup: true))
            tracker.addMilestone(.init(title: "v1.0", number: 32))
            tracker.addMilestone(.init(title: "v1.0", number: 78, inGroup: true))
            let rules = Self.conversationRules + """

                  - name: old-bugs
                    when: number == 12
                    actions: [{milestone: v1.0}]
                """
            let output = try await Self.triage(rules, Self.gitlab(server, ["--yes", "--concurrency", "1"]), environment: ["GITLAB_TOKEN": "glpat-CONVERSATION-123"])
            #expect(output.status == 0, "\(output)")
            #expect(tracker.writes.filter { $0.body.contains("milestone_id") } == [
                .init("PUT", "/api/v4/projects/acme%2Fapp/issues/5", #"{"milestone_id":77}"#),
                .init("PUT", "/api/v4/projects/acme%2Fapp/issues/12", #"{"milestone_id":32}"#),
                .init("PUT", "/api/v4/projects/acme%2Fapp/merge_requests/10", #"{"milestone_id":77}"#),
            ])
        }
    }

    @Test func noReportIsWrittenWhenTheReadBudgetCutTheRun() async throws {
        let (server, tracker) = try await Self.start(count: 30)
        try await server.serving {
            let output = try await Self.triage(Self.reportRules, Self.github(server, ["--yes", "--max-requests", "1"]))
            #expect(output.status == 1, "\(output)")
            #expect(output.stderr.contains("note: report of rule `open-bugs` not written: --max-requests cut the run short, so it did not see the whole repository\n"),
                    "\(output)")
            #expect(tracker.writes.isEmpty)
            #expect(!server.requests.contains { $0.query["labels"] == "triage-report" })
        }
    }

    @Test func anOrganisationGetsOneReportPerRepositoryWithMatches() async throws {
        // `web` has open bugs #5 and #10; `api` (4 issues) has none, and is still searched for a
        // report to close although no issue of it was listed.
        let organization = FakeOrganization(repositories: [("web", 12, false, false, false, nil), ("api", 4, false, false, false, nil)])
        let server = try await TestHTTPServer.start { request in
            organization.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        try await server.serving {
            let arguments = ["apply", "--rules", "rules.yaml", "--source", "github:acme", "--api-url", server.baseURL, "--now", "2024-06-01T00:00:00Z",
                             "--write-interval", "0", "--yes"]
            let output = try await Self.triage(Self.reportRules, arguments)
            #expect(output.status == 0, "\(output)")
            #expect(output.stdout.contains("new issue in acme/web Bug report\n  done: create report \"Bug report\" listing 2 issues  (rule open-bugs)\n"),
                    "\(output)")
            let web = try #require(organization.repository("web")).tracker, api = try #require(organization.repository("api")).tracker
            let body = Self.reportBody([(5, "https://github.com/acme/web/issues/5", "user5"), (10, "https://github.com/acme/web/pull/10", "user10")])
            #expect(web.writes == [.init("POST", "/repos/acme/web/issues", Self.json(["title": "Bug report", "body": body, "labels": ["triage-report"]]))])
            #expect(api.writes.isEmpty)
            // Each repository was searched for its report once.
            for name in ["web", "api"] {
                #expect(server.requests.count { $0.path == "/repos/acme/\(name)/issues" && $0.query["labels"] == "triage-report" } == 1)
            }

            let again = try await Self.triage(Self.reportRules, arguments)
            #expect(again.status == 0 && web.writes.count == 1 && api.writes.isEmpty, "\(again)")
        }
    }
}
