/// One JSON object cut out of a stream by `JSONRecordReader`, owning a copy of its bytes so it can be
/// handed to another task; `JSONRecordReader.nextRecord(_:)` avoids the copy.
public struct JSONRecord: Hashable, Sendable {
    /// The object's bytes, from its `{` to its `}`.
    public var bytes: [UInt8]
    /// 1-based line of the input on which the object starts, for error messages.
    public var line: Int

    public init(bytes: [UInt8], line: Int) {
        self.bytes = bytes
        self.line = line
    }
}
