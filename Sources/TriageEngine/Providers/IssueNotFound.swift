/// `issue(number:)` found no such issue (a remote source answered 404, or a file does not hold
/// it): `explain` reports it and exits 3.
public struct IssueNotFound: Error, Hashable, Sendable, CustomStringConvertible {
    public var number: Int
    /// The provider's `sourceDescription`.
    public var source: String

    public init(number: Int, source: String) {
        self.number = number
        self.source = source
    }

    public var description: String { "\(source) has no issue #\(number)" }
}
