import Foundation
import Synchronization

/// Buffered output to a file descriptor, written with `write(2)`: `print` and `FileHandle` are slow
/// for the millions of lines `--format jsonl` can produce. A `TextOutputStream`, so that reporters
/// write their reports into it piece by piece (`CheckReporter.finish(_:to:)`).
final class StandardStream: Sendable, TextOutputStream {
    static let output = StandardStream(descriptor: 1)
    static let error = StandardStream(descriptor: 2)

    private let descriptor: Int32
    private let buffer = Mutex<[UInt8]>([])

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether this stream is a terminal (colors and progress only then).
    var isTerminal: Bool { isatty(descriptor) == 1 }

    /// Text at least this long is written from its own storage after flushing the buffer, not copied
    /// into it: a report of hundreds of thousands of matches would otherwise be held twice.
    private static let directWriteSize = 1 << 20

    func write(_ text: String) {
        if text.utf8.count >= Self.directWriteSize {
            var text = text
            text.withUTF8 { bytes in
                buffer.withLock { buffered in
                    writeAll(buffered)
                    buffered.removeAll(keepingCapacity: true)
                    writeAll(bytes)
                }
            }
            return
        }
        let shouldFlush = buffer.withLock { bytes in
            bytes.append(contentsOf: text.utf8)
            return bytes.count >= 1 << 16 || descriptor == 2
        }
        if shouldFlush { flush() }
    }

    func flush() {
        buffer.withLock { bytes in
            writeAll(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Writes every byte (retrying short writes and `EINTR`), or stops at the first failure.
    private func writeAll(_ bytes: some ContiguousBytes) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                if written <= 0 {
                    if errno == EINTR { continue }
                    break
                }
                offset += written
            }
        }
    }
}
