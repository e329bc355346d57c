import FeedServer
import Foundation
import Testing

@Suite("fetch: follow local feeds, keep captures, stop cleanly")
struct FetchCLITests {
  static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Press</title><link>https://example.org/</link>
    <item><title>CIFG meets in Riyadh</title><link>https://example.org/cifg-12</link>
    <guid>cifg-12</guid><pubDate>Wed, 20 Nov 2019 10:00:00 -0500</pubDate>
    <description>The Counter ISIS Finance Group held its twelfth meeting in Riyadh on November 19-20, 2019.</description>
    </item></channel></rss>
    """

  static func respond(_ request: ServedRequest) -> ServedResponse {
    switch request.path {
    case "/feed":
      return request.header("If-None-Match") == "\"v1\""
        ? ServedResponse(status: 304)
        : .ok(feed, headers: [("ETag", "\"v1\""), ("Content-Type", "application/rss+xml")])
    case "/gone": return ServedResponse(status: 410)
    default: return ServedResponse(status: 404)
    }
  }

  @Test func fetchKeepsACaptureThenA304AndAFailureIsReportedAndScheduled() async throws {
    try await withFeedServer(Self.respond) { server in
      let archive = temporaryArchive()
      defer { try? FileManager.default.removeItem(atPath: archive) }
      #expect(try communique(archive, ["follow", server.url("/feed")]).status == 0)
      #expect(try communique(archive, ["follow", server.url("/gone")]).status == 0)

      let first = try communique(archive, ["fetch", "--json"])
      #expect(first.status == 0, "\(first.stderr)")
      #expect(first.stdout.contains("\"captured\":1"), "\(first.stdout)")
      #expect(first.stdout.contains("\"failed\":1"))
      #expect(first.stdout.contains("\"new\":1"))

      let text = try communique(archive, ["fetch", "--force"])
      #expect(text.status == 0)
      #expect(text.stdout.contains("\(server.url("/feed")): not modified"), "\(text.stdout)")
      #expect(text.stdout.contains("\(server.url("/gone")): failed: "))
      #expect(server.requests(for: "/feed").last?.header("If-None-Match") == "\"v1\"")

      let list = try communique(archive, ["follow", "--list", "--json"])
      #expect(list.stdout.contains("410"), "\(list.stdout)")
      let show = try communique(archive, ["show", "4"])
      #expect(show.stdout.contains("fetched from \(server.url("/feed"))"), "\(show.stdout)")
      #expect(try communique(archive, ["verify"]).status == 0)
    }
  }

  @Test func watchStopsCleanlyOnSIGTERMKeepingWhatItFetched() async throws {
    try await withFeedServer(Self.respond) { server in
      let archive = temporaryArchive()
      defer { try? FileManager.default.removeItem(atPath: archive) }
      #expect(try communique(archive, ["follow", server.url("/feed")]).status == 0)
      let watching = try startCommunique(archive, ["fetch", "--watch", "--interval", "1h"])
      let deadline = Date().addingTimeInterval(60)
      while server.requests(for: "/feed").isEmpty && Date() < deadline {
        try await Task.sleep(for: .milliseconds(100))
      }
      // The capture is kept before the cycle reports; give it a moment, then stop.
      try await Task.sleep(for: .seconds(1))
      watching.terminate()
      watching.waitUntilExit()
      #expect(watching.terminationStatus == 0)
      #expect(try communique(archive, ["verify"]).status == 0)
      let log = try communique(archive, ["log", "--json"])
      #expect(log.stdout.contains("capture.recorded"), "\(log.stdout)")
    }
  }

  @Test func aBadIntervalIsAUsageError() throws {
    let run = try communique(temporaryArchive(), ["fetch", "--interval", "soon"])
    #expect(run.status == 64)
    #expect(run.stderr.contains("--interval 'soon'"))
  }
}
