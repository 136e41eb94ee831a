import Testing
import TriageTestSupport
import TriageLanguage

/// Lazy fields cost API calls: they are loaded only when evaluation reaches them, once per issue.
struct LazyEvaluationTests {
    let withComments = makeIssue { $0.comments = 2; $0.author = "alice"; $0.state = "closed" }
    let comments = [IssueComment(author: "alice", body: "hi", created: day(2024, 5, 1))]

    @Test func cheapConjunctsRunFirstWhateverTheSourceOrder() async throws {
        let loader = CountingLoader(comments: comments)
        // Written lazy-first; the closed state fails first, so no comment is fetched.
        #expect(try await evaluate(#"last_comment.author == author and state == "open""#, on: withComments, loader: loader) == false)
        #expect(loader.commentRequests == 0)
    }

    @Test func lazyDataIsLoadedWhenReached() async throws {
        let loader = CountingLoader(comments: comments)
        #expect(try await evaluate(#"state == "closed" and last_comment.author == author"#, on: withComments, loader: loader))
        #expect(loader.commentRequests == 1)
    }

    @Test func orShortCircuitsBeforeLazyData() async throws {
        let loader = CountingLoader(comments: comments)
        #expect(try await evaluate(#"len(commenters) > 5 or state == "closed""#, on: withComments, loader: loader))
        #expect(loader.commentRequests == 0)
    }

    @Test func issuesWithoutCommentsNeedNoFetch() async throws {
        let loader = CountingLoader(comments: comments)
        let quiet = makeIssue { $0.comments = 0 }
        #expect(try await evaluate("last_comment == null and len(commenters) == 0", on: quiet, loader: loader))
        #expect(loader.commentRequests == 0)
    }

    @Test func oneFrameLoadsOncePerIssueAcrossRules() async throws {
        let loader = CountingLoader(comments: comments, events: [])
        let frame = EvaluationFrame(issue: makeIssue { $0.comments = 1; $0.labels = ["stale"] }, now: testNow)
        for source in ["last_comment != null", "\"alice\" in commenters", #"label_age("stale") != null"#, #"label_age("stale") > 0s"#] {
            _ = try await compile(source).evaluate(in: frame, loader: loader)
        }
        #expect(loader.commentRequests == 1)
        #expect(loader.eventRequests == 1)
    }

    @Test func synchronousConditionsNeverAskForData() throws {
        let condition = try compile(#"state == "open" and any(labels, l => l ~ "^bug") and age > 1d"#)
        #expect(condition.usesLazyData == false)
        let frame = EvaluationFrame(issue: makeIssue { $0.labels = ["bug"]; $0.created = day(2024, 1, 1) }, now: testNow)
        #expect(try condition.evaluateSynchronously(in: frame))
    }

    @Test func synchronousEvaluationReportsWhatIsMissing() throws {
        let condition = try compile("last_comment != null")
        #expect(condition.usesLazyData)
        let frame = EvaluationFrame(issue: makeIssue { $0.comments = 3 }, now: testNow)
        #expect(throws: EvaluationInterrupt.needsData(.comments)) { try condition.evaluateSynchronously(in: frame) }
        frame.provide(comments: comments)
        #expect(try condition.evaluateSynchronously(in: frame))
    }

    @Test func embeddedDataNeedsNoLoader() async throws {
        let loader = CountingLoader()
        let issue = makeIssue { $0.comments = 1; $0.embeddedComments = comments }
        #expect(try await evaluate(#"last_comment.body == "hi""#, on: issue, loader: loader))
        #expect(loader.commentRequests == 0)
    }

    @Test func explainerShowsEveryNodesValue() async throws {
        let condition = try compile(#"state == "open" and ("bug" in labels or comments > 3) and not locked"#)
        let issue = makeIssue { $0.labels = ["docs"]; $0.comments = 1 }
        let explained = await ConditionExplainer.explain(condition.checked, in: EvaluationFrame(issue: issue, now: testNow), loader: CountingLoader())
        #expect(explained.render() == """
        ✗ state == "open" and ("bug" in labels or comments > 3) and not locked
          ✓ state == "open"
            "open" state
          ✗ "bug" in labels or comments > 3
            ✗ "bug" in labels
              ["docs"] labels
            ✗ comments > 3
              1 comments
          ✓ not locked
            ✗ locked
        """)
    }

    @Test func explainerReportsUnavailableData() async throws {
        struct NoData: IssueDataLoader {
            struct Unavailable: Error, CustomStringConvertible { var description: String { "file has no comments" } }
            func comments(of issue: TriageLanguage.Issue) async throws -> [IssueComment] { throw Unavailable() }
            func labelEvents(of issue: TriageLanguage.Issue) async throws -> [LabelEvent] { throw Unavailable() }
            func lazyData(_ kind: LazyDataKind, of issue: TriageLanguage.Issue) async throws -> LazyData { throw Unavailable() }
        }
        let condition = try compile("last_comment != null")
        let explained = await ConditionExplainer.explain(condition.checked, in: EvaluationFrame(issue: makeIssue { $0.comments = 2 }, now: testNow), loader: NoData())
        #expect(explained.value == nil)
        #expect(explained.error == "file has no comments")
    }
}

extension LazyEvaluationTests {
    @Test func loadedDataIsPutInTimeOrderWhateverTheAPIAnswered() async throws {
        let newestFirst = [
            IssueComment(author: "bob", body: "second", created: day(2024, 5, 2)),
            IssueComment(author: "alice", body: "first", created: day(2024, 5, 1)),
        ]
        let events = [
            LabelEvent(label: "stale", action: .added, created: day(2024, 5, 30)),
            LabelEvent(label: "stale", action: .added, created: day(2024, 1, 1)),
        ]
        let issue = makeIssue { $0.comments = 2; $0.labels = ["stale"] }
        #expect(try await evaluate(#"last_comment.author == "bob" and commenters == ["alice", "bob"]"#, on: issue,
                                   loader: CountingLoader(comments: newestFirst)))
        #expect(try await evaluate(#"label_age("stale") == 2d"#, on: issue, loader: CountingLoader(events: events)))
    }
}
