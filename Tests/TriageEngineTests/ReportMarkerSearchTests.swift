import Testing
import TriageEngine
import TriageRules

/// `ReportMarker.isCarried(by:)` is asked of every issue the engine evaluates (SPEC §8: a report issue is
/// never matched), so it searches bytes; these are the edges of that search.
@Suite struct ReportMarkerSearchTests {
    static let prefix = ReportMarker.prefix

    @Test(arguments: [
        "\(prefix)",
        "\(prefix)weekly -->",
        "text <b>é</b> < <!-- other --> \(prefix)x -->",
        String(repeating: "<", count: 3_000) + prefix,
        "ünïcödé\n\n" + String(repeating: "<!-- triage:", count: 50) + prefix,
    ])
    func aBodyCarryingTheMarkerIsAReport(body: String) {
        #expect(ReportMarker.isCarried(by: body))
    }

    @Test(arguments: [
        "",
        "<",
        String(prefix.dropLast()),
        "text " + String(prefix.dropLast()),
        String(repeating: "<", count: 3_000),
        "<!-- triage:rule=x --> and <!-- triage: only, <!-- triage:repor",
        "\(prefix.uppercased())x -->",
    ])
    func aBodyWithoutTheWholeMarkerIsNot(body: String) {
        #expect(!ReportMarker.isCarried(by: body))
    }
}
