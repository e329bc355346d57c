/// The namespace URIs of the feed vocabularies the readers understand.
enum Namespaces {
  static let atom10 = "http://www.w3.org/2005/Atom"
  static let atom03 = "http://purl.org/atom/ns#"
  static let rss10 = "http://purl.org/rss/1.0/"
  static let rss090 = "http://my.netscape.com/rdf/simple/0.9/"
  static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  static let dublinCore = "http://purl.org/dc/elements/1.1/"
  static let dublinCoreTerms = "http://purl.org/dc/terms/"
  static let content = "http://purl.org/rss/1.0/modules/content/"
  static let xhtml = "http://www.w3.org/1999/xhtml"

  /// Namespaces whose elements are RSS's own (`title`, `link`, `item`…): none, RSS 1.0, RSS 0.90,
  /// and the ones some RSS 2.0 feeds invented.
  static let rssCore: Set<String> = [
    "", rss10, rss090, "http://backend.userland.com/rss2", "http://blogs.law.harvard.edu/tech/rss",
    "http://purl.org/net/rss1.1#", "http://channel.netscape.com/rdf/simple/0.9/",
  ]

  /// Namespaces whose elements are Atom's (Atom 1.0, 0.3, or none in an Atom document).
  static let atomCore: Set<String> = [
    "", atom10, atom03, "http://purl.org/atom/ns#draft-ietf-atompub-format-08",
  ]

  /// Dublin Core elements and terms.
  static let dc: Set<String> = [dublinCore, dublinCoreTerms]
}
