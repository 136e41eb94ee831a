import Foundation
import Testing
import TriageTestSupport

/// `--event FILE` (SPEC §6): a webhook payload names one issue, which is read with ONE single-item
/// request and evaluated alone — no list request, lazy fields and writes for exactly that issue —
/// against the loopback fake tracker, whose request log is the evidence. Payloads: `Fixtures/webhooks`.
///
/// The fake has 40 items; every 10th is a pull request (merge request), and #2 is made one for the
/// GitHub pull request payloads (recorded for pull request #2).
struct EventModeTests {
    static let rules = """
        version: 1
        rules:
          - name: every-item
            when: number > 0
            severity: info
          - name: pull-requests
            when: kind == "pull_request"
            severity: info
        """

    /// Matches every open issue with a comment not by a bot: most of the fake's issues, so a run
    /// that walked the repository would write to many.
    static let applyRules = """
        version: 1
        rules:
          - name: answer-comments
            when: state == "open" and comments > 0 and not last_comment.bot
            actions:
              - label: needs-reply
              - comment: "Thanks, @{{ author }}: a maintainer will look."
        """

    static let token = "ghp_EVENTS_0123456789abcdef"
    /// Without a CI's event name unless a test sets one (the suite may itself run in GitHub Actions).
    static let environment = ["GITHUB_TOKEN": token, "GITLAB_TOKEN": "glpat-EVENTS-0123", "GITHUB_EVENT_NAME": ""]

    static func start() async throws -> (TestHTTPServer, FakeIssueTracker) {
        let tracker = FakeIssueTracker(count: 40, pageSize: 10)
        tracker.update(2) { $0.isPullRequest = true }
        let server = try await TestHTTPServer.start { request in tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")") }
        return (server, tracker)
    }

    /// Runs `triage ARGUMENTS` in a directory holding `rules.yaml` (and `files`), with the webhook
    /// fixtures reachable as `webhooks/…`.
    static func triage(_ arguments: [String], rules: String = rules, files: [String: String] = [:],
                       environment extra: [String: String] = [:]) async throws -> Triage.Output {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent("webhooks"), withDestinationURL: fixture("webhooks"))
        return try await Triage.run(arguments, in: directory, environment: environment.merging(extra) { _, new in new })
    }

    static func paths(_ server: TestHTTPServer) -> [String] { server.requests.map { "\($0.method) \($0.path)" } }

    /// What each payload names, and the API path of that one item on the fake.
    static let payloads: [(file: String, api: String, number: Int, pullRequest: Bool, itemPath: String)] = [
        ("webhooks/github/issues.opened.json", "", 1, false, "/repos/acme/app/issues/1"),
        ("webhooks/github/issues.labeled.json", "", 1, false, "/repos/acme/app/issues/1"),
        ("webhooks/github/issues.opened.with-empty-body.json", "", 1, false, "/repos/acme/app/issues/1"),
        ("webhooks/github/issue_comment.created.json", "", 1, false, "/repos/acme/app/issues/1"),
        ("webhooks/github/pull_request.opened.json", "", 2, true, "/repos/acme/app/issues/2"),
        ("webhooks/github/pull_request.synchronize.json", "", 2, true, "/repos/acme/app/issues/2"),
        ("webhooks/gitlab/issue.open.json", "/api/v4", 23, false, "/api/v4/projects/acme%2Fapp/issues/23"),
        ("webhooks/gitlab/merge_request.open.json", "/api/v4", 30, true, "/api/v4/projects/acme%2Fapp/merge_requests/30"),
        ("webhooks/gitlab/note.issue.json", "/api/v4", 17, false, "/api/v4/projects/acme%2Fapp/issues/17"),
        ("webhooks/gitlab/note.merge_request.json", "/api/v4", 10, true, "/api/v4/projects/acme%2Fapp/merge_requests/10"),
    ]

    @Test(arguments: payloads.indices)
    func checkReportsOnlyTheEventsIssueWithOneRequest(_ index: Int) async throws {
        let payload = Self.payloads[index]
        let (server, _) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["check", "--rules", "rules.yaml", "--event", payload.file, "--api-url", server.baseURL + payload.api,
                                   "--format", "jsonl", "--now", "2024-06-01"])
        }
        #expect(output.status == 0, "\(output)")
        let rules = output.stdoutLines.map { $0.split(separator: "\"")[3] }
        #expect(rules == (payload.pullRequest ? ["every-item", "pull-requests"] : ["every-item"]), "\(output)")
        for line in output.stdoutLines { #expect(line.contains(#""number":\#(payload.number),"#), "\(line)") }
        #expect(Self.paths(server) == ["GET \(payload.itemPath)"], "one single-item request, no list request")
        #expect(output.stderr.contains("evaluating only it"), "\(output)")
    }

    @Test(arguments: payloads.indices)
    func explainNeedsNoIssueNumber(_ index: Int) async throws {
        let payload = Self.payloads[index]
        let (server, _) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["explain", "--rules", "rules.yaml", "--event", payload.file, "--api-url", server.baseURL + payload.api,
                                   "--now", "2024-06-01"])
        }
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout.hasPrefix("#\(payload.number) Issue \(payload.number)\n"), "\(output)")
        #expect(output.stdout.contains("every-item [info]: ✓ matches"), "\(output)")
        #expect(output.stdout.contains("pull-requests [info]: \(payload.pullRequest ? "✓ matches" : "✗")"), "\(output)")
        #expect(Self.paths(server) == ["GET \(payload.itemPath)"], "one single-item request, no list request")
    }

    /// The known failure of naive bots: a comment re-triaging everything. Here the comment's issue
    /// alone is read, its comments loaded, and written to; a second delivery writes nothing.
    @Test func applyOnACommentWritesOnlyToThatIssue() async throws {
        let (server, tracker) = try await Self.start()
        let arguments = ["apply", "--yes", "--rules", "rules.yaml", "--event", "webhooks/github/issue_comment.created.json",
                         "--api-url", server.baseURL, "--now", "2024-06-01", "--write-interval", "0"]
        let (first, second) = try await server.serving {
            (try await Self.triage(arguments, rules: Self.applyRules), try await Self.triage(arguments, rules: Self.applyRules))
        }
        #expect(first.status == 0, "\(first)")
        #expect(second.status == 0, "\(second)")
        let comment = #"{"body":"Thanks, @user1: a maintainer will look.\n\n<!-- triage:rule=answer-comments -->"}"#
        let firstRun = [
            "GET /user", "GET /repos/acme/app/issues/1", "GET /repos/acme/app/issues/1/comments",
            "POST /repos/acme/app/issues/1/labels", "POST /repos/acme/app/issues/1/comments",
        ]
        let secondRun = ["GET /user", "GET /repos/acme/app/issues/1", "GET /repos/acme/app/issues/1/comments"]
        #expect(Self.paths(server) == firstRun + secondRun, "\(Self.paths(server))")
        #expect(tracker.writes.map(\.description) == [
            #"POST /repos/acme/app/issues/1/labels {"labels":["needs-reply"]}"#, "POST /repos/acme/app/issues/1/comments \(comment)",
        ])
        // A walk of the repository would have matched these too.
        let wouldMatch = tracker.items.filter { !$0.closed && $0.comments > 0 && $0.number % 8 != 3 }.count
        #expect(wouldMatch > 10)
        #expect(tracker.items.filter { $0.labels.contains("needs-reply") }.map(\.number) == [1])
    }

    /// The same on GitLab, for a comment on a merge request: the merge request is read, and written,
    /// at `/merge_requests/{iid}`, with no list and no guessing of the kind.
    @Test func applyOnAGitLabNoteWritesOnlyToThatMergeRequest() async throws {
        let (server, tracker) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["apply", "--yes", "--rules", "rules.yaml", "--event", "webhooks/gitlab/note.merge_request.json",
                                   "--api-url", server.baseURL + "/api/v4", "--now", "2024-06-01"], rules: Self.applyRules)
        }
        #expect(output.status == 0, "\(output)")
        let item = "/api/v4/projects/acme%2Fapp/merge_requests/10"
        #expect(Self.paths(server) == ["GET /api/v4/user", "GET \(item)", "GET \(item)/notes", "PUT \(item)", "POST \(item)/notes"],
                "\(Self.paths(server))")
        #expect(tracker.writes.map(\.description) == [
            #"PUT \#(item) {"add_labels":"needs-reply"}"#,
            #"POST \#(item)/notes {"body":"Thanks, @user10: a maintainer will look.\n\n<!-- triage:rule=answer-comments -->"}"#,
        ])
    }

    @Test(arguments: ["schedule", "workflow_dispatch", "repository_dispatch"])
    func eventsWithoutAnIssueThatAskForAFullRunWalkTheSource(_ name: String) async throws {
        let (server, _) = try await Self.start()
        let payload = #"{"repository":{"full_name":"acme/app","url":"https://api.github.com/repos/acme/app"}}"#
        let output = try await server.serving {
            try await Self.triage(["check", "--rules", "rules.yaml", "--event", "event.json", "--api-url", server.baseURL, "--format", "jsonl",
                                   "--now", "2024-06-01"], files: ["event.json": payload], environment: ["GITHUB_EVENT_NAME": name])
        }
        #expect(output.status == 0, "\(output)")
        #expect(output.stderr == "note: the `\(name)` event in event.json carries no issue: evaluating the whole source\n")
        #expect(output.stdoutLines.filter { $0.hasPrefix(#"{"rule":"every-item""#) }.count == 40)
        #expect(server.requests.count == 4, "four list pages of 10: \(Self.paths(server))")
        #expect(server.requests.allSatisfy { $0.path == "/repos/acme/app/issues" || $0.path == "/repositories/42/issues" })
    }

    @Test func aScheduledRunUsesTheGivenSource() async throws {
        let (server, _) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["check", "--rules", "rules.yaml", "--event", "event.json", "--source", "github:acme/app",
                                   "--api-url", server.baseURL, "--format", "jsonl", "--now", "2024-06-01"],
                                  files: ["event.json": #"{"schedule":"17 6 * * *"}"#], environment: ["GITHUB_EVENT_NAME": "schedule"])
        }
        #expect(output.status == 0, "\(output)")
        #expect(output.stdoutLines.filter { $0.hasPrefix(#"{"rule":"every-item""#) }.count == 40)
        #expect(server.requests.allSatisfy { $0.path == "/repos/acme/app/issues" || $0.path == "/repositories/42/issues" })
    }

    @Test(arguments: ["check", "explain", "apply"])
    func aPushEvaluatesNothing(_ command: String) async throws {
        let (server, tracker) = try await Self.start()
        let payload = #"{"ref":"refs/heads/main","before":"6113728f27ae82c7b1a177c8d03f9e96e0adf246","repository":{"full_name":"acme/app"}}"#
        let output = try await server.serving {
            try await Self.triage([command, "--rules", "rules.yaml", "--event", "push.json", "--api-url", server.baseURL],
                                  rules: command == "apply" ? Self.applyRules : Self.rules,
                                  files: ["push.json": payload], environment: ["GITHUB_EVENT_NAME": "push"])
        }
        #expect(output.status == 0, "\(output)")
        #expect(output.stdout == "")
        #expect(output.stderr == "note: the `push` event in push.json carries no issue: nothing to evaluate\n")
        #expect(server.requests.isEmpty)
        #expect(tracker.writes.isEmpty)
    }

    @Test func gitLabHooksWithoutAnIssueEvaluateNothing() async throws {
        let output = try await Self.triage(["check", "--rules", "rules.yaml", "--event", "push.json"],
                                           files: ["push.json": #"{"object_kind":"push","project":{"path_with_namespace":"acme/app"}}"#])
        #expect(output.status == 0, "\(output)")
        #expect(output.stderr == "note: the `push` event in push.json carries no issue: nothing to evaluate\n")
    }

    /// `GITHUB_EVENT_NAME` wins over what the keys suggest: a `pull_request_target` payload looks
    /// like `pull_request`; an `issues` payload read as `push` evaluates nothing.
    @Test func theEventNameOverridesInference() async throws {
        let (server, _) = try await Self.start()
        let (target, push) = try await server.serving {
            (try await Self.triage(["check", "--rules", "rules.yaml", "--event", "webhooks/github/pull_request.opened.json",
                                    "--api-url", server.baseURL, "--format", "jsonl", "--now", "2024-06-01"],
                                   environment: ["GITHUB_EVENT_NAME": "pull_request_target"]),
             try await Self.triage(["check", "--rules", "rules.yaml", "--event", "webhooks/github/issues.opened.json",
                                    "--api-url", server.baseURL, "--now", "2024-06-01"],
                                   environment: ["GITHUB_EVENT_NAME": "push"]))
        }
        #expect(target.status == 0, "\(target)")
        #expect(target.stderr.hasPrefix("note: the `pull_request_target` event in webhooks/github/pull_request.opened.json is about #2"), "\(target)")
        #expect(push.status == 0, "\(push)")
        #expect(push.stdout == "")
        #expect(push.stderr == "note: the `push` event in webhooks/github/issues.opened.json carries no issue: nothing to evaluate\n")
        #expect(Self.paths(server) == ["GET /repos/acme/app/issues/2"])
    }

    @Test func inferredNamesAreSaid() async throws {
        let (server, _) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["check", "--rules", "rules.yaml", "--event", "webhooks/github/issue_comment.created.json",
                                   "--api-url", server.baseURL, "--now", "2024-06-01"])
        }
        #expect(output.stderr == "note: the `issue_comment` event in webhooks/github/issue_comment.created.json is about #1 of github:acme/app: evaluating only it\n")
    }

    @Test func aPayloadThatIsNotJSONIsAUsageError() async throws {
        let output = try await Self.triage(["check", "--rules", "rules.yaml", "--event", "event.json"], files: ["event.json": "action=opened&number=1"])
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
        #expect(output.stderr.hasPrefix("error: the event payload event.json is not JSON: "), "\(output)")
    }

    @Test func aPayloadOfAnIssueEventWithoutTheIssueIsAUsageError() async throws {
        let github = try await Self.triage(["check", "--rules", "rules.yaml", "--event", "event.json"],
                                           files: ["event.json": #"{"action":"opened","repository":{"full_name":"acme/app"}}"#],
                                           environment: ["GITHUB_EVENT_NAME": "issues"])
        #expect(github.status == 2, "\(github)")
        #expect(github.stderr == "error: the event payload event.json is an event `issues` without `issue.number`\n")
        let gitlab = try await Self.triage(["explain", "--rules", "rules.yaml", "--event", "event.json"],
                                           files: ["event.json": #"{"object_kind":"note","object_attributes":{"noteable_type":"Issue"},"project":{"path_with_namespace":"acme/app"}}"#])
        #expect(gitlab.status == 2, "\(gitlab)")
        #expect(gitlab.stderr == "error: the event payload event.json is a hook `note` without `issue.iid`\n")
        let missing = try await Self.triage(["check", "--rules", "rules.yaml", "--event", "absent.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read the event payload absent.json\n")
    }

    @Test(arguments: [
        (["--source", "file:issues.jsonl"], "error: --event reads issues from the payload's repository; --source file:issues.jsonl is not a repository\n"),
        (["--source", "-"], "error: --event reads issues from the payload's repository; --source - is not a repository\n"),
        (["--source", "github:acme/other"],
         "error: --source github:acme/other names another repository than the `issues` event in webhooks/github/issues.opened.json (github:acme/app)\n"),
        (["--source", "gitlab:acme/app"],
         "error: --source gitlab:acme/app names another repository than the `issues` event in webhooks/github/issues.opened.json (github:acme/app)\n"),
    ])
    func aSourceOtherThanThePayloadsRepositoryIsAUsageError(_ source: [String], _ message: String) async throws {
        let output = try await Self.triage(["check", "--rules", "rules.yaml", "--event", "webhooks/github/issues.opened.json"] + source,
                                           files: ["issues.jsonl": ""])
        #expect(output.status == 2, "\(output)")
        #expect(output.stdout == "")
        #expect(output.stderr == message)
    }

    @Test func theSameRepositoryAsSourceIsAccepted() async throws {
        let (server, _) = try await Self.start()
        let output = try await server.serving {
            try await Self.triage(["check", "--rules", "rules.yaml", "--event", "webhooks/github/issues.opened.json", "--source", "https://github.com/Acme/App",
                                   "--api-url", server.baseURL, "--now", "2024-06-01"])
        }
        #expect(output.status == 0, "\(output)")
        #expect(Self.paths(server) == ["GET /repos/acme/app/issues/1"])
    }

    @Test func explainRefusesAnotherIssueThanTheEvents() async throws {
        let output = try await Self.triage(["explain", "--rules", "rules.yaml", "--event", "webhooks/github/issues.opened.json", "--issue", "5",
                                            "--api-url", "http://127.0.0.1:9"])
        #expect(output.status == 2, "\(output)")
        #expect(output.stderrLines.last == "error: --issue 5 is not the issue the --event payload names (#1)")
        #expect(output.stdout == "")
    }
}
