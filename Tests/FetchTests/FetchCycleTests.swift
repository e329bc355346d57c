import Domain
import FeedServer
import Synchronization
import Testing

@testable import Fetch

@Suite("Cycle: due feeds, one host at a time, results handed as they complete, cancellable")
struct FetchCycleTests {
  static let now = FeedFetcherTests.now
  static let schedule = FeedFetcherTests.schedule

  func policy(hostInterval: Duration = .zero, totalTimeout: Duration = .seconds(2)) -> FetchPolicy {
    FetchPolicy(
      connectTimeout: .seconds(2), totalTimeout: totalTimeout, maxBodyBytes: 64 << 10,
      maxDecodedBytes: 1 << 20,
      hostInterval: hostInterval, maxConcurrentHosts: 4)
  }

  func cycle(_ jobs: [FeedJob], force: Bool = false, policy: FetchPolicy) async throws -> (
    CycleSummary, [String: FetchResult]
  ) {
    try await FeedFetcher.with(policy: policy, schedule: Self.schedule, clock: { Self.now }, random: { 0 }) {
      fetcher in
      var results: [String: FetchResult] = [:]
      let summary = await fetcher.cycle(jobs, force: force, now: Self.now) { result in
        #expect(results[result.url] == nil, "each feed is handed once")
        results[result.url] = result
      }
      return (summary, results)
    }
  }

  @Test("only due feeds are fetched unless forced; each result reaches the sink once")
  func dueFeedsOrForce() async throws {
    try await withFeedServer({ _ in .ok("<rss/>") }) { server in
      let later = FeedFetchState(nextDue: Self.now.adding(microseconds: 60_000_000))
      let jobs = [
        FeedJob(url: server.url("/a")), FeedJob(url: server.url("/b"), state: later),
        FeedJob(url: server.url("/c"), state: FeedFetchState(nextDue: Self.now)),
      ]
      let (summary, results) = try await cycle(jobs, policy: policy())
      #expect(summary == CycleSummary(due: 2, handed: 2, notRun: 0))
      #expect(Set(results.keys) == [server.url("/a"), server.url("/c")])
      #expect(server.requests.map(\.path).sorted() == ["/a", "/c"])

      let (forced, all) = try await cycle(jobs, force: true, policy: policy())
      #expect(forced == CycleSummary(due: 3, handed: 3, notRun: 0))
      #expect(all.count == 3)
    }
  }

  @Test("a 429's Retry-After delays that feed only; its host's other feeds keep their schedule")
  func retryAfterIsPerFeed() async throws {
    try await withFeedServer({ request in
      request.path == "/limited"
        ? ServedResponse(status: 429, headers: [("Retry-After", "300")]) : .ok("<rss/>")
    }) { server in
      let jobs = [FeedJob(url: server.url("/limited")), FeedJob(url: server.url("/fine"))]
      let (_, results) = try await cycle(jobs, policy: policy())
      let limited = try #require(results[server.url("/limited")])
      let fine = try #require(results[server.url("/fine")])
      #expect(limited.state.nextDue == Self.now.adding(microseconds: 300_000_000))
      #expect(limited.state.lastStatus == 429)
      #expect(fine.state.nextDue == Self.now.adding(microseconds: 3_600_000_000))
      #expect(fine.state.lastError == nil)
    }
  }

  @Test("one host's feeds are spaced by the interval; different hosts are fetched at once")
  func politenessPerHost() async throws {
    let clock = ContinuousClock()
    let arrivals = Mutex<[String: [ContinuousClock.Instant]]>([:])
    let slow: @Sendable (ServedRequest) -> ServedResponse = { request in
      arrivals.withLock { $0[request.path, default: []].append(clock.now) }
      return ServedResponse(
        status: 200, body: Array("<rss/>".utf8), delivery: .trickle(interval: .milliseconds(100)))
    }
    try await withFeedServer(slow) { one in
      try await withFeedServer(slow) { two in
        try await withFeedServer(slow) { three in
          // Three feeds on one host, one on each of two others.
          let jobs =
            ["/x1", "/x2", "/x3"].map { FeedJob(url: one.url($0)) } + [
              FeedJob(url: two.url("/y")), FeedJob(url: three.url("/z")),
            ]
          let (summary, _) = try await cycle(jobs, policy: policy(hostInterval: .milliseconds(300)))
          #expect(summary.handed == 5)
          let seen = arrivals.withLock { $0 }
          let x = try ["/x1", "/x2", "/x3"].map { try #require(seen[$0]?.first) }.sorted()
          // Each request starts after the previous one ended (600 ms of trickle) plus 300 ms.
          #expect(x[1] - x[0] >= .milliseconds(850))
          #expect(x[2] - x[1] >= .milliseconds(850))
          // The other hosts do not wait for the first host's queue.
          let y = try #require(seen["/y"]?.first)
          let z = try #require(seen["/z"]?.first)
          #expect(y < x[1])
          #expect(z < x[1])
        }
      }
    }
  }

  @Test("a cancelled cycle drops the request in flight: only whole results reach the sink")
  func cancellationDropsInFlight() async throws {
    try await withFeedServer({ request in
      request.path == "/hang" ? ServedResponse(status: 200, delivery: .silent) : .ok("<rss/>")
    }) { quick in
      // The hanging request would only end at its 1,000 s timeout (or the server's 1,200 s
      // stop), then be handed as a failure: only the cancel can end it with nothing handed.
      try await withFeedServer(
        hardStop: .seconds(1200), { _ in ServedResponse(status: 200, delivery: .silent) }
      ) {
        hanging in
        let handed = Handed()
        let jobs = [
          FeedJob(url: hanging.url("/hang")), FeedJob(url: quick.url("/a")), FeedJob(url: quick.url("/b")),
        ]
        let summary = try await FeedFetcher.with(
          policy: policy(totalTimeout: .seconds(1000)), clock: { Self.now }
        ) {
          fetcher in
          let task = Task {
            await fetcher.cycle(jobs, now: Self.now) { result in handed.results.withLock { $0.append(result) }
            }
          }
          while handed.results.withLock({ $0.count }) < 2 || hanging.requests.isEmpty {
            try await Task.sleep(for: .milliseconds(20))
          }
          task.cancel()
          return await task.value
        }
        #expect(summary == CycleSummary(due: 3, handed: 2, notRun: 1))
        let urls = handed.results.withLock { $0.map(\.url) }
        #expect(Set(urls) == [quick.url("/a"), quick.url("/b")])
      }
    }
  }
}

/// The results a sink was handed, shared with the test that watches them.
final class Handed: Sendable {
  let results = Mutex<[FetchResult]>([])
}
