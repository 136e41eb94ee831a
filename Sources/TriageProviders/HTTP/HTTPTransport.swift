/// One request as the providers send it: the transport sees nothing else, so a test double or
/// another runtime's client only has to implement `send(_:)`.
public struct HTTPRequest: Sendable {
    /// `GET` for reads; `POST`, `PUT`, `PATCH`, `DELETE` for `triage apply`'s writes.
    public var method: String
    public var url: String
    /// Header name/value pairs, in order; may hold a token, so never print them unredacted.
    public var headers: [(name: String, value: String)]
    /// Longest time the whole exchange may take before it counts as a timeout (retried).
    public var timeoutSeconds: Double
    /// A JSON body (writes only); sent with `Content-Type: application/json`.
    public var body: [UInt8]?

    public init(method: String = "GET", url: String, headers: [(name: String, value: String)] = [], body: [UInt8]? = nil,
                timeoutSeconds: Double = 30) {
        self.method = method
        self.url = url
        self.body = body
        self.headers = headers
        self.timeoutSeconds = timeoutSeconds
    }
}

/// A response with its whole body read: list pages are at most a few hundred kilobytes.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The first value of `name`, compared case-insensitively (HTTP header names are).
    public func header(_ name: String) -> String? {
        let lowered = name.lowercased()
        return headers.first { $0.name.lowercased() == lowered }?.value
    }
}

/// Why an exchange failed before a status arrived; the retry policy retries all of these for
/// idempotent methods. Only `unreachable` proves that nothing was sent, so only it is retried for a
/// `POST`: a connection lost after the request went out (`connection`) may follow the server's
/// commit, and sending the request again could post a comment twice.
public enum HTTPTransportError: Error, Sendable, CustomStringConvertible {
    case timeout
    /// The connection failed or closed while the request was under way: it may have been applied.
    case connection(String)
    /// No connection could be made (refused, unreachable, name not resolved): nothing was sent.
    case unreachable(String)

    public var description: String {
        switch self {
        case .timeout: "the request timed out"
        case let .connection(reason), let .unreachable(reason): "connection failed: \(reason)"
        }
    }
}

/// Sends requests. Implementations follow redirects themselves and throw `HTTPTransportError`
/// (or any error, treated as a connection failure) when no response arrives.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// Releases connections and threads; called once when the run is over.
    func shutdown() async
}
