import Domain

/// Reads when a text was published: an item's publication text (ISO 8601
/// `2019-11-20T10:00:00Z`, RFC 822 `Wed, 20 Nov 2019 10:00:00 -0500`, or natural dates in
/// English or Arabic), or, when the item has none, the date lines at the head of its text.
enum PublicationDate {
  /// The lines read for a date at the head of a text: a page's header block is shorter.
  private static let headLines = 10
  /// A line of this many tokens that ends a sentence is a paragraph: the header has ended.
  private static let paragraphTokens = 14
  /// Words a date line may carry besides its date (`Posted on March 20, 2015`).
  private static let extraWords = 2
  /// How long a line may be whose date a separator sets apart after more words.
  private static let separatedLineTokens = 10

  /// The day a publication text states (a range's last day), or nil.
  static func parse(_ text: String, data: LanguageData, monthFirst: Bool = false) -> CalendarDate? {
    reference(text, data: data, monthFirst: monthFirst)?.date
  }

  /// The day or month a publication text states: `June 2023` gives a month.
  static func reference(_ text: String, data: LanguageData, monthFirst: Bool = false) -> PublicationReference?
  {
    let trimmed = text.trimmingBlanks
    if let date = CalendarDate(iso: trimmed.prefix(10)) { return PublicationReference(date) }
    let context = ReadingContext(
      text: FoldedText(trimmed, lexicon: data.lexicon), data: data, publication: nil, monthFirst: monthFirst)
    let scanner = DateScanner(context: context)
    for expression in scanner.scan() {
      let day = expression.end ?? expression.start
      if day.year != nil, let date = YearInference.resolve(day, published: nil) {
        return PublicationReference(date)
      }
    }
    for i in context.text.tokens.indices {
      if let (month, year, _) = scanner.monthAndYear(at: i) {
        return PublicationReference(year: year, month: month)
      }
    }
    return nil
  }

  /// The publication date the head of a document states: a line that is a date and little
  /// else (`March 20, 2015`, `10/8/2015`, `20 تشرين الثاني/نوفمبر 2019`) or a month and its
  /// year (`February 2018`), among the lines before the first paragraph; else a news
  /// agency's dateline opening that paragraph (`RIYADH, June 8, 2023 (SPA) --`).
  ///
  /// Of several date lines, the last before the paragraph is the release's: a document copied
  /// from an archive's print view carries the print date first.
  static func inHead(_ context: ReadingContext) -> PublicationReference? {
    let text = context.text
    let scanner = DateScanner(context: context)
    if let labeled = labeledDate(scanner) { return labeled }
    var lineStart = 0
    var linesRead = 0
    var found: PublicationReference?
    while lineStart < text.tokens.count, linesRead < headLines {
      let line = text.tokens[lineStart].line
      var lineEnd = lineStart
      while lineEnd < text.tokens.count, text.tokens[lineEnd].line == line { lineEnd += 1 }
      if lineEnd - lineStart >= paragraphTokens, endsASentence(lineEnd, text) {
        return found ?? dateline(lineStart..<lineEnd, scanner: scanner)
      }
      if let date = dateLine(lineStart..<lineEnd, scanner: scanner) { found = date }
      lineStart = lineEnd
      linesRead += 1
    }
    return found
  }

  /// The lines read for a date at the end of a text, after the article's sign-off.
  private static let tailLines = 3
  /// The longest line read there for a date.
  private static let tailLineScalars = 40

  /// The publication day a date line at the end of a text states (`(end)` / `sbk.gb` /
  /// `21/07/2016`, as agencies' pages close), when no head date was found. A numeric date is
  /// taken only when both orders read it alike: the end carries no language convention.
  static func inTail(_ text: String, data: LanguageData) -> CalendarDate? {
    // The last lines, walked back from the end: the text before them is never split.
    var end = text.endIndex
    var read = 0
    while read < tailLines, end > text.startIndex {
      let start = text[..<end].lastIndex(of: "\n").map(text.index(after:)) ?? text.startIndex
      let line = text[start..<end]
      end = start == text.startIndex ? start : text.index(before: start)
      guard !line.isEmpty else { continue }
      read += 1
      guard line.unicodeScalars.count <= tailLineScalars else { continue }
      let folded = FoldedText(String(line), lexicon: data.lexicon)
      guard !folded.tokens.isEmpty else { continue }
      let days = [true, false].map { monthFirst in
        let context = ReadingContext(text: folded, data: data, publication: nil, monthFirst: monthFirst)
        return dateLine(0..<folded.tokens.count, scanner: DateScanner(context: context))?.date
      }
      if let day = days[0], day == days[1] { return day }
    }
    return nil
  }

  /// The date a short line states when it is all the line says, but for a few words before it
  /// and a clock after it.
  private static func dateLine(_ line: Range<Int>, scanner: DateScanner) -> PublicationReference? {
    // More words may come first when a separator sets the date apart: a place and a source
    // (`تونس - الصباح نيوز - جانفي 2015`, `Home | News | 4 May 2021`).
    let starts = (line.lowerBound..<line.upperBound).filter { start in
      start <= line.lowerBound + extraWords
        || line.count <= separatedLineTokens
          && separatedAfter(start, in: line, scanner.context.text, dashes: true)
    }
    for start in starts {
      if let expression = scanner.expression(at: start),
        onlyNumbersAfter(expression.tokens.upperBound, in: line, scanner.context.text)
          || separatedAfter(expression.tokens.upperBound, in: line, scanner.context.text)
      {
        let day = expression.end ?? expression.start
        return YearInference.resolve(day, published: nil).map(PublicationReference.init)
      }
      if let (month, year, end) = scanner.monthAndYear(at: start), end == line.upperBound {
        return PublicationReference(year: year, month: month)
      }
    }
    // An agency's date line: `بروكسل 11 صفر 1436 هـ الموافق 03 ديسمبر 2014 م واس`.
    let text = scanner.context.text
    for marker in line where text.longestMatch(of: scanner.context.data.gregorianMarkers, at: marker) != nil {
      guard let (end, _) = text.longestMatch(of: scanner.context.data.gregorianMarkers, at: marker),
        let expression = scanner.expression(at: end), expression.tokens.upperBound <= line.upperBound
      else { continue }
      let day = expression.end ?? expression.start
      if day.year != nil { return YearInference.resolve(day, published: nil).map(PublicationReference.init) }
    }
    return nil
  }

  /// Whether the line ending before token `end` ends with a sentence's punctuation: a
  /// paragraph does, a long headline does not.
  private static func endsASentence(_ end: Int, _ text: FoldedText) -> Bool {
    let gap = text.gap(before: end)
    let tail = gap.prefix { $0 != "\n" }
    return tail.contains { ".!?:\u{061F}".unicodeScalars.contains($0) }
  }

  /// How many words (a newspaper's name and `يوم`) may stand between a label and its date on
  /// the label's line: `نشر في المصريون يوم 20 - 03 - 2015`.
  private static let labelSourceWords = 4

  /// A date the head labels as the publication's (`تاريخ النشر:28 أكتوبر 2015`, `Published 28
  /// October 2015`, an aggregator's `نشر في محيط يوم 02 - 06 - 2015`), wherever it stands among
  /// the head's lines: some pages put a summary first.
  private static func labeledDate(_ scanner: DateScanner) -> PublicationReference? {
    let text = scanner.context.text
    var i = 0
    while i < text.tokens.count, text.tokens[i].line < headLines + 4 {
      // The date may stand on the label's line or, under a label alone on its line, the next.
      if let (end, _) = text.longestMatch(of: scanner.context.data.publicationLabels, at: i),
        end < text.tokens.count,
        text.tokens[end].line == text.tokens[i].line
          || text.tokens[end].line == text.tokens[i].line + 1
            && (i == 0 || text.tokens[i - 1].line < text.tokens[i].line),
        let expression = scanner.expression(at: end) ?? afterSource(end, line: text.tokens[i].line, scanner)
      {
        let day = expression.end ?? expression.start
        if day.year != nil {
          return YearInference.resolve(day, published: nil).map(PublicationReference.init)
        }
      }
      i += 1
    }
    return nil
  }

  /// The date a few words after a label on its line (`نشر في المصريون يوم 20 - 03 - 2015`).
  private static func afterSource(_ end: Int, line: Int, _ scanner: DateScanner) -> DateExpression? {
    let text = scanner.context.text
    var k = end + 1
    while k < min(end + 1 + labelSourceWords, text.tokens.count), text.tokens[k].line == line {
      if let expression = scanner.expression(at: k) { return expression }
      k += 1
    }
    return nil
  }

  /// Whether the rest of the line holds only numbers, a time and its marker (`11:40 ص`,
  /// `00:00 4 0 0`): a page's clock and counters beside its date.
  private static func onlyNumbersAfter(_ i: Int, in line: Range<Int>, _ text: FoldedText) -> Bool {
    guard i < line.upperBound else { return true }
    return (i..<line.upperBound).allSatisfy { k in
      text.tokens[k].isNumber || (k > i && text.tokens[k - 1].isNumber && text.tokens[k].characterCount <= 2)
    }
  }

  /// Whether a page's metadata follows the date after a separator (`March 20, 2015 / 2:43 PM /
  /// Updated 2 years ago`, `20/11/2019 | 10:00`).
  private static func separatedAfter(_ i: Int, in line: Range<Int>, _ text: FoldedText, dashes: Bool = false)
    -> Bool
  {
    guard i < line.upperBound else { return false }
    let gap = text.gapText(before: i)
    if dashes, gap.contains(where: { $0 == "-" || $0 == "\u{2013}" || $0 == "\u{2014}" }), gap.contains(" ") {
      return true
    }
    return gap.contains { $0 == "/" || $0 == "|" || $0 == "\u{00B7}" || $0 == "\u{2022}" }
  }

  /// A dated dateline opening a paragraph: a place, the date with its year, then a dash or the
  /// agency's name in brackets. `On July 29, 2020, …` states a meeting's date instead.
  private static func dateline(_ line: Range<Int>, scanner: DateScanner) -> PublicationReference? {
    guard let expression = datelineDate(line, scanner: scanner) else { return nil }
    let day = expression.end ?? expression.start
    return YearInference.resolve(day, published: nil).map(PublicationReference.init)
  }

  /// How many tokens into its line a dateline's date may start.
  static let datelineWords = 10

  /// The date of a dateline opening `line` (`LOMÉ, June 9, 2023 –`), if it has one; with
  /// `anyYear`, also a wire's date without its year (`Rome, Dec 6 (Nova) -`), which is still
  /// when the text was written, not when the meeting met.
  static func datelineDate(_ line: Range<Int>, scanner: DateScanner, anyYear: Bool = false) -> DateExpression?
  {
    let context = scanner.context
    let text = context.text
    var i = line.lowerBound
    while i < min(line.upperBound, line.lowerBound + datelineWords) {
      if context.data.datelineBlockers.contains(text.tokens[i].word) { return nil }
      guard let expression = scanner.expression(at: i) else {
        i += 1
        continue
      }
      let day = expression.end ?? expression.start
      let after = expression.tokens.upperBound
      guard anyYear || day.year != nil, i > line.lowerBound, after < line.upperBound else { return nil }
      let gap =
        text.gapText(before: after) + (after + 1 < line.upperBound ? text.gapText(before: after + 1) : "")
      guard gap.contains("-") || gap.contains("(") || gap.contains("\u{2013}") || gap.contains("\u{2014}")
      else { return nil }
      return expression
    }
    return nil
  }
}
