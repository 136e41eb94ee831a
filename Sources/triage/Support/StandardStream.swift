import Foundation
import Synchronization

/// Buffered output to a file descriptor, written with `write(2)`: `print` and `FileHandle` are slow
/// for the millions of lines `--format jsonl` can produce.
final class StandardStream: Sendable {
    static let output = StandardStream(descriptor: 1)
    static let error = StandardStream(descriptor: 2)

    private let descriptor: Int32
    private let buffer = Mutex<[UInt8]>([])

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    /// Whether this stream is a terminal (colors and progress only then).
    var isTerminal: Bool { isatty(descriptor) == 1 }

    func write(_ text: String) {
        let shouldFlush = buffer.withLock { bytes in
            bytes.append(contentsOf: text.utf8)
            return bytes.count >= 1 << 16 || descriptor == 2
        }
        if shouldFlush { flush() }
    }

    func flush() {
        buffer.withLock { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
                if written <= 0 {
                    if errno == EINTR { continue }
                    break
                }
                offset += written
            }
            bytes.removeAll(keepingCapacity: true)
        }
    }
}
