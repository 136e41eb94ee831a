import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The production transport: one `HTTPClient` for the whole run, so connections to the API host
/// are pooled and reused across list pages and lazy-field requests; `shutdown()` closes them.
public final class AsyncHTTPClientTransport: HTTPTransport {
    private let client: HTTPClient
    /// Largest body accepted; a page of 100 issues with long bodies stays far below this.
    private let maxBodyBytes: Int
    private let shutDown = Mutex(false)

    public init(maxBodyBytes: Int = 64 << 20) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout.connect = .seconds(10)
        configuration.decompression = .enabled(limit: .ratio(50))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.maxBodyBytes = maxBodyBytes
    }

    public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body {
            outgoing.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(body)
        }
        let timeout = TimeAmount.milliseconds(Int64(request.timeoutSeconds * 1000))
        do {
            let response = try await client.execute(outgoing, timeout: timeout)
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return HTTPResponse(status: Int(response.status.code),
                                headers: response.headers.map { (name: $0.name, value: $0.value) },
                                body: Array(buffer: body))
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
            throw HTTPTransportError.timeout
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as IOError {
            // "Connection refused", "Connection reset by peer": the system's words, without NIO's wrapping.
            let reason = String(cString: strerror(error.errnoCode))
            if [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH].contains(error.errnoCode) { throw HTTPTransportError.unreachable(reason) }
            throw HTTPTransportError.connection(reason)
        } catch let error as NIOConnectionError {
            // Every attempt to connect failed (a name that does not resolve included): nothing was sent.
            throw HTTPTransportError.unreachable(String(describing: error))
        } catch let error as HTTPClientError where error == .getConnectionFromPoolTimeout {
            throw HTTPTransportError.unreachable(String(describing: error))
        } catch {
            // `remoteConnectionClosed` and the like: the request may have reached the server.
            throw HTTPTransportError.connection(String(describing: error))
        }
    }

    public func shutdown() async {
        guard shutDown.withLock({ done in defer { done = true }; return !done }) else { return }
        try? await client.shutdown()
    }

    /// A safety net for runs that end by an error path that never reached `shutdown()`: the client
    /// must not be released while running.
    deinit {
        if !shutDown.withLock({ $0 }) { _ = client.shutdown() }
    }
}
