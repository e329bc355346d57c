/// What the archive knows about fetching one followed feed: its validators, the last
/// outcome and when it is next due. Operational state, kept beside the log and shown by
/// `follow --list`; the captures themselves are events.
public struct FeedFetchState: Hashable, Sendable {
  /// The last `ETag` a 200 carried, sent back as `If-None-Match`.
  public var etag: String?
  /// The last `Last-Modified` a 200 carried, sent back as `If-Modified-Since`.
  public var lastModified: String?
  /// When the feed was last tried.
  public var lastAttempt: Timestamp?
  /// When the feed last answered 200 or 304.
  public var lastSuccess: Timestamp?
  /// The HTTP status of the last attempt; nil when it never got an answer.
  public var lastStatus: Int?
  /// One line saying why the last attempt failed; nil after a success.
  public var lastError: String?
  /// Failures since the last success: the exponent of the backoff.
  public var consecutiveFailures: Int
  /// When the feed is next due; nil means now.
  public var nextDue: Timestamp?

  /// A state; the default is a feed never fetched, due now.
  public init(
    etag: String? = nil, lastModified: String? = nil, lastAttempt: Timestamp? = nil,
    lastSuccess: Timestamp? = nil, lastStatus: Int? = nil, lastError: String? = nil,
    consecutiveFailures: Int = 0, nextDue: Timestamp? = nil
  ) {
    self.etag = etag
    self.lastModified = lastModified
    self.lastAttempt = lastAttempt
    self.lastSuccess = lastSuccess
    self.lastStatus = lastStatus
    self.lastError = lastError
    self.consecutiveFailures = consecutiveFailures
    self.nextDue = nextDue
  }

  /// Whether the feed should be fetched at `now`.
  public func isDue(at now: Timestamp) -> Bool {
    guard let nextDue else { return true }
    return nextDue <= now
  }
}
