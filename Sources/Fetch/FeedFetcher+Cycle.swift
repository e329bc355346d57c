import Domain

/// What a cycle did.
package struct CycleSummary: Hashable, Sendable {
  /// Feeds that were due (all of them with `force`).
  package var due: Int
  /// Results handed to the sink, each whole.
  package var handed: Int
  /// Due feeds not fetched, or dropped mid-request, because the cycle was cancelled: their
  /// state is unchanged and they are still due.
  package var notRun: Int

  /// A summary.
  package init(due: Int, handed: Int, notRun: Int) {
    self.due = due
    self.handed = handed
    self.notRun = notRun
  }
}

extension FeedFetcher {
  /// Fetches every feed due at `now` (every one with `force`) once, and hands each result to
  /// `sink` as it completes, one at a time, so the caller can keep it before the next.
  ///
  /// Hosts are fetched from in parallel (up to `policy.maxConcurrentHosts`), each host's feeds
  /// one after another. Cancelling the calling task stops new requests and drops those in
  /// flight: a result reaches `sink` whole or not at all, and `sink` is never interrupted.
  package func cycle(
    _ jobs: [FeedJob], force: Bool = false, now: Timestamp, sink: (FetchResult) async -> Void
  ) async -> CycleSummary {
    let due = jobs.filter { force || $0.state.isDue(at: now) }
    // Each host's feeds in their given order; hosts in order of first appearance.
    var queues: [String: [FeedJob]] = [:]
    var hosts: [String] = []
    for job in due {
      let key = Target(job.url)?.hostKey ?? "invalid:\(job.url)"
      if queues[key] == nil { hosts.append(key) }
      queues[key, default: []].append(job)
    }
    var handed = 0
    let width = max(1, policy.maxConcurrentHosts)
    await withTaskGroup(of: (String, FetchResult?).self) { group in
      var running = 0
      var next = 0
      var busy: Set<String> = []
      // Starts the next feed of each idle host, round robin, until `width` are in flight.
      func launch() {
        guard !Task.isCancelled else { return }
        var scanned = 0
        while running < width, scanned < hosts.count {
          let host = hosts[next % hosts.count]
          next += 1
          scanned += 1
          guard !busy.contains(host), let job = queues[host]?.first else { continue }
          queues[host]?.removeFirst()
          busy.insert(host)
          running += 1
          scanned = 0
          group.addTask { (host, await self.fetch(job)) }
        }
      }
      launch()
      while let (host, result) = await group.next() {
        running -= 1
        busy.remove(host)
        // nil: the fetch was cancelled before its exchange completed; nothing to hand.
        if let result {
          await sink(result)
          handed += 1
        }
        launch()
      }
    }
    return CycleSummary(due: due.count, handed: handed, notRun: due.count - handed)
  }
}
