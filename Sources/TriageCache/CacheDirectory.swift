import Foundation

/// Where the cache lives: `--cache DIR`, else `$XDG_CACHE_HOME/triage`, else `~/.cache/triage`.
/// Created with mode 0700: issue data of private repositories must not be readable by other users.
public struct CacheDirectory: Hashable, Sendable {
    public var path: String

    public init(path: String) { self.path = path }

    /// The default directory for `environment` (XDG first, then `HOME`); nil when neither is set.
    public static func `default`(environment: [String: String]) -> CacheDirectory? {
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty { return CacheDirectory(path: xdg + "/triage") }
        if let home = environment["HOME"], !home.isEmpty { return CacheDirectory(path: home + "/.cache/triage") }
        return nil
    }

    /// `given` (`--cache DIR`) when there is one, else the default for `environment`.
    public static func chosen(_ given: String?, environment: [String: String]) -> CacheDirectory? {
        given.map(CacheDirectory.init(path:)) ?? .default(environment: environment)
    }

    /// The SQLite database file inside the directory.
    public var databasePath: String { path + "/cache.sqlite" }
    /// The file a running `triage` holds an exclusive lock on while it uses the cache.
    var lockPath: String { path + "/cache.lock" }

    /// Creates the directory (and missing parents) with mode 0700; an existing one keeps its mode.
    public func create() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
    }
}
