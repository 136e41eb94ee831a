import Testing
import TriageEngine
import TriageLanguage
import TriageProviders
import TriageRules

/// An issue whose body carries a report marker is never matched (SPEC §8), so the decoder notices
/// the marker even when the body is not projected, in every shape, and only then.
@Suite struct ReportMarkerDecodingTests {
    static var withoutBody: IssueFieldSet {
        var fields = IssueFieldSet.all
        fields.rawValue &= ~IssueFieldSet([.body]).rawValue
        return fields
    }

    static let marker = ReportMarker.marker(forRule: "weekly")

    @Test(arguments: [
        #"{"number": 1, "html_url": "https://github.com/o/r/issues/1", "user": {"login": "u"}, "created_at": "2024-01-01T00:00:00Z", "body": "Report\n\n| x |\n\n\#(marker)\n"}"#,
        #"{"iid": 1, "web_url": "https://gitlab.com/o/r/-/issues/1", "author": {"username": "u"}, "created_at": "2024-01-01T00:00:00Z", "description": "\#(marker)"}"#,
        #"{"number": 1, "created": "2024-01-01T00:00:00Z", "body": "text \#(marker)"}"#,
    ])
    func aSkippedBodyStillShowsItsReportMarker(json: String) throws {
        let skipped = try decode(json, fields: Self.withoutBody)
        #expect(ReportMarker.isCarried(by: skipped.body))
        let read = try decode(json)
        #expect(ReportMarker.isCarried(by: read.body) && read.body.contains(Self.marker))
    }

    /// Rails-style encoders (`escape_html_entities_in_json`) write `<` as `\u003c`: a skipped
    /// body must still show its marker, as a read one does.
    @Test(arguments: [#"\u003c!-- triage:report=weekly --\u003e"#, #"\u003C!-- triage:report=weekly --\u003E"#])
    func aSkippedBodyShowsAMarkerWhoseAngleBracketIsEscaped(marker: String) throws {
        let json = #"{"iid": 1, "author": {"username": "u"}, "created_at": "2024-01-01T00:00:00Z", "description": "Report \#(marker)\n"}"#
        #expect(ReportMarker.isCarried(by: try decode(json).body))
        #expect(ReportMarker.isCarried(by: try decode(json, fields: Self.withoutBody).body))
    }

    @Test func anOrdinaryBodyStaysUnread() throws {
        let json = #"{"number": 2, "created": "2024-01-01T00:00:00Z", "body": "mentions <!-- triage:rule=x --> and <!-- triage: only"}"#
        #expect(try decode(json, fields: Self.withoutBody).body == "")
        #expect(!ReportMarker.isCarried(by: try decode(json).body))
    }
}
