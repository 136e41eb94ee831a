/// A rule's report issue as a later run finds it (by its marker): the plan edits or closes it
/// instead of opening another.
public struct ExistingReport: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var url: String
    public var body: String
    /// Newer open issues carrying the same marker: made by a run that overlapped another (two
    /// scheduled jobs), or before someone gave the old one back its label. The plan closes them,
    /// so one report per repository remains (SPEC §8).
    public var duplicates: [Duplicate]

    /// A second report of the same rule, to close.
    public struct Duplicate: Hashable, Sendable {
        public var number: Int
        public var title: String
        public var url: String

        public init(number: Int, title: String, url: String) {
            self.number = number
            self.title = title
            self.url = url
        }
    }

    public init(number: Int, title: String, url: String, body: String, duplicates: [Duplicate] = []) {
        self.number = number
        self.title = title
        self.url = url
        self.body = body
        self.duplicates = duplicates
    }

    /// The oldest (lowest number) of `reports`, the others as its duplicates; nil when there is none.
    public static func oldest(of reports: [ExistingReport]) -> ExistingReport? {
        let sorted = reports.sorted { $0.number < $1.number }
        guard var first = sorted.first else { return nil }
        first.duplicates = sorted.dropFirst().map { Duplicate(number: $0.number, title: $0.title, url: $0.url) }
        return first
    }
}
