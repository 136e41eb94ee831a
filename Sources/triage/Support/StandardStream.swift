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
                    send(buffered)
                    buffered.removeAll(keepingCapacity: true)
                    send(bytes)
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
            send(bytes)
            bytes.removeAll(keepingCapacity: true)
        }
    }

    /// Writes every byte (`writeAll(_:to:)`), or stops at the first failure: standard output has
    /// nobody to tell.
    private func send(_ bytes: some ContiguousBytes) {
        _ = bytes.withUnsafeBytes { writeAll($0, to: descriptor) }
    }
}
