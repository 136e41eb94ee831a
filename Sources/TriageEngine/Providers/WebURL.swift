/// A web URL given as a source, split into what factories read: scheme, host, port and path
/// segments. Credentials in it (`https://user:token@host/…`) are dropped, never echoed; tokens
/// come from the environment.
public struct WebURL: Hashable, Sendable {
    /// `https` or `http`.
    public var scheme: String
    /// Lowercased, without port: a port does not change which provider serves the host.
    public var host: String
    public var port: String?
    /// The path's non-empty segments.
    public var path: [String]

    public init?(_ text: String) {
        guard let schemeEnd = text.range(of: "://") else { return nil }
        scheme = String(text[..<schemeEnd.lowerBound]).lowercased()
        guard scheme == "https" || scheme == "http" else { return nil }
        let rest = text[schemeEnd.upperBound...]
        let hostEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<hostEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        port = nil
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            port = String(authority[authority.index(after: colon)...])
            authority = authority[..<colon]
        }
        host = String(authority).lowercased()
        path = rest[hostEnd...].split(separator: "/").map(String.init)
    }

    /// `scheme://host[:port]`, for deriving an API base on the same server.
    public var origin: String { "\(scheme)://\(host)" + (port.map { ":\($0)" } ?? "") }
}
