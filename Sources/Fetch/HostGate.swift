/// Politeness: requests to one host (host and port) start at least `interval` after the
/// previous one to it ended.
///
/// The cycle already runs one feed per host at a time; the gate also spaces a feed's own
/// redirects and any hop that lands on a host another feed is using.
actor HostGate {
  private let interval: Duration
  private let clock = ContinuousClock()
  /// The earliest instant the next request to each host may start.
  private var nextFree: [String: ContinuousClock.Instant] = [:]

  init(interval: Duration) {
    self.interval = interval
  }

  /// Waits for `host`'s turn, runs `request`, and books the host until `interval` after it.
  nonisolated func pass<T: Sendable>(_ host: String, _ request: @Sendable () async throws -> T) async throws
    -> T
  {
    let start = await reserve(host)
    let now = ContinuousClock.now
    if start > now { try await Task.sleep(until: start, clock: .continuous) }
    do {
      let value = try await request()
      await release(host)
      return value
    } catch {
      await release(host)
      throw error
    }
  }

  private func reserve(_ host: String) -> ContinuousClock.Instant {
    let now = clock.now
    let start = max(now, nextFree[host] ?? now)
    // Booked until the request ends (`release`); a long request pushes this further.
    nextFree[host] = start + interval
    return start
  }

  private func release(_ host: String) {
    let free = clock.now + interval
    if let booked = nextFree[host], booked > free { return }
    nextFree[host] = free
  }
}
