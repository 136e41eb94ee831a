import Testing
import TriageLanguage
import TriageProviders

/// Fields outside the projection are skipped without being decoded, and skipping never disturbs the
/// fields around them.
@Suite struct ProjectionTests {
    /// A body holding every kind of escape, raw multi-byte UTF-8, and JSON-looking text.
    static let trickyBody = #"q\" b\\ s\/ \b\f\n\r\t \u00e9\u20AC \uD83D\uDE00 \uDBFF\uDFFF \"}, \"number\": 99, {[ é世界🎉 \\\""#
    static let trickyBodyDecoded = "q\" b\\ s/ \u{8}\u{C}\n\r\t é€ 😀 \u{10FFFF} \"}, \"number\": 99, {[ é世界🎉 \\\""

    static let json = """
        {"number": 12, "html_url": "https://github.com/o/r/issues/12", "body": "\(trickyBody)", "title": "After body",
         "user": {"login": "u"}, "labels": [{"name": "l"}], "created_at": "2024-01-01T00:00:00Z", "comments": 3}
        """

    @Test func bodyIsSkippedWhenNotProjectedAndTheFollowingFieldsAreRead() throws {
        var fields = IssueFieldSet.all
        fields.rawValue &= ~IssueFieldSet([.body]).rawValue
        let issue = try decode(Self.json, fields: fields)
        #expect(issue.body == "")
        #expect(issue.number == 12)
        #expect(issue.title == "After body")
        #expect(issue.author == "u")
        #expect(issue.labels == ["l"])
        #expect(issue.comments == 3)
    }

    @Test func bodyWithEveryEscapeDecodesWhenProjected() throws {
        let issue = try decode(Self.json)
        #expect(issue.body == Self.trickyBodyDecoded)
        #expect(issue.title == "After body")
    }

    @Test func identityFieldsAreAlwaysDecoded() throws {
        let issue = try decode(Self.json, fields: [])
        #expect(issue.number == 12)
        #expect(issue.title == "After body")
        #expect(issue.url == "https://github.com/o/r/issues/12")
        #expect(issue.repo == "o/r")
        #expect(issue.created == utc(2024, 1, 1))
        #expect(issue.comments == 3)
        // Projected away: left at the defaults.
        #expect(issue.body == "")
        #expect(issue.author == "")
        #expect(issue.labels == [])
    }

    @Test func projectionSkipsTypeChecksButNotSyntaxChecks() {
        // A wrongly typed field nobody reads is not an error…
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"2024-01-01","labels":7,"body":false}"#, fields: IssueFieldSet([.number])) == nil)
        // …but malformed JSON inside it still is.
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"2024-01-01","body":"bad \x escape"}"#, fields: IssueFieldSet([.number])) != nil)
        #expect(decodingError(#"{"number":1,"node_id":"x","created_at":"2024-01-01","body":"cut"#, fields: IssueFieldSet([.number])) != nil)
    }

    @Test func projectedNestedObjectsAreReadOnlyWhenAsked() throws {
        let json = """
            {"number":1,"node_id":"x","created_at":"2024-01-01","user":{"login":"u"},"assignee":{"login":"a"},
             "milestone":{"title":"m"},"reactions":{"total_count":2,"+1":1}}
            """
        let all = try decode(json)
        #expect([all.author, all.assignees.first, all.milestone] == ["u", "a", "m"])
        #expect([all.reactions, all.upvotes] == [2, 1])
        let only = try decode(json, fields: IssueFieldSet([.upvotes]))
        #expect(only.author == "")
        #expect(only.assignees == [])
        #expect(only.milestone == nil)
        #expect(only.upvotes == 1)
    }
}
