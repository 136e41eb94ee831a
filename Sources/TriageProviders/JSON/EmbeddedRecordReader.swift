/// Reads one object of an array of records that a normalized issue embeds (`comments_data`,
/// `label_events`, `reviews`, `linked_prs`): a fresh reader per object is handed each member it
/// knows, then builds the record or says what the object lacks. `IssueObject.embeddedRecords`
/// walks the array, so the walk is written once for every kind of record.
protocol EmbeddedRecordReader {
    associatedtype Key
    associatedtype Record
    /// The member `key` names, or nil for a member to skip.
    static func key(_ key: UnsafeRawBufferPointer) -> Key?
    init()
    /// Reads the value of member `key`, the scanner at it.
    mutating func read(_ key: Key, from scanner: inout JSONScanner) throws(IssueJSONError)
    /// The record the members read make, or an error at `entryStart` naming what is missing.
    func record(at entryStart: Int) throws(IssueJSONError) -> Record
}

extension IssueObject {
    /// The records of the array of objects at `slot`, in the order given; nil when the key is
    /// absent or null (the data must then be loaded).
    func embeddedRecords<Reader: EmbeddedRecordReader>(_ slot: IssueSlot, _: Reader.Type) throws(IssueJSONError) -> [Reader.Record]? {
        guard var scanner = scanner(at: slot), !scanner.atNull() else { return nil }
        guard scanner.current == ASCII.openBracket else { throw typeError(slot, "an array") }
        var records: [Reader.Record] = []
        guard try scanner.beginArray() else { return records }
        repeat {
            scanner.skipWhitespace()
            let entryStart = scanner.position
            guard !scanner.isAtEnd, scanner.current == ASCII.openBrace else { throw scanner.error("expected an object in \"\(slot.keyPath)\"") }
            var reader = Reader()
            if try scanner.beginObject() {
                repeat {
                    if let key = try scanner.readKey(Reader.key) { try reader.read(key, from: &scanner) } else { try scanner.skipValue() }
                } while try scanner.nextMember()
            }
            records.append(try reader.record(at: entryStart))
        } while try scanner.nextElement()
        return records
    }
}
