import Codecs
import Domain
import FeedServer
import Fetch
import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

// tools/bench/fetch's two processes: the servers, and the client whose time and memory count.
//
// Usage:
//   communique-fetch-bench serve FEEDS HOSTS
//     HOSTS servers on 127.0.0.1 share FEEDS feeds (/feed/N, about 3 KB of RSS each, with an
//     ETag: a request carrying it gets 304); prints the ports on one line, serves until stdin
//     closes.
//   communique-fetch-bench cycle FEEDS PORTS ahc|urlsession
//     One cycle with every feed due (all 200), then one with the states it left (all 304).
//     Prints: client seconds1 peak_mb1 captured1 seconds2 peak_mb2 not_modified2
//   communique-fetch-bench probe PORT
//     What URLSession does with a gzip body and a redirect (for the decision record).

let arguments = CommandLine.arguments

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("communique-fetch-bench: \(message)\n".utf8))
  exit(64)
}

/// The RSS of feed `n`: ten items, about 3 KB.
func feedBody(_ n: Int) -> [UInt8] {
  var text =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>Feed \(n)</title>\n"
  for item in 0..<10 {
    text += "<item><title>Joint communiqué \(n)-\(item)</title><link>https://example.org/\(n)/\(item)</link>"
    text +=
      "<description>The ministers met on 12 March 2026 in Luxembourg and agreed on item \(item).</description>"
    text += "<pubDate>Mon, 07 Dec 2026 10:00:00 GMT</pubDate></item>\n"
  }
  return Array((text + "</channel></rss>\n").utf8)
}

/// Peak resident memory since the last reset, in MB (Linux: VmHWM).
func peakMB() -> Double {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
  else { return 0 }
  return kb / 1024
}

/// Starts the next peak measurement from the current resident size.
func resetPeak() {
  try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

func serve(feeds: Int, hosts: Int) async throws {
  let bodies = (0..<feeds).map(feedBody)
  var servers: [FeedServer] = []
  for _ in 0..<hosts {
    servers.append(
      try await FeedServer.start(hardStop: .seconds(3600)) { request in
        if request.path == "/gzip" {
          return .ok(
            Zlib.compress(Array("<rss>compressed</rss>".utf8), format: .gzip),
            headers: [("Content-Encoding", "gzip")])
        }
        if request.path == "/redirect" { return .redirect(301, to: "/feed/0") }
        guard let n = Int(request.path.dropFirst("/feed/".count)), bodies.indices.contains(n) else {
          return ServedResponse(status: 404)
        }
        let etag = "\"f\(n)-1\""
        if request.header("If-None-Match") == etag {
          return ServedResponse(status: 304, headers: [("ETag", etag)])
        }
        return .ok(
          bodies[n],
          headers: [
            ("Content-Type", "application/rss+xml; charset=utf-8"), ("ETag", etag),
            ("Last-Modified", "Mon, 07 Dec 2026 10:00:00 GMT"),
          ])
      })
  }
  print(servers.map { String($0.port) }.joined(separator: ","))
  fflush(nil)
  while readLine() != nil {}
  for server in servers { await server.stop() }
}

func jobs(feeds: Int, ports: [Int]) -> [FeedJob] {
  (0..<feeds).map { FeedJob(url: "http://127.0.0.1:\(ports[$0 % ports.count])/feed/\($0)") }
}

/// Two cycles through `Fetch`: all due, then all conditional.
func cycleAHC(feeds: Int, ports: [Int]) async throws -> [String] {
  let policy = FetchPolicy(hostInterval: .zero, maxConcurrentHosts: 8)
  return try await FeedFetcher.with(policy: policy) { fetcher in
    var row: [String] = []
    var states: [FeedJob] = []
    for round in 0..<2 {
      let input = round == 0 ? jobs(feeds: feeds, ports: ports) : states
      states = []
      var counted = 0
      resetPeak()
      let start = ContinuousClock.now
      _ = await fetcher.cycle(input, force: true, now: Timestamp(microseconds: 0)) { result in
        switch result.outcome {
        case .captured: if round == 0 { counted += 1 }
        case .notModified: if round == 1 { counted += 1 }
        case .failed(let failure): FileHandle.standardError.write(Data("\(failure)\n".utf8))
        }
        states.append(FeedJob(url: result.url, state: result.state))
      }
      let seconds = ContinuousClock.now - start
      row += [String(format: "%.3f", seconds.seconds), String(format: "%.1f", peakMB()), String(counted)]
    }
    return row
  }
}

/// Refuses redirects (as `Fetch` does, to record each one) and counts nothing else.
final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
  func urlSession(
    _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
  ) {
    completionHandler(nil)
  }
}

func session() -> URLSession {
  let configuration = URLSessionConfiguration.ephemeral
  configuration.httpMaximumConnectionsPerHost = 1
  configuration.timeoutIntervalForRequest = 10
  configuration.timeoutIntervalForResource = 60
  configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
  configuration.urlCache = nil
  return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
}

/// The same two cycles through URLSession, eight at a time, same headers, no `Fetch`.
func cycleURLSession(feeds: Int, ports: [Int]) async throws -> [String] {
  let session = session()
  var row: [String] = []
  var etags: [String: String] = [:]
  for round in 0..<2 {
    resetPeak()
    let start = ContinuousClock.now
    let urls = jobs(feeds: feeds, ports: ports).map(\.url)
    let known = etags
    var counted = 0
    try await withThrowingTaskGroup(of: (String, Int, String?).self) { group in
      var next = 0
      func launch() {
        let url = urls[next]
        next += 1
        group.addTask {
          var request = URLRequest(url: URL(string: url) ?? URL(fileURLWithPath: "/"))
          request.setValue("Communique/\(CommuniqueVersion.current)", forHTTPHeaderField: "User-Agent")
          request.setValue("gzip, deflate", forHTTPHeaderField: "Accept-Encoding")
          if let etag = known[url] { request.setValue(etag, forHTTPHeaderField: "If-None-Match") }
          let (data, response) = try await session.data(for: request)
          let http = response as? HTTPURLResponse
          _ = data.count
          return (url, http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "ETag"))
        }
      }
      for _ in 0..<min(8, urls.count) { launch() }
      while let (url, status, etag) = try await group.next() {
        if status == 200 { etags[url] = etag }
        if (round == 0 && status == 200) || (round == 1 && status == 304) { counted += 1 }
        if next < urls.count { launch() }
      }
    }
    let seconds = ContinuousClock.now - start
    row += [String(format: "%.3f", seconds.seconds), String(format: "%.1f", peakMB()), String(counted)]
  }
  session.finishTasksAndInvalidate()
  return row
}

/// What URLSession hands back for a gzip body and for a redirect refused by its delegate.
func probe(port: Int) async throws {
  let session = session()
  guard let gzipURL = URL(string: "http://127.0.0.1:\(port)/gzip"),
    let redirectURL = URL(string: "http://127.0.0.1:\(port)/redirect")
  else { fail("bad port") }
  var request = URLRequest(url: gzipURL)
  request.setValue("gzip, deflate", forHTTPHeaderField: "Accept-Encoding")
  let (data, response) = try await session.data(for: request)
  let http = response as? HTTPURLResponse
  print(
    "urlsession gzip: \(data.count) bytes, starts \(Array(data.prefix(2))), Content-Encoding header: \(http?.value(forHTTPHeaderField: "Content-Encoding") ?? "none")"
  )
  print(
    "urlsession gzip: served \(Zlib.compress(Array("<rss>compressed</rss>".utf8), format: .gzip).count) bytes gzip"
  )
  let (_, redirect) = try await session.data(for: URLRequest(url: redirectURL))
  print("urlsession redirect refused: status \((redirect as? HTTPURLResponse)?.statusCode ?? 0)")
  try await FeedFetcher.with(policy: FetchPolicy(hostInterval: .zero)) { fetcher in
    if case .captured(let capture, let decoded)? = await fetcher.fetch(FeedJob(url: gzipURL.absoluteString))?
      .outcome
    {
      print("fetch gzip: body \(capture.body.count) bytes as received, decoded \(decoded.count) bytes")
    }
  }
  session.finishTasksAndInvalidate()
}

extension Duration {
  var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

switch arguments.dropFirst().first {
case "serve":
  guard arguments.count == 4, let feeds = Int(arguments[2]), let hosts = Int(arguments[3]), hosts > 0 else {
    fail("usage: serve FEEDS HOSTS")
  }
  try await serve(feeds: feeds, hosts: hosts)
case "cycle":
  guard arguments.count == 5, let feeds = Int(arguments[2]) else {
    fail("usage: cycle FEEDS PORTS ahc|urlsession")
  }
  let ports = arguments[3].split(separator: ",").compactMap { Int($0) }
  guard !ports.isEmpty else { fail("no ports") }
  let row =
    arguments[4] == "urlsession"
    ? try await cycleURLSession(feeds: feeds, ports: ports) : try await cycleAHC(feeds: feeds, ports: ports)
  print(([arguments[4]] + row).joined(separator: " "))
case "probe":
  guard arguments.count == 3, let port = Int(arguments[2]) else { fail("usage: probe PORT") }
  try await probe(port: port)
default:
  fail("usage: communique-fetch-bench serve|cycle|probe …")
}
