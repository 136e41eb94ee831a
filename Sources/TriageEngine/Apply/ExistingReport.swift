/// A rule's report issue as a later run finds it (by its marker): the plan edits or closes it
/// instead of opening another.
public struct ExistingReport: Hashable, Sendable {
    public var number: Int
    public var title: String
    public var url: String
    public var body: String

    public init(number: Int, title: String, url: String, body: String) {
        self.number = number
        self.title = title
        self.url = url
        self.body = body
    }
}
