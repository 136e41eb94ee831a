/// A webhook payload that cannot be used: not an object, or of a kind that carries an issue but
/// lacks it (or its repository). The CLI names the file and exits 2.
public struct WebhookPayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
