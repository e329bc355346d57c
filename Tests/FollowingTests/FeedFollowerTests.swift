import Archive
import Domain
import FeedServer
import Fetch
import Foundation
import Testing

@testable import Following

@Suite("Following: a cycle keeps captures, states and moves in the archive")
struct FeedFollowerTests {
  static let now = Timestamp(microseconds: 1_765_000_000_000_000)

  static let feed = """
    <?xml version="1.0" encoding="UTF-8"?>
    <rss version="2.0"><channel><title>Press</title><link>https://example.org/</link>
    <item><title>CIFG meets in Riyadh</title><link>https://example.org/cifg-15</link>
    <guid>cifg-15</guid><pubDate>Wed, 20 Nov 2019 10:00:00 -0500</pubDate>
    <description>The Counter ISIS Finance Group held its twelfth meeting in Riyadh on November 19-20, 2019.</description>
    </item></channel></rss>
    """

  func withArchive<T>(_ body: (Archive) async throws -> T) async throws -> T {
    let path = NSTemporaryDirectory() + "communique-following-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(try Archive(path: path))
  }

  func follower<T: Sendable>(_ archive: Archive, _ body: (FeedFollower) async throws -> T) async throws -> T {
    let policy = FetchPolicy(connectTimeout: .seconds(5), totalTimeout: .seconds(10), hostInterval: .zero)
    return try await FeedFetcher.with(policy: policy, clock: { Self.now }, random: { 0 }) { fetcher in
      try await body(FeedFollower(archive: archive, fetcher: fetcher))
    }
  }

  @Test func aCaptureIsKeptWithItsDocumentsAndA304OnlyUpdatesTheState() async throws {
    try await withFeedServer({ request in
      request.header("If-None-Match") == "\"v1\""
        ? ServedResponse(status: 304) : .ok(Self.feed, headers: [("ETag", "\"v1\"")])
    }) { server in
      try await withArchive { archive in
        _ = try archive.follow(server.url("/feed"))
        let first = try await follower(archive) { try await $0.cycle(force: false, now: Self.now) }
        #expect(first.captured == 1 && first.documents.new == 1)
        guard case .captured(200, let seq?, _) = try #require(first.feeds.first).outcome else {
          Issue.record("not captured: \(first.feeds)")
          return
        }
        #expect(try archive.fetchState(of: server.url("/feed")).etag == "\"v1\"")
        #expect(try archive.provenance(ofEventAt: seq + 1)?.seq == seq)

        let second = try await follower(archive) { try await $0.cycle(force: true, now: Self.now) }
        #expect(second.notModified == 1 && second.captured == 0)
        #expect(try archive.fetchState(of: server.url("/feed")).lastSuccess == Self.now)
      }
    }
  }

  @Test func aFeedNotDueIsLeftAloneUnlessForced() async throws {
    try await withFeedServer({ _ in .ok(Self.feed) }) { server in
      try await withArchive { archive in
        _ = try archive.follow(server.url("/feed"))
        _ = try await follower(archive) { try await $0.cycle(force: false, now: Self.now) }
        let again = try await follower(archive) { try await $0.cycle(force: false, now: Self.now) }
        #expect(again.due == 0 && again.feeds.isEmpty)
        let forced = try await follower(archive) { try await $0.cycle(force: true, now: Self.now) }
        #expect(forced.due == 1 && forced.documents.duplicate == 1)
      }
    }
  }

  @Test func aFailureIsKeptAsTheFeedsStateWithItsStatusAndNextTry() async throws {
    try await withFeedServer({ _ in ServedResponse(status: 500) }) { server in
      try await withArchive { archive in
        _ = try archive.follow(server.url("/broken"))
        let report = try await follower(archive) { try await $0.cycle(force: false, now: Self.now) }
        #expect(report.failed == 1)
        let state = try archive.fetchState(of: server.url("/broken"))
        #expect(state.lastStatus == 500 && state.consecutiveFailures == 1 && state.lastError != nil)
        #expect(try #require(state.nextDue) > Self.now)
        #expect(FetchText.line(try #require(report.feeds.first)).contains("failed: "))
      }
    }
  }

  @Test func aPermanentRedirectMovesTheSubscriptionAndSaysSo() async throws {
    try await withFeedServer({ request in
      request.path == "/old" ? .redirect(301, to: "/new") : .ok(Self.feed)
    }) { server in
      try await withArchive { archive in
        _ = try archive.follow(server.url("/old"))
        let report = try await follower(archive) { try await $0.cycle(force: false, now: Self.now) }
        #expect(report.moved == 1)
        #expect(try archive.subscriptions().map(\.subscription.url) == [server.url("/new")])
        #expect(FetchText.line(try #require(report.feeds.first)).contains("moved permanently to"))
      }
    }
  }

  @Test func theNextWakeIsTheEarliestDueTimeWithinASecondAndTheInterval() async throws {
    try await withArchive { archive in
      try await FeedFetcher.with { fetcher in
        let follower = FeedFollower(archive: archive, fetcher: fetcher)
        let hour = Timestamp(microseconds: Self.now.microseconds + 3_600_000_000)
        #expect(try follower.nextWake(after: Self.now, atMost: .seconds(3600)) == hour)
        _ = try archive.follow("https://example.org/a")
        #expect(
          try follower.nextWake(after: Self.now, atMost: .seconds(3600))
            == Timestamp(microseconds: Self.now.microseconds + 1_000_000))
        _ = try archive.updateFetchState(of: "https://example.org/a") { state in
          var state = state
          state.nextDue = Timestamp(microseconds: Self.now.microseconds + 600_000_000)
          return state
        }
        #expect(
          try follower.nextWake(after: Self.now, atMost: .seconds(3600))
            == Timestamp(microseconds: Self.now.microseconds + 600_000_000))
      }
    }
  }

  @Test(arguments: [("90s", 90), ("30m", 1800), ("1h", 3600), ("2h30m", 9000), ("1d", 86_400)])
  func intervalsAreReadAsPeopleWriteThem(text: String, seconds: Int) {
    #expect(FetchInterval.seconds(text) == seconds)
  }

  @Test(arguments: ["", "30", "m", "1x", "-5m", "0s", "1h30"])
  func whatIsNotADurationIsRefused(text: String) {
    #expect(FetchInterval.seconds(text) == nil)
  }
}
