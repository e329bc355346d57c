import Domain

/// When a feed is next due, decided from how its last attempt went: a pure function, so every
/// rule is tested without a clock or a server.
///
/// - After a success (200 or 304): `now + interval`.
/// - After a 429 or 503 with `Retry-After`: the instant the server asked for (for that feed
///   only; other feeds on the host keep their own schedule), but never before `now`.
/// - After any other failure, the n-th in a row: `backoffBase × 2^(n−1)`, capped at
///   `maxBackoff`, then shortened by up to `jitter` of itself (so feeds that failed together
///   do not retry together). Never given up: at the cap the feed is retried every
///   `maxBackoff`, and a 410 goes straight to the cap.
package struct FetchSchedule: Hashable, Sendable {
  /// How often a healthy feed is fetched.
  package var interval: Duration
  /// The first retry's delay after a failure.
  package var backoffBase: Duration
  /// The longest delay between retries.
  package var maxBackoff: Duration
  /// The largest fraction of a backoff delay the jitter may remove, in 0…1.
  package var jitter: Double

  /// A schedule; the defaults fetch hourly and back off from 10 minutes to a day.
  package init(
    interval: Duration = .seconds(3600), backoffBase: Duration = .seconds(600),
    maxBackoff: Duration = .seconds(86_400), jitter: Double = 0.2
  ) {
    self.interval = interval
    self.backoffBase = backoffBase
    self.maxBackoff = maxBackoff
    self.jitter = jitter
  }

  /// How an attempt ended, as far as scheduling cares.
  package enum Attempt: Hashable, Sendable {
    /// 200 or 304.
    case success
    /// Anything else: the HTTP status when there was one, and the instant `Retry-After`
    /// named (already resolved against the attempt's time).
    case failure(status: Int?, retryAfter: Timestamp?)
  }

  /// The next due instant after `attempt`, the `failures`-th consecutive failure (0 after a
  /// success), with `random` a draw in 0..<1 that picks the jitter.
  package func nextDue(after attempt: Attempt, failures: Int, now: Timestamp, random: Double) -> Timestamp {
    switch attempt {
    case .success:
      return now.adding(microseconds: interval.microseconds)
    case .failure(let status, let retryAfter):
      if let retryAfter, status == 429 || status == 503 { return max(retryAfter, now) }
      let cap = maxBackoff.microseconds
      var delay = cap
      if status != 410 {
        let exponent = max(0, failures - 1)
        let base = max(1, backoffBase.microseconds)
        // base × 2^exponent without overflow: past the cap, the cap.
        delay = exponent >= 62 || base > cap >> exponent ? cap : min(cap, base << exponent)
      }
      let fraction = min(max(jitter, 0), 1) * min(max(random, 0), 1)
      let jittered = delay - Int64(Double(delay) * fraction)
      return now.adding(microseconds: max(1, jittered))
    }
  }
}

extension Duration {
  /// Whole microseconds (the archive's time unit), rounded down.
  var microseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
  }
}

extension Timestamp {
  /// This instant moved by `microseconds`, saturating instead of overflowing.
  func adding(microseconds delta: Int64) -> Timestamp {
    let (sum, overflow) = microseconds.addingReportingOverflow(delta)
    return Timestamp(microseconds: overflow ? (delta > 0 ? .max : .min) : sum)
  }
}
