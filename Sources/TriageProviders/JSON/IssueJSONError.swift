/// Why one JSON issue object could not be decoded, and where: `byteOffset` counts from the first byte
/// of the record the decoder was given, so a reader can add it to the record's position in the file.
public struct IssueJSONError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// Offset within the record of the byte where the problem was found.
    public var byteOffset: Int

    public init(message: String, byteOffset: Int) {
        self.message = message
        self.byteOffset = byteOffset
    }

    public var description: String { "\(message) (at byte \(byteOffset))" }
}
