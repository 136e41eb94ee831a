/// Why a byte stream could not be split into JSON objects (a truncated array, text between records,
/// a line that is not an object, an I/O error), with the 1-based line where it was found.
public struct JSONRecordError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// 1-based line of the input where the problem was found.
    public var line: Int

    public init(message: String, line: Int) {
        self.message = message
        self.line = line
    }

    public var description: String { "line \(line): \(message)" }
}
