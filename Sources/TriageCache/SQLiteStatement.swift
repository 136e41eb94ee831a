import CSQLite

/// A prepared statement: bind parameters by 1-based index, `step()` through the rows, read typed
/// columns by 0-based index. Finalized when released.
public final class SQLiteStatement {
    let statement: OpaquePointer
    let connection: SQLiteConnection

    init(statement: OpaquePointer, connection: SQLiteConnection) {
        self.statement = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(statement) }

    /// SQLite copies bound text and blobs (`SQLITE_TRANSIENT`), so Swift buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    public func bind(_ index: Int32, _ value: Int64?) throws(SQLiteError) {
        let status = value.map { sqlite3_bind_int64(statement, index, $0) } ?? sqlite3_bind_null(statement, index)
        try check(status, "binding parameter \(index)")
    }

    public func bind(_ index: Int32, _ value: Int) throws(SQLiteError) {
        try bind(index, Int64(value))
    }

    public func bind(_ index: Int32, _ value: String?) throws(SQLiteError) {
        let status: Int32
        if let value {
            status = sqlite3_bind_text(statement, index, value, -1, Self.transient)
        } else {
            status = sqlite3_bind_null(statement, index)
        }
        try check(status, "binding parameter \(index)")
    }

    public func bind(_ index: Int32, bytes: [UInt8]) throws(SQLiteError) {
        let status = bytes.withUnsafeBytes { buffer in
            // A zero-length blob still needs a non-null pointer to be a blob rather than NULL.
            sqlite3_bind_blob(statement, index, buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(buffer.count), Self.transient)
        }
        try check(status, "binding parameter \(index)")
    }

    /// Advances to the next row: true when there is one to read, false when the statement is done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let status = sqlite3_step(statement)
        switch status {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw connection.error(status, "running: \(String(cString: sqlite3_sql(statement)).prefix(60))")
        }
    }

    /// Makes the statement ready to run again with new bindings.
    public func reset() {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
    }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }

    public func text(_ column: Int32) -> String? {
        guard let pointer = sqlite3_column_text(statement, column) else { return nil }
        return String(cString: pointer)
    }

    public func bytes(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private func check(_ status: Int32, _ context: String) throws(SQLiteError) {
        guard status == SQLITE_OK else { throw connection.error(status, context) }
    }
}
