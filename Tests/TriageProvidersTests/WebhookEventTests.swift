import Foundation
import Testing
import TriageEngine
import TriageJSON
import TriageProviders

/// The payload readers of `--event`: each factory reads its own shape, taking only the repository,
/// the number and the kind. Payload files: `Tests/TriageCLITests/Fixtures/webhooks` (see its README).
struct WebhookEventTests {
    static let webhooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TriageCLITests/Fixtures/webhooks")

    static func payload(_ name: String) throws -> JSONValue {
        try JSONParser().parse(Array(try Data(contentsOf: webhooks.appendingPathComponent(name))))
    }

    static func json(_ text: String) throws -> JSONValue { try JSONParser().parse(text) }

    static let noName: [String: String] = [:]

    @Test(arguments: [
        ("github/issues.opened.json", "issues", 1, ItemKind.issue),
        ("github/issues.labeled.json", "issues", 1, .issue),
        ("github/issues.opened.with-empty-body.json", "issues", 1, .issue),
        ("github/issue_comment.created.json", "issue_comment", 1, .issue),
        ("github/pull_request.opened.json", "pull_request", 2, .pullRequest),
        ("github/pull_request.synchronize.json", "pull_request", 2, .pullRequest),
    ])
    func gitHubPayloadsNameTheirItem(_ file: String, _ name: String, _ number: Int, _ kind: ItemKind) throws {
        let event = try #require(try GitHubWebhookEvent.read(try Self.payload(file), environment: Self.noName))
        #expect(event == WebhookEvent(name: name, repository: WebSource(location: "acme/app"), target: .item(number: number, kind: kind)))
        // GitLab's reader does not claim GitHub's payloads.
        #expect(try GitLabWebhookEvent.read(try Self.payload(file), environment: Self.noName) == nil)
    }

    @Test(arguments: [
        ("gitlab/issue.open.json", "issue", 23, ItemKind.issue),
        ("gitlab/merge_request.open.json", "merge_request", 30, .pullRequest),
        ("gitlab/note.issue.json", "note", 17, .issue),
        ("gitlab/note.merge_request.json", "note", 10, .pullRequest),
    ])
    func gitLabHooksNameTheirItem(_ file: String, _ name: String, _ number: Int, _ kind: ItemKind) throws {
        let event = try #require(try GitLabWebhookEvent.read(try Self.payload(file), environment: Self.noName))
        #expect(event == WebhookEvent(name: name, repository: WebSource(location: "acme/app"), target: .item(number: number, kind: kind)))
        // A note hook carries `issue`, which GitHub's inference would read as `issues`: GitHub's reader leaves `object_kind` alone.
        #expect(try GitHubWebhookEvent.read(try Self.payload(file), environment: ["GITHUB_EVENT_NAME": "issues"]) == nil)
    }

    @Test func theEventNameFromTheEnvironmentWinsOverInference() throws {
        let payload = try Self.payload("github/pull_request.opened.json")
        let target = try GitHubWebhookEvent.read(payload, environment: ["GITHUB_EVENT_NAME": "pull_request_target"])
        #expect(target?.name == "pull_request_target" && target?.target == .item(number: 2, kind: .pullRequest))
        let push = try GitHubWebhookEvent.read(payload, environment: ["GITHUB_EVENT_NAME": "push"])
        #expect(push == WebhookEvent(name: "push", repository: WebSource(location: "acme/app"), target: .nothing))
        // An empty variable is no name: inference again.
        #expect(try GitHubWebhookEvent.read(payload, environment: ["GITHUB_EVENT_NAME": ""])?.name == "pull_request")
    }

    @Test func aCommentOnAPullRequestIsAboutThePullRequest() throws {
        let payload = try Self.json(#"{"issue":{"number":7,"pull_request":{"url":"u"}},"comment":{"id":1},"repository":{"full_name":"o/r"}}"#)
        #expect(try GitHubWebhookEvent.read(payload, environment: Self.noName)?.target == .item(number: 7, kind: .pullRequest))
    }

    @Test(arguments: ["schedule", "workflow_dispatch", "repository_dispatch"])
    func eventsThatAskForAFullRun(_ name: String) throws {
        let event = try GitHubWebhookEvent.read(try Self.json(#"{"schedule":"17 6 * * *"}"#), environment: ["GITHUB_EVENT_NAME": name])
        #expect(event == WebhookEvent(name: name, repository: nil, target: .wholeSource))
    }

    @Test func aSelfHostedServerIsTheAPIBase() throws {
        let github = try Self.json(#"{"issue":{"number":3},"repository":{"full_name":"o/r","url":"https://ghe.example/api/v3/repos/o/r"}}"#)
        #expect(try GitHubWebhookEvent.read(github, environment: Self.noName)?.repository == WebSource(location: "o/r", apiURL: "https://ghe.example/api/v3"))
        let gitlab = try Self.json(#"{"object_kind":"issue","object_attributes":{"iid":4},"project":{"path_with_namespace":"g/s/p","web_url":"https://git.example:8443/g/s/p"}}"#)
        #expect(try GitLabWebhookEvent.read(gitlab, environment: Self.noName)
                == WebhookEvent(name: "issue", repository: WebSource(location: "g/s/p", apiURL: "https://git.example:8443/api/v4"), target: .item(number: 4, kind: .issue)))
    }

    @Test func payloadsOfAnotherKindAreNotClaimed() throws {
        #expect(try GitHubWebhookEvent.read(try Self.json("[1, 2]"), environment: Self.noName) == nil)
        #expect(try GitHubWebhookEvent.read(try Self.json(#"{"zen":"Keep it logically awesome."}"#), environment: Self.noName) == nil)
        #expect(try GitLabWebhookEvent.read(try Self.json(#"{"action":"opened"}"#), environment: Self.noName) == nil)
        // A GitHub payload with a repository but no issue and no name: nothing to evaluate.
        let release = try GitHubWebhookEvent.read(try Self.json(#"{"release":{"id":1},"repository":{"full_name":"o/r"}}"#), environment: Self.noName)
        #expect(release == WebhookEvent(name: nil, repository: WebSource(location: "o/r"), target: .nothing))
        // A comment on a commit: no issue.
        let commitNote = try GitLabWebhookEvent.read(try Self.json(#"{"object_kind":"note","object_attributes":{"noteable_type":"Commit"},"project":{"path_with_namespace":"g/p"}}"#), environment: Self.noName)
        #expect(commitNote?.target == .nothing)
    }

    @Test func anIssueEventWithoutItsIssueIsAnError() throws {
        #expect(throws: WebhookPayloadError("an event `issues` without `issue.number`")) {
            try GitHubWebhookEvent.read(try Self.json(#"{"repository":{"full_name":"o/r"}}"#), environment: ["GITHUB_EVENT_NAME": "issues"])
        }
        #expect(throws: WebhookPayloadError("an event `pull_request` without `repository.full_name`")) {
            try GitHubWebhookEvent.read(try Self.json(#"{"pull_request":{"number":2}}"#), environment: Self.noName)
        }
        #expect(throws: WebhookPayloadError("a hook `merge_request` without `object_attributes.iid`")) {
            try GitLabWebhookEvent.read(try Self.json(#"{"object_kind":"merge_request","object_attributes":{},"project":{"path_with_namespace":"g/p"}}"#), environment: Self.noName)
        }
        #expect(throws: WebhookPayloadError("a hook `note` without `merge_request.iid`")) {
            try GitLabWebhookEvent.read(try Self.json(#"{"object_kind":"note","object_attributes":{"noteable_type":"MergeRequest"},"project":{"path_with_namespace":"g/p"}}"#), environment: Self.noName)
        }
    }

    @Test func theRegistryAsksEachFactory() throws {
        let registry = BuiltinProviders.registry()
        #expect(try registry.readEvent(try Self.payload("github/issues.opened.json"), environment: Self.noName)?.factory.name == "github")
        #expect(try registry.readEvent(try Self.payload("gitlab/note.issue.json"), environment: Self.noName)?.factory.name == "gitlab")
        #expect(try registry.readEvent(try Self.json("{}"), environment: Self.noName) == nil)
    }
}
