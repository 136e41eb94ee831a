import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A request as the loopback test server received it.
public struct TestHTTPRequest: Sendable {
    public var method: String
    /// Path and query, as sent (percent-encoding kept).
    public var uri: String
    public var headers: [(name: String, value: String)]
    /// The request body (writes send JSON); empty for GET.
    public var body: [UInt8] = []

    public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }

    public var query: [String: String] {
        guard let question = uri.firstIndex(of: "?") else { return [:] }
        var items: [String: String] = [:]
        for item in uri[uri.index(after: question)...].split(separator: "&") {
            let parts = item.split(separator: "=", maxSplits: 1)
            items[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return items
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// What the test server answers; `delayMilliseconds` adds to the server's latency,
/// `dropConnection` closes the connection without answering (a connection reset for the client),
/// and `heldUntil` keeps the answer back until that gate opens (an event, not a time), so a test can
/// hold requests in flight until as many as it expects have arrived.
public struct TestHTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    public var delayMilliseconds: Int
    public var dropConnection: Bool
    public var heldUntil: Gate?

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = [], delayMilliseconds: Int = 0,
                dropConnection: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delayMilliseconds = delayMilliseconds
        self.dropConnection = dropConnection
        heldUntil = nil
    }

    public init(status: Int = 200, headers: [(name: String, value: String)] = [], json: String, delayMilliseconds: Int = 0) {
        self.init(status: status, headers: [(name: "Content-Type", value: "application/json")] + headers, body: Array(json.utf8),
                  delayMilliseconds: delayMilliseconds)
    }
}

/// An HTTP/1.1 server on 127.0.0.1 and an ephemeral port, for provider tests: answers with
/// `handler`, after `latencyMilliseconds` per request, and records every request and the largest
/// number of requests in flight at once.
///
/// Everything happens on NIO's event loop (the handler is synchronous, delays are scheduled
/// there), never on Swift's cooperative pool: tests that block pool threads (subprocess waits)
/// cannot delay the server's answers into client timeouts.
public final class TestHTTPServer: Sendable {
    public let port: Int
    private let channel: any Channel
    private let state: ServerState

    public var baseURL: String { "http://127.0.0.1:\(port)" }
    /// Every request received so far, in arrival order.
    public var requests: [TestHTTPRequest] { state.requests }
    /// The most requests that were being answered at the same time.
    public var maxInFlight: Int { state.maxInFlight }

    /// `port` 0 (the default) takes an ephemeral port; a fixed one lets a benchmark's second process
    /// reach the API base its first process cached under.
    public static func start(latencyMilliseconds: Int = 0, port: Int = 0,
                             handler: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse) async throws -> TestHTTPServer {
        let state = ServerState(latencyMilliseconds: latencyMilliseconds, handler: handler)
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(TestHTTPHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: port).get()
        return TestHTTPServer(channel: channel, state: state)
    }

    private init(channel: any Channel, state: ServerState) {
        self.channel = channel
        self.state = state
        port = channel.localAddress?.port ?? 0
    }

    public func stop() async {
        try? await channel.close()
    }

    /// Runs `body`, then stops the server and waits until it has stopped, whether `body` returned
    /// or threw: a test never ends with its server still listening (a `defer { Task { stop } }`
    /// would leave the stop running after the test).
    public func serving<R>(_ body: () async throws -> R) async throws -> R {
        let result: R
        do {
            result = try await body()
        } catch {
            await stop()
            throw error
        }
        await stop()
        return result
    }
}

final class ServerState: Sendable {
    struct Counters {
        var requests: [TestHTTPRequest] = []
        var inFlight = 0
        var maxInFlight = 0
    }

    let latencyMilliseconds: Int
    let handler: @Sendable (TestHTTPRequest) -> TestHTTPResponse
    private let counters = Mutex(Counters())

    init(latencyMilliseconds: Int, handler: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse) {
        self.latencyMilliseconds = latencyMilliseconds
        self.handler = handler
    }

    var requests: [TestHTTPRequest] { counters.withLock { $0.requests } }
    var maxInFlight: Int { counters.withLock { $0.maxInFlight } }

    /// Records `request` as in flight and returns the answer; `finished()` ends it.
    func begin(_ request: TestHTTPRequest) -> TestHTTPResponse {
        counters.withLock {
            $0.requests.append(request)
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        return handler(request)
    }

    func finished() {
        counters.withLock { $0.inFlight -= 1 }
    }
}

final class TestHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let state: ServerState
    private var head: HTTPRequestHead?
    private var body: [UInt8] = []

    init(state: ServerState) {
        self.state = state
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case let .head(head):
            self.head = head
            body = []
        case let .body(buffer):
            body += buffer.readableBytesView
        case .end:
            guard let head else { return }
            let request = TestHTTPRequest(method: head.method.rawValue, uri: head.uri, headers: head.headers.map { ($0.name, $0.value) },
                                          body: body)
            let keepAlive = head.isKeepAlive
            let response = state.begin(request)
            let delay = state.latencyMilliseconds + response.delayMilliseconds
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            let serverState = self.state
            let eventLoop = context.eventLoop
            let answer: @Sendable () -> Void = {
                eventLoop.scheduleTask(in: .milliseconds(Int64(delay))) {
                    serverState.finished()
                    let (handler, context) = bound.value
                    handler.write(response, keepAlive: keepAlive, context: context)
                }
            }
            if let gate = response.heldUntil {
                Task {
                    // A server stopped while the gate is shut never answers; the client sees the connection close.
                    guard (try? await gate.wait()) != nil else { return }
                    eventLoop.execute(answer)
                }
            } else {
                answer()
            }
        }
    }

    private func write(_ response: TestHTTPResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        if response.dropConnection {
            context.close(promise: nil)
            return
        }
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: "\(response.body.count)")
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        var buffer = context.channel.allocator.buffer(capacity: response.body.count)
        buffer.writeBytes(response.body)
        context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
        let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
        if !keepAlive {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            done.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }
}
