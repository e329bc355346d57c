/// A statement as the archive stores it: normalized text and what is known of its origin.
///
/// The text is normalized for storage (NFC, `\n` line ends, boilerplate removed) but never
/// folded for matching; its SHA-256 is the document's ``DocumentID``.
public struct Document: Hashable, Sendable {
  /// The SHA-256 of ``text``.
  public var id: DocumentID
  /// The input it was read from, as given on the command line (a path, `-`, or a URL).
  public var source: String
  /// The input format: `text-dump`, `rss`, `atom`, `rdf` or `html`.
  public var format: String
  /// The feed the item came in, when it came in one.
  public var feed: FeedInfo?
  /// The publisher's stable identifier of the item (RSS `guid`, Atom `id`).
  public var guid: String?
  /// The item's link.
  public var link: String?
  /// The headline.
  public var title: String?
  /// The day of publication, as the source states it.
  public var published: CalendarDate?
  /// A BCP 47 language tag: `en`, `ar`, `fr`…
  public var language: String
  /// For a translation, the link to the original-language release it translates.
  public var originalLink: String?
  /// Whether the document says it is a translation (state.gov's translation notice).
  public var isTranslation: Bool
  /// The normalized text: title line, date line and body.
  public var text: String
  /// How the input's bytes were read, when that is not plain UTF-8 as declared or by default
  /// (``EncodingDecision/isRecorded``): a mislabelled feed read as UTF-8, or
  /// `ingest --encoding`. Documents stored before it was recorded have none.
  public var encoding: EncodingDecision?

  /// Creates a document; ``id`` is computed from the text.
  public init(
    source: String, format: String, feed: FeedInfo? = nil, guid: String? = nil,
    link: String? = nil, title: String? = nil, published: CalendarDate? = nil,
    language: String, originalLink: String? = nil, isTranslation: Bool = false, text: String,
    encoding: EncodingDecision? = nil
  ) {
    self.init(
      id: DocumentID(text: text), source: source, format: format, feed: feed, guid: guid, link: link,
      title: title, published: published, language: language, originalLink: originalLink,
      isTranslation: isTranslation, text: text, encoding: encoding)
  }

  /// A document whose id is already known (read back from storage): no hashing.
  package init(
    id: DocumentID, source: String, format: String, feed: FeedInfo?, guid: String?, link: String?,
    title: String?, published: CalendarDate?, language: String, originalLink: String?, isTranslation: Bool,
    text: String, encoding: EncodingDecision? = nil
  ) {
    self.id = id
    self.source = source
    self.format = format
    self.feed = feed
    self.guid = guid
    self.link = link
    self.title = title
    self.published = published
    self.language = language
    self.originalLink = originalLink
    self.isTranslation = isTranslation
    self.text = text
    self.encoding = encoding
  }
}

/// The feed a document arrived in: its channel's title, link and declared language.
public struct FeedInfo: Hashable, Sendable {
  /// The channel or feed title.
  public var title: String?
  /// The channel's link.
  public var link: String?
  /// The channel's declared language.
  public var language: String?

  /// Creates feed metadata.
  public init(title: String? = nil, link: String? = nil, language: String? = nil) {
    self.title = title
    self.link = link
    self.language = language
  }
}
