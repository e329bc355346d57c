import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A request as the server read it.
public struct ServedRequest: Sendable {
  /// `GET`, `HEAD`…
  public var method: String
  /// The request target as sent, path and query.
  public var uri: String
  /// Header fields in the order received, names as sent.
  public var headers: [(name: String, value: String)]

  /// The first value of a header, by name case-insensitively.
  public func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }

  /// The path, without the query.
  public var path: String { String(uri.split(separator: "?", maxSplits: 1).first ?? "") }
}

/// What the server answers one request with, and how it sends it.
public struct ServedResponse: Sendable {
  /// The status code.
  public var status: Int
  /// Header fields, sent in this order; `Content-Length` is added when missing.
  public var headers: [(name: String, value: String)]
  /// The body, sent as given (already encoded when a `Content-Encoding` is set).
  public var body: [UInt8]
  /// How the response goes out.
  public var delivery: Delivery

  /// How a response goes out.
  public enum Delivery: Sendable {
    /// At once.
    case complete
    /// Never: the request is read and nothing is written (a server that hangs).
    case silent
    /// The head at once, then one body byte every `interval` (a server that trickles).
    case trickle(interval: Duration)
  }

  /// A response.
  public init(
    status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
    delivery: Delivery = .complete
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.delivery = delivery
  }

  /// 200 with `body` and `headers`.
  public static func ok(_ body: [UInt8], headers: [(name: String, value: String)] = []) -> ServedResponse {
    ServedResponse(status: 200, headers: headers, body: body)
  }

  /// 200 with `text` as UTF-8 and `headers`.
  public static func ok(_ text: String, headers: [(name: String, value: String)] = []) -> ServedResponse {
    ServedResponse(status: 200, headers: headers, body: Array(text.utf8))
  }

  /// A redirect (`301`, `302`, `307`, `308`…) to `location`.
  public static func redirect(_ status: Int, to location: String) -> ServedResponse {
    ServedResponse(status: status, headers: [("Location", location)])
  }
}

/// An HTTP/1.1 server on 127.0.0.1 (SwiftNIO), on an ephemeral port, answering each request
/// with what `respond` returns, and recording the requests.
///
/// It stops when `stop()` is called, and by itself after `hardStop` whatever happens, so a
/// test that fails halfway leaves no server behind. Only loopback is ever bound.
public final class FeedServer: Sendable {
  /// The port it listens on.
  public let port: Int
  private let channel: any Channel
  private let state: Mutex<(requests: [ServedRequest], connections: [any Channel], stopped: Bool)>
  private let watchdog: Mutex<Task<Void, Never>?>

  private init(channel: any Channel, port: Int) {
    self.channel = channel
    self.port = port
    self.state = Mutex(([], [], false))
    self.watchdog = Mutex(nil)
  }

  /// Starts a server; `respond` runs on the server's event loop for each complete request.
  public static func start(
    hardStop: Duration = .seconds(120), _ respond: @escaping @Sendable (ServedRequest) -> ServedResponse
  ) async throws -> FeedServer {
    let shared = SharedState()
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 1024)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { child in
        shared.opened(child)
        return child.eventLoop.makeCompletedFuture {
          try child.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
          try child.pipeline.syncOperations.addHandler(
            Responder(respond: respond, record: { shared.record($0) }))
        }
      }
    let channel = try await bootstrap.bind(host: "127.0.0.1", port: 0).get()
    guard let port = channel.localAddress?.port else {
      try? await channel.close()
      throw ServerError.noPort
    }
    let server = FeedServer(channel: channel, port: port)
    shared.attach(server)
    let watchdog = Task.detached { [weak server] in
      try? await Task.sleep(for: hardStop)
      if !Task.isCancelled { await server?.stop() }
    }
    server.watchdog.withLock { $0 = watchdog }
    return server
  }

  /// `http://127.0.0.1:PORT` followed by `path`.
  public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

  /// Every request read so far, in order.
  public var requests: [ServedRequest] { state.withLock { $0.requests } }

  /// The requests read so far for `path`.
  public func requests(for path: String) -> [ServedRequest] { requests.filter { $0.path == path } }

  /// Closes the listening socket and every open connection.
  public func stop() async {
    let connections = state.withLock { state -> [any Channel] in
      state.stopped = true
      defer { state.connections = [] }
      return state.connections
    }
    watchdog.withLock { $0?.cancel() }
    try? await channel.close()
    for connection in connections { try? await connection.close() }
  }

  fileprivate func opened(_ connection: any Channel) {
    let stopped = state.withLock { state -> Bool in
      if !state.stopped { state.connections.append(connection) }
      return state.stopped
    }
    if stopped { connection.close(promise: nil) }
  }

  fileprivate func record(_ request: ServedRequest) {
    state.withLock { $0.requests.append(request) }
  }

  enum ServerError: Error { case noPort }
}

/// Runs `body` with a started server and stops it after, whether `body` throws or not.
public func withFeedServer<T>(
  hardStop: Duration = .seconds(120), _ respond: @escaping @Sendable (ServedRequest) -> ServedResponse,
  _ body: (FeedServer) async throws -> T
) async throws -> T {
  let server = try await FeedServer.start(hardStop: hardStop, respond)
  do {
    let value = try await body(server)
    await server.stop()
    return value
  } catch {
    await server.stop()
    throw error
  }
}

/// Lets the channel initializer, made before the server exists, reach it.
private final class SharedState: Sendable {
  private let server = Mutex<FeedServer?>(nil)
  private let early = Mutex<[any Channel]>([])

  func attach(_ server: FeedServer) {
    self.server.withLock { $0 = server }
    for connection in early.withLock({ $0 }) { server.opened(connection) }
  }
  func opened(_ connection: any Channel) {
    if let server = server.withLock({ $0 }) {
      server.opened(connection)
    } else {
      early.withLock { $0.append(connection) }
    }
  }
  func record(_ request: ServedRequest) {
    server.withLock { $0 }?.record(request)
  }
}

/// Reads one request at a time and writes what `respond` says, as it says.
private final class Responder: ChannelInboundHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let respond: @Sendable (ServedRequest) -> ServedResponse
  private let record: @Sendable (ServedRequest) -> Void
  private var head: HTTPRequestHead?

  init(
    respond: @escaping @Sendable (ServedRequest) -> ServedResponse,
    record: @escaping @Sendable (ServedRequest) -> Void
  ) {
    self.respond = respond
    self.record = record
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head): self.head = head
    case .body: break
    case .end:
      guard let head else { return }
      self.head = nil
      let request = ServedRequest(
        method: head.method.rawValue, uri: head.uri,
        headers: head.headers.map { (name: $0.name, value: $0.value) })
      record(request)
      send(respond(request), context: context)
    }
  }

  private func send(_ response: ServedResponse, context: ChannelHandlerContext) {
    if case .silent = response.delivery { return }
    var headers = HTTPHeaders()
    for field in response.headers { headers.add(name: field.name, value: field.value) }
    if !headers.contains(name: "Content-Length") {
      headers.add(name: "Content-Length", value: "\(response.body.count)")
    }
    let status = HTTPResponseStatus(statusCode: response.status)
    context.write(
      wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
      promise: nil)
    switch response.delivery {
    case .silent: return
    case .complete:
      if !response.body.isEmpty {
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: response.body)))), promise: nil)
      }
      context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
    case .trickle(let interval):
      context.flush()
      let bound = NIOLoopBoundBox((context: context, handler: self, sent: 0), eventLoop: context.eventLoop)
      let body = response.body
      let every = TimeAmount.nanoseconds(
        interval.components.seconds * 1_000_000_000 + interval.components.attoseconds / 1_000_000_000)
      context.eventLoop.scheduleRepeatedTask(initialDelay: every, delay: every) { task in
        let (context, handler, sent) = bound.value
        guard context.channel.isActive, sent < body.count else {
          task.cancel()
          if context.channel.isActive {
            context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
          }
          return
        }
        context.writeAndFlush(
          handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(bytes: body[sent..<sent + 1])))), promise: nil)
        bound.value.sent = sent + 1
      }
    }
  }
}
