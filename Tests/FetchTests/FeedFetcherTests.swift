import Codecs
import Domain
import FeedServer
import Synchronization
import Testing

@testable import Fetch

/// The fetcher against a real HTTP server on 127.0.0.1: each scenario answered with a clear
/// state and nothing lost.
@Suite("Fetcher against a loopback server")
struct FeedFetcherTests {
  static let now = Timestamp(microseconds: 1_800_000_000_000_000)
  static let policy = FetchPolicy(
    connectTimeout: .seconds(2), totalTimeout: .seconds(1), maxBodyBytes: 64 << 10, maxDecodedBytes: 1 << 20,
    maxRedirects: 5, hostInterval: .zero, maxConcurrentHosts: 4)
  static let schedule = FetchSchedule(
    interval: .seconds(3600), backoffBase: .seconds(600), maxBackoff: .seconds(86_400), jitter: 0.2)
  static let feed =
    "<?xml version=\"1.0\"?><rss><channel><item><title>Communiqué</title></item></channel></rss>"
  static let lastModified = "Mon, 07 Dec 2026 10:00:00 GMT"

  func fetch(_ url: String, state: FeedFetchState = FeedFetchState(), policy: FetchPolicy = policy)
    async throws -> FetchResult
  {
    try await FeedFetcher.with(policy: policy, schedule: Self.schedule, clock: { Self.now }, random: { 0 }) {
      try #require(await $0.fetch(FeedJob(url: url, state: state)))
    }
  }

  func captured(_ result: FetchResult) throws -> (Capture, [UInt8]) {
    guard case .captured(let capture, let decoded) = result.outcome else {
      Issue.record("expected a capture, got \(result.outcome)")
      throw CaptureMissing()
    }
    return (capture, decoded)
  }
  struct CaptureMissing: Error {}

  func failure(_ result: FetchResult) -> FetchFailure.Problem? {
    if case .failed(let failure) = result.outcome { return failure.problem }
    return nil
  }

  func dueIn(_ state: FeedFetchState) -> Int64? {
    state.nextDue.map { ($0.microseconds - Self.now.microseconds) / 1_000_000 }
  }

  @Test("200 with ETag and Last-Modified, then 304 to a request carrying both validators")
  func conditionalGetRoundTrip() async throws {
    try await withFeedServer({ request in
      if request.header("If-None-Match") == "\"v1\"", request.header("If-Modified-Since") == Self.lastModified
      {
        return ServedResponse(status: 304, headers: [("ETag", "\"v1\"")])
      }
      return .ok(
        Self.feed,
        headers: [
          ("Content-Type", "application/rss+xml"), ("ETag", "\"v1\""), ("Last-Modified", Self.lastModified),
        ])
    }) { server in
      let first = try await fetch(server.url("/feed"))
      let (capture, decoded) = try captured(first)
      #expect(decoded == Array(Self.feed.utf8))
      #expect(capture.body == decoded)
      #expect(capture.status == 200)
      #expect(capture.httpVersion == "HTTP/1.1")
      #expect(capture.requestedURL == server.url("/feed"))
      #expect(capture.finalURL == server.url("/feed"))
      #expect(capture.fetchedAt == Self.now)
      #expect(first.state.etag == "\"v1\"")
      #expect(first.state.lastModified == Self.lastModified)
      #expect(first.state.lastStatus == 200)
      #expect(first.state.lastSuccess == Self.now)
      #expect(dueIn(first.state) == 3600)
      // The headers recorded are the ones the server read, in order.
      let seen = server.requests[0].headers.map { HeaderField(name: $0.name, value: $0.value) }
      #expect(capture.requestHeaders == seen)
      #expect(server.requests[0].header("If-None-Match") == nil)
      #expect(server.requests[0].header("User-Agent") == "Communique/\(CommuniqueVersion.current)")
      #expect(server.requests[0].header("Accept-Encoding") == "gzip, deflate")
      #expect(capture.responseHeader("etag") == "\"v1\"")
      #expect(
        capture.responseHeaders.map(\.name) == ["Content-Type", "ETag", "Last-Modified", "Content-Length"])

      let second = try await fetch(server.url("/feed"), state: first.state)
      guard case .notModified = second.outcome else {
        Issue.record("expected 304, got \(second.outcome)")
        return
      }
      #expect(server.requests[1].header("If-None-Match") == "\"v1\"")
      #expect(server.requests[1].header("If-Modified-Since") == Self.lastModified)
      #expect(second.state.etag == "\"v1\"")
      #expect(second.state.lastModified == Self.lastModified)
      #expect(second.state.lastStatus == 304)
      #expect(second.state.consecutiveFailures == 0)
    }
  }

  @Test("a 200 carrying only a new ETag refreshes it and drops the old Last-Modified")
  func each200RefreshesEachValidator() async throws {
    try await withFeedServer({ _ in .ok(Self.feed, headers: [("ETag", "W/\"new\"")]) }) { server in
      let stale = FeedFetchState(etag: "\"old\"", lastModified: Self.lastModified)
      let result = try await fetch(server.url("/feed"), state: stale)
      _ = try captured(result)
      #expect(server.requests[0].header("If-None-Match") == "\"old\"")
      #expect(result.state.etag == "W/\"new\"")
      #expect(result.state.lastModified == nil)
    }
  }

  @Test("a feed that changes between fetches is captured again with its new body and ETag")
  func revisionIsCaptured() async throws {
    let version = Mutex(1)
    try await withFeedServer({ request in
      let current = version.withLock { $0 }
      if request.header("If-None-Match") == "\"v\(current)\"" { return ServedResponse(status: 304) }
      return .ok("<rss>version \(current)</rss>", headers: [("ETag", "\"v\(current)\"")])
    }) { server in
      let first = try await fetch(server.url("/feed"))
      version.withLock { $0 = 2 }
      let second = try await fetch(server.url("/feed"), state: first.state)
      let (capture, _) = try captured(second)
      #expect(capture.body == Array("<rss>version 2</rss>".utf8))
      #expect(second.state.etag == "\"v2\"")
      #expect(server.requests[1].header("If-None-Match") == "\"v1\"")
    }
  }

  @Test("301, 308 and 302 are followed and recorded; the leading permanent ones move the feed")
  func redirectChainIsRecorded() async throws {
    try await withFeedServer({ request in
      switch request.path {
      case "/old": .redirect(301, to: "/older")
      case "/older": .redirect(308, to: "/moved")
      case "/moved": .redirect(302, to: "/feed")
      case "/temporary": .redirect(302, to: "/old")
      default: .ok(Self.feed)
      }
    }) { server in
      let result = try await fetch(server.url("/old"))
      let (capture, _) = try captured(result)
      #expect(capture.requestedURL == server.url("/old"))
      #expect(capture.finalURL == server.url("/feed"))
      #expect(
        capture.redirects == [
          Redirect(status: 301, from: server.url("/old"), to: server.url("/older")),
          Redirect(status: 308, from: server.url("/older"), to: server.url("/moved")),
          Redirect(status: 302, from: server.url("/moved"), to: server.url("/feed")),
        ])
      #expect(result.movedPermanently == FetchResult.Move(from: server.url("/old"), to: server.url("/moved")))

      let temporary = try await fetch(server.url("/temporary"))
      _ = try captured(temporary)
      #expect(temporary.movedPermanently == nil)
    }
  }

  @Test("a redirect loop and a chain past the limit fail, naming the feed")
  func redirectLoopAndLimit() async throws {
    try await withFeedServer({ request in
      switch request.path {
      case "/a": .redirect(302, to: "/b")
      case "/b": .redirect(302, to: "/a")
      default:
        .redirect(307, to: "/hop\((Int(request.path.dropFirst(4)) ?? 0) + 1)")
      }
    }) { server in
      let loop = try await fetch(server.url("/a"))
      #expect(failure(loop) == .redirectLoop)
      #expect(loop.state.lastError == "\(server.url("/a")): redirect loop")
      #expect(loop.state.lastStatus == 302)
      #expect(server.requests.count == 2)

      let long = try await fetch(server.url("/hop0"))
      #expect(failure(long) == .tooManyRedirects(5))
      #expect(long.state.lastError == "\(server.url("/hop0")): more than 5 redirects")
    }
  }

  @Test("404, 410 and 500: failures with the status, backed off, 410 at the cap and said gone")
  func errorStatuses() async throws {
    try await withFeedServer({ request in
      ServedResponse(status: Int(request.path.dropFirst()) ?? 500)
    }) { server in
      let missing = try await fetch(server.url("/404"))
      #expect(failure(missing) == .status(404, reason: "Not Found"))
      #expect(missing.state.lastStatus == 404)
      #expect(missing.state.lastError == "\(server.url("/404")): 404 Not Found")
      #expect(missing.state.consecutiveFailures == 1)
      #expect(dueIn(missing.state) == 600)

      let gone = try await fetch(server.url("/410"))
      #expect(gone.state.lastStatus == 410)
      #expect(gone.state.lastError?.contains("gone") == true)
      #expect(dueIn(gone.state) == 86_400)

      // 500 twice backs off twice as long; a success after resets the count.
      let once = try await fetch(server.url("/500"))
      let twice = try await fetch(server.url("/500"), state: once.state)
      #expect(twice.state.consecutiveFailures == 2)
      #expect(dueIn(once.state) == 600)
      #expect(dueIn(twice.state) == 1200)
      let recovered = try await fetch(server.url("/200"), state: twice.state)
      #expect(recovered.state.consecutiveFailures == 0)
      #expect(recovered.state.lastError == nil)
      #expect(dueIn(recovered.state) == 3600)
    }
  }

  @Test("429 with Retry-After in seconds, 503 with an HTTP-date: due exactly then")
  func retryAfterIsHonoured() async throws {
    let date = HTTPDate.format(Self.now.adding(microseconds: 7_200_000_000))
    try await withFeedServer({ request in
      request.path == "/429"
        ? ServedResponse(status: 429, headers: [("Retry-After", "120")])
        : ServedResponse(status: 503, headers: [("Retry-After", date)])
    }) { server in
      let limited = try await fetch(server.url("/429"))
      #expect(limited.state.lastStatus == 429)
      #expect(dueIn(limited.state) == 120)
      let unavailable = try await fetch(server.url("/503"))
      #expect(dueIn(unavailable.state) == 7200)
    }
  }

  // Only the kind of failure is asserted, not the wall time: the whole suite shares two cores
  // and a starved test may see its 1 s timer fire tens of seconds late. Without the total
  // timeout the silent server would end in a transport error at its hard stop, and the
  // trickle (2,000 bytes, one per 50 ms) would end in a capture after 100 s.
  @Test("a server that never answers, and one that trickles, fail at the total timeout")
  func timeouts() async throws {
    try await withFeedServer({ request in
      request.path == "/silent"
        ? ServedResponse(status: 200, body: Array("x".utf8), delivery: .silent)
        : ServedResponse(
          status: 200, body: [UInt8](repeating: 0x41, count: 2000),
          delivery: .trickle(interval: .milliseconds(50)))
    }) { server in
      for path in ["/silent", "/trickle"] {
        let result = try await fetch(server.url(path))
        #expect(failure(result) == .timeout(.seconds(1)), "\(path)")
        #expect(result.state.lastError == "\(server.url(path)): timed out after 1 s")
        #expect(result.state.lastStatus == nil)
        #expect(result.state.consecutiveFailures == 1)
      }
    }
  }

  @Test("a body over the cap fails, whether its length is declared or streamed")
  func bodyOverTheCap() async throws {
    let big = [UInt8](repeating: 0x41, count: 200 << 10)
    try await withFeedServer({ request in
      request.path == "/declared"
        ? .ok(big) : ServedResponse(status: 200, headers: [("Transfer-Encoding", "chunked")], body: big)
    }) { server in
      for path in ["/declared", "/chunked"] {
        let result = try await fetch(server.url(path))
        #expect(failure(result) == .bodyTooLarge(limit: 64 << 10), "\(path)")
        #expect(result.state.lastError?.hasPrefix("\(server.url(path)): body larger than the cap") == true)
      }
    }
  }

  @Test("gzip and deflate bodies: kept as received, decoded for the reader; a bomb is refused")
  func contentEncodings() async throws {
    let text = Array(String(repeating: Self.feed, count: 50).utf8)
    let gzip = Zlib.compress(text, format: .gzip)
    let deflate = Zlib.compress(text, format: .zlib)
    let bomb = Zlib.compress([UInt8](repeating: 0x20, count: 16 << 20), format: .gzip)
    try await withFeedServer({ request in
      switch request.path {
      case "/gzip": .ok(gzip, headers: [("Content-Encoding", "gzip")])
      case "/deflate": .ok(deflate, headers: [("Content-Encoding", "deflate")])
      default: .ok(bomb, headers: [("Content-Encoding", "gzip"), ("ETag", "\"bomb\"")])
      }
    }) { server in
      let (zipped, unzipped) = try captured(try await fetch(server.url("/gzip")))
      #expect(zipped.body == gzip)
      #expect(unzipped == text)
      let (deflated, inflated) = try captured(try await fetch(server.url("/deflate")))
      #expect(deflated.body == deflate)
      #expect(inflated == text)

      let exploded = try await fetch(server.url("/bomb"))
      #expect(failure(exploded) == .decodedTooLarge(limit: 1 << 20))
      #expect(exploded.state.etag == nil)
      #expect(exploded.state.lastError?.contains("decompression bomb") == true)
    }
  }

  @Test("charsets: the header's, even when it lies, and windows-1256 given only in the header")
  func charsetsAsTheHeaderSays() async throws {
    // "Communiqué" in ISO-8859-1 under a header claiming UTF-8.
    let latin1 =
      Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><title>Communiqu".utf8) + [0xE9]
      + Array("</title></rss>".utf8)
    // "بيان" (statement) in windows-1256, with no XML declaration.
    let arabic = Array("<rss><title>".utf8) + [0xC8, 0xED, 0xC7, 0xE4] + Array("</title></rss>".utf8)
    try await withFeedServer({ request in
      request.path == "/lying"
        ? .ok(latin1, headers: [("Content-Type", "text/xml; charset=utf-8")])
        : .ok(arabic, headers: [("Content-Type", "application/rss+xml; charset=windows-1256")])
    }) { server in
      let (lying, _) = try captured(try await fetch(server.url("/lying")))
      #expect(lying.body == latin1)
      #expect(lying.responseHeader("Content-Type") == "text/xml; charset=utf-8")
      let (windows, decoded) = try captured(try await fetch(server.url("/arabic")))
      #expect(windows.body == arabic)
      #expect(decoded == arabic)
      #expect(windows.responseHeader("Content-Type") == "application/rss+xml; charset=windows-1256")
    }
  }

  @Test("a bad URL and a refused connection fail in one line naming the URL")
  func badURLAndRefused() async throws {
    let bad = try await fetch("ftp://example.org/feed")
    #expect(failure(bad) == .badURL)
    #expect(bad.state.lastError == "ftp://example.org/feed: not an absolute http or https URL")
    #expect(try await fetch("feed.xml").state.lastError == "feed.xml: not an absolute http or https URL")

    let server = try await FeedServer.start { _ in .ok("") }
    let url = server.url("/feed")
    await server.stop()
    let refused = try await fetch(url)
    #expect(failure(refused) == .connectionRefused)
    #expect(refused.state.lastError == "\(url): connection refused")
    #expect(refused.state.consecutiveFailures == 1)
  }
}
