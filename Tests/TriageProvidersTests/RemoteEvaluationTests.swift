import Foundation
import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules
import TriageTestSupport

/// Rules evaluated over the remote providers: lazy fields fetched only when evaluation reaches
/// them, and the same matches from GitHub, GitLab and a file of the same issues.
struct RemoteEvaluationTests {
    @Test func noCommentRequestsWhenNoRuleNeedsThem() async throws {
        let harness = try await RemoteHarness.start(count: 250, pageSize: 50)
        try await harness.server.serving {
            let rules = validRuleSet("""
                rules:
                  - name: open-bugs
                    when: >-
                      state == "open" and "bug" in labels
                """, allowingWarnings: true)
            let found = try await matches(of: rules, in: try harness.github())
            #expect(found == (1...250).filter { $0 % 5 == 0 && $0 % 3 != 0 }.map { "open-bugs:\($0)" })
            #expect(harness.requests(containing: "/comments").isEmpty && harness.requests(containing: "/events").isEmpty)
        }
    }

    @Test func exactlyTheNeededCommentRequestsWhenARuleReadsComments() async throws {
        let harness = try await RemoteHarness.start(count: 250, pageSize: 50)
        try await harness.server.serving {
            let rules = validRuleSet("""
                rules:
                  - name: bot-answered-bug
                    when: >-
                      "bug" in labels and last_comment.bot
                """, allowingWarnings: true)
            let found = try await matches(of: rules, in: try harness.github())
            // Last comment by a bot: n % 8 == 3 (and a comment at all: n % 4 > 0).
            #expect(found == (1...250).filter { $0 % 5 == 0 && $0 % 8 == 3 }.map { "bot-answered-bug:\($0)" })
            // Only bugs reach `last_comment`, and those without comments need no request.
            let needed = (1...250).filter { $0 % 5 == 0 && $0 % 4 != 0 }
            let commentRequests = harness.requests(containing: "/comments")
            #expect(commentRequests.count == needed.count)
            #expect(Set(commentRequests.map(\.path)) == Set(needed.map { "/repos/acme/app/issues/\($0)/comments" }))
        }
    }

    @Test func labelAgeComesFromEvents() async throws {
        let harness = try await RemoteHarness.start(count: 100, pageSize: 50)
        try await harness.server.serving {
            let rules = validRuleSet("""
                rules:
                  - name: old-question
                    when: >-
                      "question" in labels and label_age("question") > 30d
                """, allowingWarnings: true)
            let found = try await matches(of: rules, in: try harness.github())
            #expect(found == (1...100).filter { $0 % 7 == 0 }.map { "old-question:\($0)" })
            #expect(harness.requests(containing: "/events").count == 14)
        }
    }

    static let parityRules = """
        rules:
          - name: open-bugs
            when: >-
              state == "open" and "bug" in labels
          - name: idle-prs
            when: kind == "pull_request" and idle > 140d
          - name: bot-last
            when: last_comment != null and last_comment.bot and state == "open"
          - name: asked-and-discussed
            when: >-
              "question" in labels and label_age("question") > 7d and len(commenters) >= 2
        """

    @Test func theSameRulesMatchTheSameIssuesFromGitHubGitLabAndAFile() async throws {
        let rules = validRuleSet(Self.parityRules, allowingWarnings: true)
        let github = try await RemoteHarness.start(count: 300, pageSize: 25)
        try await github.server.serving {
            let gitlab = try await RemoteHarness.start(count: 300, pageSize: 25)
            try await gitlab.server.serving {
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("triage-parity-\(UUID().uuidString).jsonl").path
                try github.tracker.normalizedFile.write(toFile: path, atomically: true, encoding: .utf8)
                defer { try? FileManager.default.removeItem(atPath: path) }

                let fromGitHub = try await matches(of: rules, in: try github.github())
                let fromGitLab = try await matches(of: rules, in: try gitlab.gitlab())
                let fromFile = try await matches(of: rules, in: FileIssueProvider(path: path))
                #expect(fromGitHub.count > 20)
                #expect(Set(rules.rules.map(\.name)) == Set(fromGitHub.map { String($0.split(separator: ":")[0]) }))
                #expect(fromGitHub == fromFile)
                // GitLab lists issues before merge requests, so compare without order.
                #expect(fromGitHub.sorted() == fromGitLab.sorted())
            }
        }
    }
}
