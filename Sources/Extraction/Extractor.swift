import Domain
import Foundation

/// Turns source items into documents and reads the facts each document states, with evidence.
///
/// Language data is loaded once (``LanguageData/bundled()``); matching runs on a folded copy
/// of the text, so the stored text is never changed by it.
public struct Extractor: Sendable {
  /// The extractor's version string, stored with every set of facts (bump when rules change).
  public static let version: String = "1"

  /// The language data this extractor reads with.
  public let languageData: LanguageData

  /// The theme vocabulary (bundled plus the user's file), with each theme's kind.
  public var themes: ThemeVocabulary { languageData.themes }

  /// Loads the bundled language data, plus an optional user theme vocabulary file (same JSON
  /// format as the bundled `themes.json`) that extends it without recompiling.
  ///
  /// - Parameter extraThemes: a theme file to add to the bundled vocabulary.
  /// - Throws: ``ExtractionError`` naming the file (and entry) that is missing or bad.
  public init(extraThemes: URL? = nil) throws {
    if let extraThemes {
      languageData = try LanguageData(directory: nil, extraThemes: extraThemes)
    } else {
      languageData = try LanguageData.bundled()
    }
  }

  /// Normalizes an item's text for storage and builds the Document.
  public func document(from item: SourceItem) -> Document {
    let builder = DocumentBuilder(data: languageData)
    let title = item.title.map { builder.clean($0) }
    var published = item.published
    var dateLine: String?
    // The text is read for a date only where its date is used: when the item has none, or
    // as a text dump's date line.
    if let text = item.publishedText, published == nil || item.format == "text-dump" {
      let parsed = PublicationDate.parse(text, data: languageData)
      if published == nil { published = parsed }
      if item.format == "text-dump", parsed != nil { dateLine = builder.clean(text) }
    }
    let body = builder.body(item.body, title: title, dateLine: dateLine)
    var originalLink = body.originalLink
    if originalLink == nil, body.sawOriginalLinkLine {
      originalLink = item.links.first {
        $0 != item.link && ($0.hasPrefix("https://") || $0.hasPrefix("http://"))
      }
    }
    let text = builder.text(title: title, dateLine: dateLine, body: body)
    return Document(
      source: item.source, format: item.format, feed: item.feed, guid: item.guid, link: item.link,
      title: title, published: published,
      language: LanguageIdentifier.language(declared: item.declaredLanguage, text: text),
      originalLink: originalLink, isTranslation: body.isTranslation, text: text)
  }

  /// Reads the facts a document states, each with evidence.
  public func facts(in document: Document) -> Facts {
    let context = ReadingContext(
      text: FoldedText(document.text, lexicon: languageData.lexicon), data: languageData,
      published: document.published)
    let expressions = DateScanner(context: context).scan()
    let dates = MeetingDateReader.read(context, expressions: expressions)
    let ordinal = OrdinalReader.read(context)
    let chairs = ChairReader.read(context)
    let place = PlaceReader.read(context, chairTokens: chairs.map(\.tokens))
    var excluded = expressions.map(\.tokens)
    if let ordinal {
      excluded += context.text.tokens.indices.filter {
        context.text.originalRange(tokens: $0..<($0 + 1)).overlaps(ordinal.evidence.range)
      }.map { $0..<($0 + 1) }
    }
    return Facts(
      extractor: Extractor.version,
      group: GroupReader.read(context),
      ordinal: ordinal,
      start: dates?.start,
      end: dates?.end,
      city: place.city,
      country: place.country,
      virtual: place.virtual,
      chairs: chairs.map { context.text.stated($0.code, tokens: $0.tokens) },
      counts: CountReader.read(context, excluded: excluded),
      themes: ThemeReader.read(context))
  }
}
