public import TriageLanguage

/// One matched issue as a report lists it: kept instead of the issue, so a report over thousands of
/// matches holds no bodies.
public struct ReportRow: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var url: String
    public var author: String
    public var created: Timestamp
    public var labels: [String]

    public init(number: Int, title: String, url: String, author: String, created: Timestamp, labels: [String]) {
        self.number = number
        self.title = title
        self.url = url
        self.author = author
        self.created = created
        self.labels = labels
    }

    public init(_ issue: Issue) {
        self.init(number: issue.number, title: issue.title, url: issue.url, author: issue.author, created: issue.created, labels: issue.labels)
    }
}
