import Archive
import Domain
import Fetch

/// Keeps an archive's followed feeds current. One cycle fetches the feeds that are due and
/// keeps what came back: a capture and the documents in it as events, validators and the
/// schedule as the feed's fetch state, a permanent move as a subscription change.
///
/// Each result is kept before the next is handed over, so a cycle stopped at any point has
/// kept whole results only; a feed not reached keeps its state and is still due.
package struct FeedFollower: Sendable {
  /// The archive kept current.
  package let archive: Archive
  /// The HTTP side.
  package let fetcher: FeedFetcher

  /// A follower over `archive` fetching with `fetcher`.
  package init(archive: Archive, fetcher: FeedFetcher) {
    self.archive = archive
    self.fetcher = fetcher
  }

  /// Fetches every feed due at `now` (every feed with `force`) once and keeps the results;
  /// `onFeed` is told of each as it is kept.
  package func cycle(
    force: Bool, now: Timestamp, onFeed: (FeedReport) -> Void = { _ in }
  ) async throws(ArchiveError) -> CycleReport {
    let feeds = try archive.subscriptions()
    let jobs = feeds.map { FeedJob(url: $0.subscription.url, state: $0.state) }
    var report = CycleReport()
    let archive = self.archive
    let summary = await fetcher.cycle(jobs, force: force, now: now) { result in
      let feed = FeedFollower.keep(result, in: archive)
      report.add(feed)
      onFeed(feed)
    }
    report.due = summary.due
    report.notRun = summary.notRun
    return report
  }

  /// Keeps one result: its capture and documents, its state, its move. A failure to write
  /// is reported on the feed, and the cycle goes on with the others.
  static func keep(_ result: FetchResult, in archive: Archive) -> FeedReport {
    var feed = FeedReport(url: result.url, outcome: .notModified, state: result.state)
    do {
      switch result.outcome {
      case .captured(let capture, let decodedBody):
        let kept = try archive.recordCapture(capture, decodedBody: decodedBody)
        feed.outcome = .captured(
          status: capture.status, captureSeq: kept.seq, documents: DocumentCounts(kept.report))
      case .notModified:
        feed.outcome = .notModified
      case .failed(let failure):
        feed.outcome = .failed(status: failure.status, problem: failure.description)
      }
      // The state after the capture: killed between the two, the feed is fetched again and
      // its documents are duplicates, so nothing is lost.
      _ = try archive.updateFetchState(of: result.url) { _ in result.state }
      if let move = result.movedPermanently,
        try archive.moveSubscription(move.from, to: move.to, status: permanentStatus(of: result)) != nil
      {
        feed.movedTo = move.to
      }
    } catch {
      feed.outcome = .notKept(error.description)
    }
    return feed
  }
}

/// The status of the first permanent redirect a capture followed (301 when not captured).
private func permanentStatus(of result: FetchResult) -> Int {
  guard case .captured(let capture, _) = result.outcome else { return 301 }
  return capture.redirects.first(where: \.isPermanent)?.status ?? 301
}

/// How one feed's fetch ended, as kept.
package struct FeedReport: Hashable, Sendable {
  /// The subscription's URL (before any move).
  package var url: String
  /// What happened.
  package var outcome: Outcome
  /// The feed's state now: validators, last status and error, next due.
  package var state: FeedFetchState
  /// Where the subscription moved after a permanent redirect, if it did.
  package var movedTo: String?

  /// Whether the feed brought nothing: it failed, or the archive could not keep it.
  package var failed: Bool {
    switch outcome {
    case .failed, .notKept: true
    case .captured, .notModified: false
    }
  }

  /// What happened to one feed.
  package enum Outcome: Hashable, Sendable {
    /// A 2xx: the capture's seq (nil if its body could not be read at all) and the
    /// documents read from it.
    case captured(status: Int, captureSeq: UInt64?, documents: DocumentCounts)
    /// 304.
    case notModified
    /// No content: the HTTP status if there was one, and the problem in one line.
    case failed(status: Int?, problem: String)
    /// The fetch went well but the archive could not keep it (a disk error): why.
    case notKept(String)
  }
}

/// Documents read from one capture, as `ingest` counts them.
package struct DocumentCounts: Hashable, Sendable {
  package var new = 0
  package var duplicate = 0
  package var revision = 0
  package var rejected = 0

  package init() {}

  init(_ report: IngestReport) {
    new = report.newCount
    duplicate = report.duplicateCount
    revision = report.revisionCount
    rejected = report.rejected.count
  }

  mutating func add(_ other: DocumentCounts) {
    new += other.new
    duplicate += other.duplicate
    revision += other.revision
    rejected += other.rejected
  }
}

/// What one cycle did.
package struct CycleReport: Hashable, Sendable {
  /// Feeds due (all of them with `force`).
  package var due = 0
  /// Due feeds not reached because the cycle was stopped: unchanged and still due.
  package var notRun = 0
  /// Each feed fetched, in the order they were kept.
  package var feeds: [FeedReport] = []
  /// Captures kept (2xx).
  package var captured = 0
  /// Feeds that answered 304.
  package var notModified = 0
  /// Feeds that failed, or whose result the archive could not keep.
  package var failed = 0
  /// Feeds whose subscription moved.
  package var moved = 0
  /// The documents of every capture.
  package var documents = DocumentCounts()

  package init() {}

  mutating func add(_ feed: FeedReport) {
    feeds.append(feed)
    switch feed.outcome {
    case .captured(_, _, let counts):
      captured += 1
      documents.add(counts)
    case .notModified: notModified += 1
    case .failed, .notKept: failed += 1
    }
    if feed.movedTo != nil { moved += 1 }
  }
}

extension FeedFollower {
  /// Runs cycles until the task is cancelled: each when the earliest feed falls due, at most
  /// `interval` after the last. `force` applies to the first cycle only.
  package func watch(
    force: Bool, interval: Duration, clock: @Sendable () -> Timestamp = FeedFetcher.systemClock,
    onFeed: (FeedReport) -> Void = { _ in }, onCycle: (CycleReport) -> Void = { _ in }
  ) async throws(ArchiveError) {
    var first = true
    while !Task.isCancelled {
      let report = try await cycle(force: force && first, now: clock(), onFeed: onFeed)
      first = false
      onCycle(report)
      let now = clock()
      let wake = try nextWake(after: now, atMost: interval)
      // Cancellation ends the sleep at once.
      try? await Task.sleep(for: .microseconds(wake.microseconds - now.microseconds))
    }
  }

  /// When the next cycle should run: the earliest due time of any feed, but not before a
  /// second from `now` and not after `interval`.
  package func nextWake(after now: Timestamp, atMost interval: Duration) throws(ArchiveError) -> Timestamp {
    let (seconds, attoseconds) = interval.components
    let latest = now.microseconds + seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    let earliest = try archive.subscriptions().map { $0.state.nextDue?.microseconds ?? now.microseconds }
      .min()
    let wake = min(max(earliest ?? latest, now.microseconds + 1_000_000), latest)
    return Timestamp(microseconds: wake)
  }
}
