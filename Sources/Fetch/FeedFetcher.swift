import AsyncHTTPClient
import Domain
import Foundation
import NIOCore
import NIOHTTP1

/// Fetches followed feeds over HTTP, politely, and says for each how it went and what its
/// state is now. Knows nothing of the archive: the caller keeps the states and captures.
///
/// One `HTTPClient` (AsyncHTTPClient) serves every fetch, with its own redirect following and
/// decompression off: redirects are followed here (each recorded, loops caught) and bodies
/// are kept as received, then decoded with a cap.
///
/// ```swift
/// try await FeedFetcher.with(policy: FetchPolicy(), schedule: FetchSchedule()) { fetcher in
///   await fetcher.cycle(jobs, force: false, now: now) { result in await archive.keep(result) }
/// }
/// ```
package final class FeedFetcher: Sendable {
  /// Timeouts, caps, redirects, per-host spacing.
  package let policy: FetchPolicy
  /// When each feed is next due.
  package let schedule: FetchSchedule
  private let client: HTTPClient
  private let gate: HostGate
  private let clock: @Sendable () -> Timestamp
  private let random: @Sendable () -> Double

  /// A fetcher; call `shutdown()` when done, or use `with(policy:schedule:clock:random:_:)`.
  ///
  /// `clock` stamps attempts and captures; `random` (a draw in 0..<1) picks each backoff's
  /// jitter, so tests can fix both.
  package init(
    policy: FetchPolicy = FetchPolicy(), schedule: FetchSchedule = FetchSchedule(),
    clock: @escaping @Sendable () -> Timestamp = FeedFetcher.systemClock,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
  ) {
    self.policy = policy
    self.schedule = schedule
    self.clock = clock
    self.random = random
    self.gate = HostGate(interval: policy.hostInterval)
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: .init(connect: policy.connectTimeout.timeAmount, read: policy.totalTimeout.timeAmount),
      decompression: .disabled)
    // A refused connection is an answer: fail at once instead of retrying until the deadline.
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.httpVersion = .automatic
    self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Runs `body` with a fetcher and shuts it down after, whether `body` throws or not.
  package static func with<T: Sendable>(
    policy: FetchPolicy = FetchPolicy(), schedule: FetchSchedule = FetchSchedule(),
    clock: @escaping @Sendable () -> Timestamp = FeedFetcher.systemClock,
    random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
    _ body: (FeedFetcher) async throws -> T
  ) async throws -> T {
    let fetcher = FeedFetcher(policy: policy, schedule: schedule, clock: clock, random: random)
    do {
      let value = try await body(fetcher)
      try await fetcher.shutdown()
      return value
    } catch {
      try? await fetcher.shutdown()
      throw error
    }
  }

  /// Closes the connections; the fetcher cannot be used after.
  package func shutdown() async throws {
    try await client.shutdown()
  }

  // MARK: - One feed

  /// Fetches one feed once (following redirects) and returns how it went and its new state.
  ///
  /// Returns nil only when the task was cancelled before the exchange completed: nothing is
  /// known then, and the feed's state should stay as it was.
  package func fetch(_ job: FeedJob) async -> FetchResult? {
    let attemptAt = clock()
    var url = job.url
    var redirects: [Redirect] = []
    var visited: Set<String> = []
    var lastStatus: Int?
    while true {
      guard let target = Target(url) else {
        return failed(job, at: attemptAt, FetchFailure(url: url, problem: .badURL), status: lastStatus)
      }
      visited.insert(target.absolute)
      let headers = requestHeaders(for: target, state: job.state)
      let exchange: Exchange
      do {
        exchange = try await gate.pass(target.hostKey) {
          try await self.withinTotalTimeout(target.absolute) {
            try await self.exchange(target, headers: headers)
          }
        }
      } catch let failure as FetchFailure {
        return failed(job, at: attemptAt, failure, status: lastStatus)
      } catch {
        if Task.isCancelled { return nil }
        return failed(job, at: attemptAt, describe(error, url: target.absolute), status: lastStatus)
      }
      lastStatus = exchange.status
      if [301, 302, 303, 307, 308].contains(exchange.status) {
        let location = exchange.header("Location")
        guard let location, let next = Target(location, relativeTo: target) else {
          let failure = FetchFailure(
            url: target.absolute, problem: .badRedirect(status: exchange.status, location: location))
          return failed(job, at: attemptAt, failure, status: exchange.status)
        }
        redirects.append(Redirect(status: exchange.status, from: target.absolute, to: next.absolute))
        if visited.contains(next.absolute) {
          return failed(
            job, at: attemptAt, FetchFailure(url: job.url, problem: .redirectLoop), status: exchange.status)
        }
        if redirects.count > policy.maxRedirects {
          let failure = FetchFailure(url: job.url, problem: .tooManyRedirects(policy.maxRedirects))
          return failed(job, at: attemptAt, failure, status: exchange.status)
        }
        url = next.absolute
        continue
      }
      return answered(
        job, at: attemptAt, target: target, sent: headers, exchange: exchange, redirects: redirects)
    }
  }

  /// The headers sent, in order; AsyncHTTPClient adds none to a GET without a body when
  /// `Host` is given, so these are exactly what went on the wire.
  private func requestHeaders(for target: Target, state: FeedFetchState) -> [HeaderField] {
    var fields = [
      HeaderField(name: "Host", value: target.hostHeader),
      HeaderField(name: "User-Agent", value: policy.userAgent),
      HeaderField(name: "Accept", value: policy.accept),
      HeaderField(name: "Accept-Encoding", value: "gzip, deflate"),
    ]
    if let etag = state.etag { fields.append(HeaderField(name: "If-None-Match", value: etag)) }
    if let lastModified = state.lastModified {
      fields.append(HeaderField(name: "If-Modified-Since", value: lastModified))
    }
    return fields
  }

  /// `work`, or a timeout failure when it outlasts `policy.totalTimeout`.
  ///
  /// AsyncHTTPClient's deadline covers the response head, not a body that trickles in, so
  /// the whole exchange races a timer; the loser is cancelled (which closes the connection).
  private func withinTotalTimeout<T: Sendable>(
    _ url: String, _ work: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    let limit = policy.totalTimeout
    return try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await work() }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let value = first else {
        throw FetchFailure(url: url, problem: .timeout(limit))
      }
      return value
    }
  }

  /// One request and its whole body (up to the cap), or a failure saying what stopped it.
  private func exchange(_ target: Target, headers: [HeaderField]) async throws -> Exchange {
    var request = HTTPClientRequest(url: target.absolute)
    request.method = .GET
    for field in headers { request.headers.add(name: field.name, value: field.value) }
    let limit = policy.maxBodyBytes
    let deadline = NIODeadline.now() + policy.totalTimeout.timeAmount
    let response = try await client.execute(request, deadline: deadline)
    let receivedAt = clock()
    let responseHeaders = response.headers.map { HeaderField(name: $0.name, value: $0.value) }
    if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > limit {
      throw FetchFailure(url: target.absolute, problem: .bodyTooLarge(limit: limit))
    }
    var body: [UInt8] = []
    for try await buffer in response.body {
      guard body.count + buffer.readableBytes <= limit else {
        throw FetchFailure(url: target.absolute, problem: .bodyTooLarge(limit: limit))
      }
      body.append(contentsOf: buffer.readableBytesView)
    }
    let version =
      response.version.major == 2 ? "HTTP/2" : "HTTP/\(response.version.major).\(response.version.minor)"
    return Exchange(
      status: Int(response.status.code), reason: response.status.reasonPhrase, httpVersion: version,
      headers: responseHeaders, body: body, receivedAt: receivedAt)
  }

  // MARK: - Outcomes and states

  private func answered(
    _ job: FeedJob, at attemptAt: Timestamp, target: Target, sent: [HeaderField], exchange: Exchange,
    redirects: [Redirect]
  ) -> FetchResult {
    let move = permanentMove(from: job.url, redirects)
    if exchange.status == 304 {
      var state = succeeded(job.state, at: attemptAt, status: 304)
      // A 304 may freshen a validator (RFC 9111 §4.3.4); one it leaves out stays as it was.
      if let etag = exchange.header("ETag") { state.etag = etag }
      if let lastModified = exchange.header("Last-Modified") { state.lastModified = lastModified }
      return FetchResult(url: job.url, state: state, outcome: .notModified, movedPermanently: move)
    }
    guard (200..<300).contains(exchange.status) else {
      let failure = FetchFailure(
        url: target.absolute, problem: .status(exchange.status, reason: exchange.reason))
      let retryAfter = exchange.header("Retry-After").flatMap {
        HTTPDate.retryAfter($0, now: exchange.receivedAt)
      }
      return failed(job, at: attemptAt, failure, status: exchange.status, retryAfter: retryAfter)
    }
    let decoded: [UInt8]
    do throws(ContentDecoding.Failure) {
      decoded = try ContentDecoding.decode(
        exchange.body, contentEncoding: exchange.header("Content-Encoding"), limit: policy.maxDecodedBytes)
    } catch {
      return failed(
        job, at: attemptAt, FetchFailure(url: target.absolute, problem: error.problem),
        status: exchange.status)
    }
    var state = succeeded(job.state, at: attemptAt, status: exchange.status)
    // Each validator is the one this 200 carried: one it lacks is dropped, not kept stale.
    state.etag = exchange.header("ETag")
    state.lastModified = exchange.header("Last-Modified")
    let capture = Capture(
      requestedURL: job.url, finalURL: target.absolute, status: exchange.status,
      httpVersion: exchange.httpVersion,
      requestHeaders: sent, responseHeaders: exchange.headers, fetchedAt: exchange.receivedAt,
      body: exchange.body,
      redirects: redirects)
    return FetchResult(
      url: job.url, state: state, outcome: .captured(capture, decodedBody: decoded), movedPermanently: move)
  }

  private func succeeded(_ previous: FeedFetchState, at attemptAt: Timestamp, status: Int) -> FeedFetchState {
    var state = previous
    state.lastAttempt = attemptAt
    state.lastSuccess = attemptAt
    state.lastStatus = status
    state.lastError = nil
    state.consecutiveFailures = 0
    state.nextDue = schedule.nextDue(after: .success, failures: 0, now: attemptAt, random: random())
    return state
  }

  private func failed(
    _ job: FeedJob, at attemptAt: Timestamp, _ failure: FetchFailure, status: Int?,
    retryAfter: Timestamp? = nil
  ) -> FetchResult {
    var state = job.state
    state.lastAttempt = attemptAt
    state.lastStatus = failure.status ?? status
    state.lastError = failure.url == job.url ? failure.description : "\(job.url): via \(failure.description)"
    state.consecutiveFailures = job.state.consecutiveFailures + 1
    state.nextDue = schedule.nextDue(
      after: .failure(status: failure.status, retryAfter: retryAfter), failures: state.consecutiveFailures,
      now: attemptAt, random: random())
    return FetchResult(url: job.url, state: state, outcome: .failed(failure))
  }

  /// The leading run of permanent redirects: where the subscription should now point.
  private func permanentMove(from url: String, _ redirects: [Redirect]) -> FetchResult.Move? {
    let permanent = redirects.prefix { $0.isPermanent }
    return permanent.last.map { FetchResult.Move(from: url, to: $0.to) }
  }

  private func describe(_ error: any Error, url: String) -> FetchFailure {
    if let error = error as? HTTPClientError {
      switch error {
      case .connectTimeout: return FetchFailure(url: url, problem: .connectTimeout(policy.connectTimeout))
      case .deadlineExceeded, .readTimeout:
        return FetchFailure(url: url, problem: .timeout(policy.totalTimeout))
      default: break
      }
    }
    let text = String(describing: error)
    if text.contains("ECONNREFUSED") || text.lowercased().contains("connection refused") {
      return FetchFailure(url: url, problem: .connectionRefused)
    }
    let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
    return FetchFailure(url: url, problem: .transport(line))
  }
}

/// A response as received: status line, headers in order, body (still encoded).
struct Exchange: Sendable {
  var status: Int
  var reason: String
  var httpVersion: String
  var headers: [HeaderField]
  var body: [UInt8]
  var receivedAt: Timestamp

  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// A URL checked to be absolute `http`/`https` with a host, and what requests to it need.
struct Target: Sendable {
  let absolute: String
  /// `host:port`, lowercased: the unit of politeness.
  let hostKey: String
  /// The `Host` header: the host, with the port when it is not the scheme's default.
  let hostHeader: String

  init?(_ text: String, relativeTo base: Target? = nil) {
    let parsed =
      base.flatMap { URL(string: $0.absolute) }.flatMap { URL(string: text, relativeTo: $0) }
      ?? URL(string: text)
    guard let url = parsed?.absoluteURL, let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https",
      let host = url.host, !host.isEmpty
    else { return nil }
    let defaultPort = scheme == "https" ? 443 : 80
    let port = url.port ?? defaultPort
    let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
    absolute = url.absoluteString
    hostKey = "\(hostText.lowercased()):\(port)"
    hostHeader = port == defaultPort ? hostText : "\(hostText):\(port)"
  }
}

extension Duration {
  var timeAmount: TimeAmount { .microseconds(microseconds) }
}

extension FeedFetcher {
  /// The system clock, now: the default `clock`.
  @Sendable package static func systemClock() -> Timestamp {
    Timestamp(microseconds: Int64((Date().timeIntervalSince1970 * 1_000_000).rounded()))
  }
}
