import Foundation

/// Writes every byte of `bytes` to `descriptor` with `write(2)`, retrying short writes and `EINTR`:
/// the one write loop of the CLI's outputs (`StandardStream`, `AppendingFile`). Returns why it
/// stopped before the end (`strerror`), or nil when every byte was written.
func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> String? {
    var offset = 0
    while offset < bytes.count {
        let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return String(cString: strerror(errno)) }
        offset += written
    }
    return nil
}
