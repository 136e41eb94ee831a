import Foundation
import Testing
import TriageTestSupport

/// `triage apply --yes` through the binary against GitHub- and GitLab-shaped loopback servers whose
/// fake tracker applies the writes: the requests are exactly the plan, a second run writes
/// nothing, the budget and the blast-radius guard hold, a failed write is reported, and the token
/// never shows.
///
/// With 36 issues the rules match: open bugs #5, #10 (PR), #20 (PR), #25, #35 (3 writes each) and
/// open questions #7, #14, #28, #35 (2 writes each): 23 writes.
struct ApplyWriteTests {
    static let rules = """
        rules:
          - name: triage-bugs
            when: >-
              state == "open" and "bug" in labels
            actions:
              - label: needs-triage
              - comment: "Hi @{{ author }}: {{ labels }} since {{ created }} ({{ age }} days)."
              - assign: alice
          - name: close-questions
            when: >-
              state == "open" and "question" in labels
            actions:
              - close: {reason: not_planned}
              - unlabel: question
        """
    static let token = "ghp_APPLYSECRET_0123456789abcdef"
    static let bugs = [5, 10, 20, 25, 35], questions = [7, 14, 28, 35]

    /// Runs `triage ARGUMENTS` (the harness waits on a thread of its own, so the in-process server
    /// keeps answering).
    static func triage(_ arguments: [String], environment: [String: String] = ["GITHUB_TOKEN": token]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return try await Triage.run(arguments, in: directory, timeout: 60, environment: environment)
    }

    static func start() async throws -> (TestHTTPServer, FakeIssueTracker) {
        let tracker = FakeIssueTracker(count: 36, pageSize: 10)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        return (server, tracker)
    }

    /// Unpaced (`--write-interval 0`), so the writes need not wait a second each; pacing has its
    /// own tests (`WritePacingCLITests`).
    static func github(_ server: TestHTTPServer, _ extra: [String]) -> [String] {
        ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01T00:00:00Z",
         "--write-interval", "0"] + extra
    }

    /// A JSON body as the fake records it: sorted keys.
    static func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// The comment rule triage-bugs posts on `number`, from its state before any write.
    static func comment(_ tracker: FakeIssueTracker, _ number: Int) -> String {
        let item = tracker.items[number - 1]
        let created = item.created, age = ["5": "151.7", "10": "151.5", "20": "151.1", "25": "150.9", "35": "150.5"]["\(number)"]!
        return "Hi @\(item.author): \(item.labels.joined(separator: ", ")) since \(created) (\(age) days).\n\n<!-- triage:rule=triage-bugs -->"
    }

    /// The writes GitHub must receive for issue `number`, in plan order.
    static func gitHubWrites(_ number: Int, comment: String) -> [FakeIssueTracker.RecordedWrite] {
        let path = "/repos/acme/app/issues/\(number)"
        var writes: [FakeIssueTracker.RecordedWrite] = []
        if bugs.contains(number) {
            writes += [.init("POST", "\(path)/labels", json(["labels": ["needs-triage"]])), .init("POST", "\(path)/comments", json(["body": comment])),
                       .init("POST", "\(path)/assignees", json(["assignees": ["alice"]]))]
        }
        if questions.contains(number) {
            writes += [.init("PATCH", path, json(["state": "closed", "state_reason": "not_planned"])), .init("DELETE", "\(path)/labels/question")]
        }
        return writes
    }

    @Test func aDryRunPlansAndWritesNothing() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let output = try await Self.triage(Self.github(server, []))
            #expect(output.status == 0, "\(output)")
            #expect(output.stdoutLines.last == "23 writes planned on github:acme/app (dry run: pass --yes to write)", "\(output)")
            #expect(tracker.writes.isEmpty)
            #expect(!server.requests.isEmpty && server.requests.allSatisfy { $0.method == "GET" })
        }
    }

    @Test func yesPerformsExactlyThePlanAndASecondRunWritesNothing() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let comments = Dictionary(uniqueKeysWithValues: Self.bugs.map { ($0, Self.comment(tracker, $0)) })
            let output = try await Self.triage(Self.github(server, ["--yes", "--concurrency", "1", "--verbose"]))
            #expect(output.status == 0, "\(output)")
            let expected = [5, 7, 10, 14, 20, 25, 28, 35].flatMap { Self.gitHubWrites($0, comment: comments[$0] ?? "") }
            #expect(tracker.writes == expected)
            #expect(output.stdoutLines.last == "23 writes planned on github:acme/app; 23 done, 0 failed, 0 not done", "\(output)")
            #expect(tracker.items[34].posted.map(\.body) == ["Hi @user9: bug, question since 2024-01-02T11:00:00Z (150.5 days).\n\n<!-- triage:rule=triage-bugs -->"])
            #expect(tracker.items[34].closed && tracker.items[34].labels == ["bug", "needs-triage"] && tracker.items[34].assignees == ["alice"])
            #expect(output.stderr.contains("trace: → POST http://127.0.0.1:\(server.port)/repos/acme/app/issues/5/labels [") && output.stderr.contains("Authorization: [redacted]"))
            #expect(!output.stdout.contains(Self.token) && !output.stderr.contains(Self.token))
            #expect(server.requests.filter { $0.path == "/user" }.count == 1)

            let again = try await Self.triage(Self.github(server, ["--yes", "--verbose"]))
            #expect(again.status == 0, "\(again)")
            #expect(tracker.writes.count == 23)
            #expect(again.stdoutLines.last == "0 writes planned on github:acme/app, 12 actions already in effect; 0 done, 0 failed, 0 not done", "\(again)")
            #expect(!again.stdout.contains(Self.token) && !again.stderr.contains(Self.token))
        }
    }

    @Test func maxOperationsStopsAtExactlyThatManyWrites() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let comment = Self.comment(tracker, 5)
            let output = try await Self.triage(Self.github(server, ["--yes", "--max-operations", "3"]))
            #expect(output.status == 1, "\(output)")
            #expect(tracker.writes == Self.gitHubWrites(5, comment: comment))
            #expect(output.stdout.components(separatedBy: "\n  not done (budget): ").count - 1 == 20, "\(output)")
            #expect(output.stdoutLines.last == "23 writes planned on github:acme/app; 3 done, 0 failed, 20 not done")
        }
    }

    @Test func theBlastRadiusGuardHoldsARuleBackUntilForced() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let output = try await Self.triage(Self.github(server, ["--yes", "--max-per-rule", "4", "--concurrency", "1"]))
            #expect(output.status == 1, "\(output)")
            #expect(output.stdout.contains("held back: rule triage-bugs would act on 5 issues"), "\(output)")
            #expect(tracker.writes == [7, 14, 28, 35].flatMap { n in Self.gitHubWrites(n, comment: "").filter { $0.method != "POST" } })

            let (fresh, freshTracker) = try await Self.start()
            try await fresh.serving {
                let forced = try await Self.triage(Self.github(fresh, ["--yes", "--max-per-rule", "4", "--force"]))
                #expect(forced.status == 0, "\(forced)")
                #expect(!forced.stdout.contains("held back"))
                #expect(freshTracker.writes.count == 23)
            }
        }
    }

    @Test func aFailedWriteLeavesTheOthersDoneAndExits3() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            tracker.failWrites("POST", "/repos/acme/app/issues/10/comments")
            let output = try await Self.triage(Self.github(server, ["--yes"]))
            #expect(output.status == 3, "\(output)")
            #expect(tracker.writes.count == 22)
            #expect(output.stdout.contains("  FAILED: comment \"Hi @user10: bug since 2024-01-01T10:00:00Z (151.5 days).\"  (rule triage-bugs): "), "\(output)")
            #expect(output.stdoutLines.last == "23 writes planned on github:acme/app; 22 done, 1 failed, 0 not done")
            // A POST answered 500 may have been applied: it is not retried.
            #expect(server.requests.filter { $0.method == "POST" && $0.path.hasSuffix("/10/comments") }.count == 1)
        }
    }

    @Test func gitLabWritesHaveTheDocumentedShape() async throws {
        let (server, tracker) = try await Self.start()
        try await server.serving {
            let comments = Dictionary(uniqueKeysWithValues: Self.bugs.map { ($0, Self.comment(tracker, $0)) })
            let arguments = ["apply", "--rules", "rules.yaml", "--source", "gitlab:acme/app", "--api-url", "\(server.baseURL)/api/v4",
                             "--now", "2024-06-01T00:00:00Z", "--yes", "--concurrency", "1", "--verbose"]
            let secret = "glpat-APPLYSECRET-987654"
            let output = try await Self.triage(arguments, environment: ["GITLAB_TOKEN": secret])
            #expect(output.status == 0, "\(output)")
            func writes(_ number: Int) -> [FakeIssueTracker.RecordedWrite] {
                let path = "/api/v4/projects/acme%2Fapp/\(number % 10 == 0 ? "merge_requests" : "issues")/\(number)"
                var writes: [FakeIssueTracker.RecordedWrite] = []
                if Self.bugs.contains(number) {
                    writes += [.init("PUT", path, Self.json(["add_labels": "needs-triage"])), .init("POST", "\(path)/notes", Self.json(["body": comments[number]!])),
                               .init("PUT", path, Self.json(["assignee_ids": [FakeIssueTracker.userID("alice")]]))]
                }
                if Self.questions.contains(number) {
                    writes += [.init("PUT", path, Self.json(["state_event": "close"])), .init("PUT", path, Self.json(["remove_labels": "question"]))]
                }
                return writes
            }
            // GitLab lists issues, then merge requests.
            #expect(tracker.writes == [5, 7, 14, 25, 28, 35, 10, 20].flatMap(writes))
            #expect(server.requests.filter { $0.path == "/api/v4/users" }.count == 1)
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
            #expect(output.stderr.contains("PRIVATE-TOKEN: [redacted]"))

            let again = try await Self.triage(arguments, environment: ["GITLAB_TOKEN": secret])
            #expect(again.status == 0, "\(again)")
            #expect(tracker.writes.count == 23)
            #expect(again.stdoutLines.last == "0 writes planned on gitlab:acme/app, 12 actions already in effect; 0 done, 0 failed, 0 not done", "\(again)")
        }
    }
}
