import Foundation

/// An exclusive `flock` on the cache's lock file, held for a whole run: one writer at a time, and a
/// second `triage` finds it taken at once instead of waiting. The kernel releases it when the
/// process dies, so a killed run never leaves the cache locked.
final class CacheLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock, or returns nil when another process holds it.
    init?(path: String) throws {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw CacheError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// The cache cannot be used; the message is for a person.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
