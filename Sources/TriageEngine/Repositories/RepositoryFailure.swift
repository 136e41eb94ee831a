/// One repository of a multi-repository source that could not be read (404, 403, an outage): the
/// others go on, and the run ends with exit 3 (SPEC §7).
public struct RepositoryFailure: Hashable, Sendable, CustomStringConvertible {
    /// `owner/name` (or the GitLab project path).
    public var repository: String
    public var message: String

    public init(repository: String, message: String) {
        self.repository = repository
        self.message = message
    }

    public var description: String { "repository \(repository) skipped: \(message)" }
}
