/// A source that cannot be resolved or opened; the CLI exits 3 (or 2 for a malformed spec).
public struct SourceError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
