/// One item as an input presented it, before the archive normalizes and understands it.
///
/// The feed readers produce these from RSS, Atom, RDF, HTML pages and text dumps; the
/// extraction pipeline turns each into a ``Document`` and its ``Facts``.
package struct SourceItem: Hashable, Sendable {
  /// The input it was read from, as given (a path, `-`).
  package var source: String
  /// `text-dump`, `rss`, `atom`, `rdf` or `html`.
  package var format: String
  /// The feed it came in, if any.
  package var feed: FeedInfo?
  /// RSS `guid` / Atom `id`.
  package var guid: String?
  /// The item's link, made absolute where the input gave a base.
  package var link: String?
  /// The headline, entities decoded, markup removed.
  package var title: String?
  /// The publication time exactly as written (`Wed, 20 Nov 2019 10:00:00 -0500`).
  package var publishedText: String?
  /// The publication day, when the reader could parse ``publishedText`` or a date line.
  package var published: CalendarDate?
  /// The language the input declares (`xml:lang`, `<language>`, `<html lang>`), if any.
  package var declaredLanguage: String?
  /// The body as plain text: markup removed, entities decoded, paragraphs separated by
  /// blank lines. Boilerplate is still in it; extraction removes it.
  package var body: String
  /// Links found in the body (absolute), so a translation can name its original.
  package var links: [String]

  /// Creates an item.
  package init(
    source: String, format: String, feed: FeedInfo? = nil, guid: String? = nil, link: String? = nil,
    title: String? = nil, publishedText: String? = nil, published: CalendarDate? = nil,
    declaredLanguage: String? = nil, body: String, links: [String] = []
  ) {
    self.source = source
    self.format = format
    self.feed = feed
    self.guid = guid
    self.link = link
    self.title = title
    self.publishedText = publishedText
    self.published = published
    self.declaredLanguage = declaredLanguage
    self.body = body
    self.links = links
  }
}
