import Domain

/// What reading one input gave: its format, its feed, its items, and why it stopped, if it did.
public struct InputReading: Sendable {
  /// `rss`, `atom`, `rdf`, `html` or `text-dump`; empty when the input could not be recognized.
  public var format: String
  /// The channel's title, link and language, when the input is a feed.
  public var feed: FeedInfo?
  /// Every item read, even when an error stopped the reading later.
  public var items: [SourceItem]
  /// Why reading stopped early or failed; the items before the break are kept.
  public var error: InputError?
  /// How its character encoding was decided (nil when it was refused before that).
  public var encoding: EncodingDecision?

  /// Creates a reading.
  public init(format: String, feed: FeedInfo? = nil, items: [SourceItem] = [], error: InputError? = nil) {
    self.format = format
    self.feed = feed
    self.items = items
    self.error = error
  }
}
