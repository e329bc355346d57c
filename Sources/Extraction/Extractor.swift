import Domain
import Foundation

/// Turns source items into documents and reads the facts each document states, with evidence.
///
/// Language data is loaded once (``LanguageData/bundled()``); matching runs on a folded copy
/// of the text, so the stored text is never changed by it.
package struct Extractor: Sendable {
  /// The extractor's version string, stored with every set of facts (bump when rules change).
  package static let version: String = "6"

  /// The language data this extractor reads with.
  package let languageData: LanguageData

  /// The theme vocabulary (bundled plus the user's file), with each theme's kind.
  package var themes: ThemeVocabulary { languageData.themes }

  /// Loads the bundled language data, plus an optional user theme vocabulary file (same JSON
  /// format as the bundled `themes.json`) that extends it without recompiling.
  ///
  /// - Parameter extraThemes: a theme file to add to the bundled vocabulary.
  /// - Throws: ``ExtractionError`` naming the file (and entry) that is missing or bad.
  package init(extraThemes: URL? = nil) throws {
    if let extraThemes {
      languageData = try LanguageData(directory: nil, extraThemes: extraThemes)
    } else {
      languageData = try LanguageData.bundled()
    }
  }

  /// Normalizes an item's text for storage and builds the Document.
  package func document(from item: SourceItem) -> Document {
    let builder = DocumentBuilder(data: languageData)
    let title = item.title.map { builder.clean($0) }
    var published = item.published
    var dateLine: String?
    // The text is read for a date only where its date is used: when the item has none, or
    // as a text dump's date line (kept in the text even when it names only a month).
    if let text = item.publishedText, published == nil || item.format == "text-dump" {
      let parsed = PublicationDate.parse(text, data: languageData)
      if published == nil { published = parsed }
      if item.format == "text-dump" { dateLine = builder.clean(text) }
    }
    let body = builder.body(item.body, title: title, dateLine: dateLine)
    var originalLink = body.originalLink
    if originalLink == nil, body.sawOriginalLinkLine {
      originalLink = item.links.first {
        $0 != item.link && ($0.hasPrefix("https://") || $0.hasPrefix("http://"))
      }
    }
    let text = builder.text(title: title, dateLine: dateLine, body: body)
    let language = LanguageIdentifier.language(declared: item.declaredLanguage, text: text)
    if published == nil {
      // Only the head is folded: the date lines of a page copied as text come before its body.
      published =
        PublicationDate.inHead(headContext(text, language: language))?.date
        ?? PublicationDate.inTail(text, data: languageData)
    }
    return Document(
      source: item.source, format: item.format, feed: item.feed, guid: item.guid, link: item.link,
      title: title, published: published, language: language, originalLink: originalLink,
      isTranslation: body.isTranslation, text: text)
  }

  /// The number of leading scalars of a text read for its date lines.
  private static let headScalars = 1_500

  /// A reading context over the head of `text`, in the document's reading of numeric dates.
  private func headContext(_ text: String, language: String?) -> ReadingContext {
    let head = String(text.unicodeScalars.prefix(Extractor.headScalars))
    return ReadingContext(
      text: FoldedText(head, lexicon: languageData.lexicon), data: languageData, publication: nil,
      monthFirst: language == "en")
  }

  /// The reading context of a document: its folded text and its publication, to the day or,
  /// from a date line naming only a month, to the month (which still gives days without a
  /// year their year).
  func readingContext(_ document: Document) -> ReadingContext {
    let text = FoldedText(document.text, lexicon: languageData.lexicon)
    let monthFirst = document.language == "en"
    let publication =
      document.published.map(PublicationReference.init)
      ?? PublicationDate.inHead(
        ReadingContext(text: text, data: languageData, publication: nil, monthFirst: monthFirst))
    return ReadingContext(text: text, data: languageData, publication: publication, monthFirst: monthFirst)
  }

  /// Reads the facts a document states, each with evidence.
  package func facts(in document: Document) -> Facts {
    let context = readingContext(document)
    let facts = facts(context)
    // A preview names its meeting only in sentences that put it ahead (`will be held on 22
    // March`): with no day read elsewhere, they are about this meeting.
    guard facts.start == nil, context.upcomingSentences.contains(where: context.meetingSentences.contains)
    else { return facts }
    let preview = ReadingContext(
      text: context.text, data: context.data, publication: context.publication,
      monthFirst: context.monthFirst,
      previewing: true)
    let previewed = self.facts(preview)
    return previewed.start == nil ? facts : previewed
  }

  private func facts(_ context: ReadingContext) -> Facts {
    let text = context.text
    let expressions = DateScanner(context: context).scan()
    let dates = MeetingDateReader.read(context, expressions: expressions)
    let ordinal = OrdinalReader.read(context)
    let groupNames = text.matches(of: context.data.groupAliases)
    let chairPhrases = ChairReader.phrases(context, groups: groupNames)
    let place = PlaceReader.read(context, chairTokens: chairPhrases.flatMap { $0.chairs.map(\.tokens) })
    var excluded = expressions.map(\.tokens)
    if let ordinal {
      excluded += context.text.tokens.indices.filter {
        context.text.originalRange(tokens: $0..<($0 + 1)).overlaps(ordinal.evidence.range)
      }.map { $0..<($0 + 1) }
    }
    let anchors = [dates?.start.evidence, ordinal?.evidence, place.city?.evidence].compactMap {
      $0.flatMap(text.tokens(of:))
    }
    let group = GroupReader.read(context, anchors: anchors, matches: groupNames)
    let chairs = ChairReader.chairs(chairPhrases, group: group?.value, context)
    return Facts(
      extractor: Extractor.version,
      group: group,
      ordinal: ordinal,
      start: dates?.start,
      end: dates?.end,
      city: place.city,
      country: place.country,
      virtual: place.virtual,
      chairs: chairs.map { context.text.stated($0.code, tokens: $0.tokens) },
      counts: CountReader.owned(by: group?.value, CountReader.read(context, excluded: excluded), context),
      themes: ThemeReader.read(context))
  }
}
