import Foundation
import Testing
import TriageTestSupport

/// `triage apply --yes` killed (SIGKILL) in the middle of a write and run again ends where one
/// clean run ends: every planned write applied exactly once, no duplicate comment, no label added
/// and removed again. A write whose connection drops after the tracker applied it is reported as
/// failed and not sent again, by this run or the next.
///
/// With 36 issues the rules match open bugs #5, #10 (PR), #20 (PR), #25, #35 (label, comment,
/// assign) and questions #7, #14, #21, #28, #35 (close unless closed, unlabel): 24 writes. Each rule's
/// condition survives its own writes up to its last one (a bug is closed only after its bug
/// writes), so a rerun can finish what a killed run began.
struct CrashSafeApplyTests {
    static let rules = """
        rules:
          - name: triage-bugs
            when: >-
              state == "open" and "bug" in labels
            actions:
              - label: needs-triage
              - comment: "Hi @{{ author }}, thanks: someone will look at this bug."
              - assign: alice
          - name: close-questions
            when: >-
              "question" in labels
            actions:
              - close: {reason: not_planned}
              - unlabel: question
        """
    static let token = "ghp_CRASHSECRET_0123456789abcdef"

    /// A directory holding the rules; the caller removes it.
    static func workspace() throws -> URL {
        let directory = try makeTemporaryDirectory()
        try rules.write(to: directory.appendingPathComponent("rules.yaml"), atomically: true, encoding: .utf8)
        return directory
    }

    static func arguments(_ server: TestHTTPServer) -> [String] {
        ["apply", "--rules", "rules.yaml", "--source", "github:acme/app", "--api-url", server.baseURL, "--now", "2024-06-01T00:00:00Z",
         "--write-interval", "0", "--yes"]
    }

    /// What a run leaves behind on every issue.
    static func state(_ tracker: FakeIssueTracker) -> [String] {
        tracker.items.map { item in
            "#\(item.number) closed=\(item.closed) labels=\(item.labels) assignees=\(item.assignees) comments=\(item.posted.map(\.body))"
        }
    }

    /// The writes to each issue (by number), in the order they were applied.
    static func byIssue(_ writes: [FakeIssueTracker.RecordedWrite]) -> [String: [String]] {
        Dictionary(grouping: writes) { $0.path.split(separator: "/")[4].description }.mapValues { $0.map(\.description) }
    }

    /// The writes and the end state of one uninterrupted run.
    static func cleanRun() async throws -> (writes: [FakeIssueTracker.RecordedWrite], state: [String]) {
        let tracker = FakeIssueTracker(count: 36, pageSize: 10)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")")
        }
        let directory = try workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        return try await server.serving {
            let output = try await Triage.run(arguments(server), in: directory, environment: ["GITHUB_TOKEN": token])
            #expect(output.status == 0, "\(output)")
            return (tracker.writes, state(tracker))
        }
    }

    @Test func aRunKilledMidWriteAndRunAgainEndsLikeOneCleanRun() async throws {
        let clean = try await Self.cleanRun()
        #expect(clean.writes.count == 24, "\(clean.writes)")
        #expect(Set(clean.writes).count == clean.writes.count)

        // Seeded kill points: the write being waited for, and whether the tracker applied it
        // before the client died (the answer lost) or not (the request lost).
        var random = SplitMix64(seed: 13)
        let points = (0..<4).map { _ in (ordinal: 1 + random.next(below: clean.writes.count), applied: random.next(below: 2) == 1) }
        for point in points {
            let tracker = FakeIssueTracker(count: 36, pageSize: 10)
            let hold = HeldWrite(ordinal: point.ordinal, applied: point.applied)
            let server = try await TestHTTPServer.start { request in
                tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")", hold: hold)
            }
            let directory = try Self.workspace()
            defer { try? FileManager.default.removeItem(at: directory) }
            try await server.serving {
                let run = try KillableRun(Self.arguments(server), in: directory, environment: ["GITHUB_TOKEN": Self.token])
                await firstOpened([hold.arrived, run.exited], orAfter: 120)
                let midWrite = hold.arrived.isOpen && !run.exited.isOpen
                run.kill()
                let (killed, bySignal) = try await run.finish()
                hold.release.open()
                #expect(midWrite && bySignal && killed.status == SIGKILL, "kill point \(point): \(killed)")
                // Writes to different issues may interleave; those to one issue keep the plan's order.
                let before = Self.byIssue(tracker.writes), planned = Self.byIssue(clean.writes)
                #expect(before.values.map(\.count).reduce(0, +) == point.ordinal - (point.applied ? 0 : 1), "kill point \(point)")
                #expect(before.allSatisfy { issue, writes in planned[issue].map { Array($0.prefix(writes.count)) == writes } ?? false },
                        "kill point \(point): \(before)")

                let rerun = try await Triage.run(Self.arguments(server), in: directory, environment: ["GITHUB_TOKEN": Self.token])
                #expect(rerun.status == 0, "kill point \(point): \(rerun)")
                #expect(Self.byIssue(tracker.writes) == planned, "kill point \(point): \(rerun)")
                #expect(Set(tracker.writes).count == tracker.writes.count, "kill point \(point): a write was applied twice")
                #expect(Self.state(tracker) == clean.state, "kill point \(point)")

                let third = try await Triage.run(Self.arguments(server), in: directory, environment: ["GITHUB_TOKEN": Self.token])
                #expect(third.status == 0 && Self.byIssue(tracker.writes) == planned, "kill point \(point): \(third)")
            }
        }
    }

    @Test func aCommentWhoseAnswerIsLostIsReportedFailedAndNeverPostedTwice() async throws {
        let tracker = FakeIssueTracker(count: 36, pageSize: 10), drops = DroppedWriteAnswers()
        let comments = "/repos/acme/app/issues/5/comments"
        drops.dropAfterApplying("POST", comments, times: 3)
        let server = try await TestHTTPServer.start { request in
            tracker.respond(to: request, baseURL: "http://\(request.header("host") ?? "")", drops: drops)
        }
        let directory = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await server.serving {
            let first = try await Triage.run(Self.arguments(server), in: directory, environment: ["GITHUB_TOKEN": Self.token])
            #expect(first.status == 3, "\(first)")
            #expect(first.stdoutLines.last == "24 writes planned on github:acme/app, 1 action already in effect; 23 done, 1 failed, 0 not done", "\(first)")
            #expect(server.requests.filter { $0.method == "POST" && $0.path == comments }.count == 1, "\(first)")
            #expect(drops.dropped == ["POST \(comments)"])
            #expect(tracker.items[4].posted.count == 1)

            let again = try await Triage.run(Self.arguments(server), in: directory, environment: ["GITHUB_TOKEN": Self.token])
            #expect(again.status == 0, "\(again)")
            #expect(server.requests.filter { $0.method == "POST" && $0.path == comments }.count == 1, "\(again)")
            #expect(tracker.items[4].posted.count == 1)
            #expect(again.stdoutLines.last == "0 writes planned on github:acme/app, 12 actions already in effect; 0 done, 0 failed, 0 not done", "\(again)")
        }
    }
}
