import Foundation

/// A file opened for appending, written piece by piece with `write(2)`: what the job summary is
/// written into (`JobSummaryFile`), so a report reaches the file as it is produced, never whole.
/// After the first failed write, later pieces are dropped and `failure` says why.
struct AppendingFile: TextOutputStream {
    private let descriptor: Int32
    /// Why a write failed (`strerror`), or nil while every byte was written.
    private(set) var failure: String?

    /// Opens (creating) `path`; throws the reason (`strerror`) when it cannot.
    init(path: String) throws(OpenFailure) {
        descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OpenFailure(reason: String(cString: strerror(errno))) }
    }

    struct OpenFailure: Error {
        var reason: String
    }

    mutating func write(_ text: String) {
        guard failure == nil else { return }
        var text = text
        failure = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Closes the file and returns `failure`; the value is gone afterwards.
    consuming func close() -> String? {
        _ = Foundation.close(descriptor)
        return failure
    }
}
