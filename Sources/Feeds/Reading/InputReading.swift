import Domain

/// What reading one input gave: its format, its feed, its items, and why it stopped, if it did.
package struct InputReading: Sendable {
  /// `rss`, `atom`, `rdf`, `html` or `text-dump`; empty when the input could not be recognized.
  package var format: String
  /// The channel's title, link and language, when the input is a feed.
  package var feed: FeedInfo?
  /// Every item read, even when an error stopped the reading later.
  package var items: [SourceItem]
  /// Why reading stopped early or failed; the items before the break are kept.
  package var error: InputError?
  /// How its character encoding was decided (nil when it was refused before that).
  package var encoding: EncodingDecision?

  /// Creates a reading.
  package init(format: String, feed: FeedInfo? = nil, items: [SourceItem] = [], error: InputError? = nil) {
    self.format = format
    self.feed = feed
    self.items = items
    self.error = error
  }
}
