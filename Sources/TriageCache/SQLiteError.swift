/// A failed SQLite call, with SQLite's own message so a person can tell a full disk from a corrupt
/// file or a lock held by another process.
public struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// SQLite's primary result code (`SQLITE_BUSY`, `SQLITE_CORRUPT`, `SQLITE_NOTADB`…).
    public var code: Int32
    public var message: String
    /// What we were doing ("opening the cache", "preparing: SELECT …").
    public var context: String

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }

    public var description: String { "\(context): \(message) (SQLite code \(code))" }
}
