import TriageEngine
import TriageJSON

/// Finding a rule's report (SPEC §8) the same way on GitHub and GitLab, which differ only in the
/// names of the fields: list the open issues carrying the report's labels, and take the oldest
/// (lowest number) whose body carries the marker, the newer ones as duplicates to close; and
/// reading the issue a report's `POST` created from its answer.
enum ReportSearch {
    /// Where an answer keeps the fields a report is read from.
    struct Fields {
        var number: String
        var body: String
        var url: String
    }

    static let gitHub = Fields(number: "number", body: "body", url: "html_url")
    static let gitLab = Fields(number: "iid", body: "description", url: "web_url")

    /// `&labels=a,b` for the report's labels (each encoded), or nothing when it has none.
    static func labelsQuery(_ labels: [String]) -> String {
        labels.isEmpty ? "" : "&labels=" + labels.map(URLEncoding.encode).joined(separator: ",")
    }

    /// The issue a report's `POST` made, from the answer (the created issue); nil when the answer
    /// names no number (the write still succeeded: the result then keeps the plan's number 0).
    static func created(from answer: HTTPResponse, fields: Fields) -> CreatedIssue? {
        guard let issue = JSONBody.value(answer), let number = issue[fields.number]?.intValue else { return nil }
        return CreatedIssue(number: number, url: issue[fields.url]?.stringValue ?? "")
    }

    /// The oldest of `objects` (issues as the list gave them) whose body carries `marker`, with
    /// the others that do as its duplicates.
    static func oldest(in objects: [JSONValue], marker: String, fields: Fields) -> ExistingReport? {
        let reports: [ExistingReport] = objects.compactMap { object in
            guard let body = object[fields.body]?.stringValue, body.contains(marker), let number = object[fields.number]?.intValue else { return nil }
            return ExistingReport(number: number, title: object["title"]?.stringValue ?? "", url: object[fields.url]?.stringValue ?? "", body: body)
        }
        return ExistingReport.oldest(of: reports)
    }
}
