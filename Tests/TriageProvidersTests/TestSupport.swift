import Foundation
import Testing
import TriageLanguage
import TriageProviders

/// Helpers for the provider tests: fixtures next to this file (the test target declares no resources),
/// decoding from string literals, and timestamps from text.
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// All records of a fixture file, via `JSONRecordReader`.
    static func records(_ name: String, chunkSize: Int = 1 << 20) throws -> [JSONRecord] {
        try readRecords(path: path(name), chunkSize: chunkSize)
    }

    /// Decodes every record of a fixture file.
    static func issues(_ name: String, fields: IssueFieldSet = .all) throws -> [TriageLanguage.Issue] {
        let decoder = IssueJSONDecoder(fields: fields)
        return try records(name).map { try decoder.decode($0.bytes) }
    }
}

/// Reads every record of the file at `path`.
func readRecords(path: String, chunkSize: Int = 1 << 20) throws -> [JSONRecord] {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { throw POSIXError(.ENOENT) }
    defer { close(descriptor) }
    var reader = JSONRecordReader(fileDescriptor: descriptor, chunkSize: chunkSize)
    var records: [JSONRecord] = []
    while let record = try reader.next() { records.append(record) }
    return records
}

/// Decodes a JSON text given as a string.
func decode(_ json: String, fields: IssueFieldSet = .all) throws(IssueJSONError) -> TriageLanguage.Issue {
    try IssueJSONDecoder(fields: fields).decode(Array(json.utf8))
}

/// The decoding error for a JSON text, or `nil` when it decodes.
func decodingError(_ json: String, fields: IssueFieldSet = .all) -> IssueJSONError? {
    do {
        _ = try decode(json, fields: fields)
        return nil
    } catch {
        return error
    }
}

/// The shape detected for a JSON text.
func shape(_ json: String) throws(IssueJSONError) -> IssueJSONShape {
    let bytes = Array(json.utf8)
    let result = bytes.withUnsafeBytes { buffer in
        Result { () throws(IssueJSONError) -> IssueJSONShape in try IssueJSONDecoder().shape(of: buffer) }
    }
    return try result.get()
}

/// A timestamp from calendar fields, UTC.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0, _ millisecond: Int = 0) -> Timestamp {
    Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millisecond: millisecond)!
}

/// Writes `contents` to a fresh temporary file and returns its path; the caller removes it.
func temporaryFile(_ contents: [UInt8], name: String = "records") throws -> String {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("triage-\(name)-\(UUID().uuidString).json").path
    try Data(contents).write(to: URL(fileURLWithPath: path))
    return path
}
