import Testing
import TriageLanguage
import TriageProviders

/// Timestamps are parsed from the bytes: RFC 3339 with offsets and fractions, and bare dates.
@Suite struct TimestampParsingTests {
    static func created(_ text: String) throws(IssueJSONError) -> Timestamp {
        try decode(#"{"number":1,"created":"\#(text)"}"#).created
    }

    @Test(arguments: [
        ("2024-01-31T12:00:00Z", utc(2024, 1, 31, 12)),
        ("2024-01-31t12:00:00z", utc(2024, 1, 31, 12)),
        ("2024-01-31 12:00:00Z", utc(2024, 1, 31, 12)),
        ("2024-01-31T12:00:00+02:00", utc(2024, 1, 31, 10)),
        ("2024-01-31T12:00:00-05:30", utc(2024, 1, 31, 17, 30)),
        ("2024-01-01T00:30:00+01:00", utc(2023, 12, 31, 23, 30)),
        ("2019-11-28T08:43:35.459Z", utc(2019, 11, 28, 8, 43, 35, 459)),
        ("2024-01-31T12:00:00.1Z", utc(2024, 1, 31, 12, 0, 0, 100)),
        ("2024-01-31T12:00:00.12Z", utc(2024, 1, 31, 12, 0, 0, 120)),
        ("2024-01-31T12:00:00.123999999Z", utc(2024, 1, 31, 12, 0, 0, 123)),
        ("2024-03-01T10:00:00.000+01:00", utc(2024, 3, 1, 9)),
        ("2024-01-31", utc(2024, 1, 31)),
        ("2024-02-29", utc(2024, 2, 29)),
        ("1970-01-01T00:00:00Z", Timestamp(millisecondsSinceEpoch: 0)),
        ("2016-12-31T23:59:60Z", utc(2016, 12, 31, 23, 59, 59)),
    ])
    func accepted(text: String, expected: Timestamp) throws {
        #expect(try Self.created(text) == expected)
    }

    @Test(arguments: [
        "2024-01-31T12:00:00", "2024-01-31T12:00Z", "2024-13-01", "2023-02-29", "2024-01-32", "2024-1-31",
        "2024-01-31T24:00:00Z", "2024-01-31T12:00:00.Z", "2024-01-31T12:00:00+0200", "2024-01-31T12:00:00+24:00",
        "2024-01-31T12:00:00Zjunk", "2024-01-31X12:00:00Z", "", "yesterday", "20240131",
    ])
    func rejected(text: String) {
        let json = #"{"number":1,"created":"\#(text)"}"#
        let error = decodingError(json)
        #expect(error?.message.hasPrefix(#"invalid timestamp for "created""#) == true)
        #expect(error?.byteOffset == 22)
    }

    @Test func escapedTimestampIsDecodedFirst() throws {
        #expect(try Self.created(#"2024-01-31T12:00:00\u005A"#) == utc(2024, 1, 31, 12))
    }

    @Test func updatedDefaultsToCreatedAndNonStringsAreErrors() throws {
        let issue = try decode(#"{"number":1,"created":"2024-01-31","updated":null}"#)
        #expect(issue.updated == issue.created)
        #expect(decodingError(#"{"number":1,"created":1706700000}"#)?.message == #"expected a timestamp string for "created""#)
    }
}
