import Domain

/// Reads the meeting's first and last day: the first date in a sentence about this meeting,
/// skipping date lines, sentences about other meetings and dates that follow `established`,
/// `since` or `published`, or a day named relative to the publication (`today`, `yesterday`,
/// `This Monday`, `يوم الاثنين`) in such a sentence when it comes first. A relative day in a sentence
/// saying the meeting ended (`wrapped up`) is its last day, and a stated length (`two-day`)
/// gives the first.
enum MeetingDateReader {
  static func read(_ context: ReadingContext, expressions: [DateExpression])
    -> (start: Stated<CalendarDate>, end: Stated<CalendarDate>)?
  {
    let text = context.text
    let scanner = DateScanner(context: context)
    // `London, 17 October 2019 – … held its meeting today`: a dateline's date is the day the
    // text was written, which `today` and `Thursday` count from.
    var written = context.published
    for expression in expressions where isDateline(expression, scanner) {
      if let (_, day) = YearInference.resolve(expression, published: context.publication) { written = day }
      break
    }
    let otherEvents = text.matches(of: context.data.otherEventCues).filter { event in
      // `conference call` is how a meeting met.
      !context.meetingCueRanges.contains { $0.lowerBound == event.range.lowerBound }
    }
    let namedDays = written.map { relativeDays(context, published: $0) } ?? []
    let relative = namedDays.first
    for expression in expressions {
      let first = expression.tokens.lowerBound
      // `Sixty partners met today in Brussels` before a later paragraph's dates of other work.
      if let relative, relative.tokens.lowerBound < first { break }
      guard !isWholeLine(expression.tokens, text), !isDateline(expression, scanner),
        !isOtherEvents(expression.tokens, otherEvents, context),
        context.inThisMeetingDaySentence(first),
        !context.negated(first),
        let (start, end) = YearInference.resolve(expression, published: context.publication)
      else { continue }
      let evidence = text.evidence(tokens: expression.tokens)
      // `which opened in Niamey on 1 March, concluded today`: a day the sentence ends the
      // meeting on, after its first.
      if start == end, let relative, relative.tokens.lowerBound > first,
        context.sameSentence(first, relative.tokens.lowerBound), relative.end > start,
        relative.end.daysSinceEpoch - start.daysSinceEpoch < 7, saysTheMeetingEnded(first, context)
      {
        return (
          Stated(start, evidence: evidence),
          Stated(relative.end, evidence: text.evidence(tokens: relative.tokens))
        )
      }
      return (Stated(start, evidence: evidence), Stated(end, evidence: evidence))
    }
    guard let (first, day, tokens) = relative else { return nil }
    let evidence = text.evidence(tokens: tokens)
    if first != day { return (Stated(first, evidence: evidence), Stated(day, evidence: evidence)) }
    // `concluded today … the meeting, which began in Rome yesterday`: an earlier day named
    // about this meeting is its first.
    let earlier = namedDays.dropFirst().filter { named -> Bool in
      named.start < day && day.daysSinceEpoch - named.start.daysSinceEpoch < 7
    }
    if saysTheMeetingEnded(tokens.lowerBound, context),
      let opened = earlier.min(by: { $0.start < $1.start })
    {
      let openedEvidence = text.evidence(tokens: opened.tokens)
      return (Stated(opened.start, evidence: openedEvidence), Stated(day, evidence: evidence))
    }
    if saysTheMeetingEnded(tokens.lowerBound, context),
      let length = text.matches(of: context.data.durations).first(where: {
        !context.aboutOtherMeeting($0.range.lowerBound)
      })
    {
      let start = day.adding(days: 1 - length.value)
      return (Stated(start, evidence: text.evidence(tokens: length.range)), Stated(day, evidence: evidence))
    }
    return (Stated(day, evidence: evidence), Stated(day, evidence: evidence))
  }

  /// The days named relative to the publication in sentences about this meeting, in the
  /// order of the text: each its first day and its last, for two weekdays joined (`held on
  /// Thursday and Friday`).
  private static func relativeDays(_ context: ReadingContext, published: CalendarDate) -> [(
    start: CalendarDate, end: CalendarDate, tokens: Range<Int>
  )] {
    let text = context.text
    var found: [(tokens: Range<Int>, start: CalendarDate, end: CalendarDate)] = []
    for match in text.matches(of: context.data.relativeDays) {
      let i = match.range.lowerBound
      guard context.inThisMeetingDaySentence(i), !context.negated(i),
        !startsOrdinalPhrase(match.range.upperBound, context),
        !(context.token(match.range.upperBound).map { context.data.complementizers.contains($0.word) }
          ?? false)
      else { continue }
      let day = published.adding(days: match.value)
      found.append((match.range, day, day))
    }
    let weekdays = text.matches(of: context.data.weekdays)
    for (n, match) in weekdays.enumerated() {
      let i = match.range.lowerBound
      guard context.inThisMeetingDaySentence(i), !context.negated(i) else { continue }
      // The last such weekday on or before the publication.
      let back = (weekday(of: published) - match.value + 7) % 7
      let start = published.adding(days: -back)
      if n + 1 < weekdays.count, let after = joined(match.range.upperBound, weekdays[n + 1].range, context) {
        let length = (weekdays[n + 1].value - match.value + 7) % 7
        found.append((match.range.lowerBound..<after, start, start.adding(days: length)))
      } else {
        found.append((match.range, start, start))
      }
    }
    return found.sorted { $0.tokens.lowerBound < $1.tokens.lowerBound }.map { ($0.start, $0.end, $0.tokens) }
  }

  /// The end of `next` when only a range connector (`and`, `to`, `-`, `و`) stands between
  /// token `i` and it.
  private static func joined(_ i: Int, _ next: Range<Int>, _ context: ReadingContext) -> Int? {
    let text = context.text
    guard context.sameSentence(i - 1, next.lowerBound) else { return nil }
    if next.lowerBound == i, text.gapText(before: i).trimmingBlanks == "-" { return next.upperBound }
    if next.lowerBound == i + 1, context.data.rangeConnectors.contains(text.tokens[i].word) {
      return next.upperBound
    }
    if next.lowerBound == i, text.tokens[i].isArabic, text.token(i, startsWith: "و") {
      return next.upperBound
    }
    return nil
  }

  /// Whether the sentence of token `i` says the meeting ended (`wrapped up`, `اختتمت`).
  private static func saysTheMeetingEnded(_ i: Int, _ context: ReadingContext) -> Bool {
    context.text.matches(of: context.data.meetingEndCues).contains {
      context.sameSentence($0.range.lowerBound, i)
    }
  }

  /// Monday 1 to Sunday 7 (1970-01-01 was a Thursday).
  static func weekday(of date: CalendarDate) -> Int {
    ((date.daysSinceEpoch % 7 + 7 + 3) % 7) + 1
  }

  /// Whether the expression is the date of a dateline (`LOMÉ, June 9, 2023 –`): when the
  /// release was issued, not when the meeting met.
  private static func isDateline(_ expression: DateExpression, _ scanner: DateScanner) -> Bool {
    let text = scanner.context.text
    let line = text.tokens[expression.tokens.lowerBound].line
    // A dateline's date is among the first words of its line (``PublicationDate.datelineDate``
    // looks no further), and the two tokens after it say whether a dash follows: a date
    // further on in a long paragraph is not one, and its line is not walked.
    var start = expression.tokens.lowerBound
    while start > 0, text.tokens[start - 1].line == line {
      start -= 1
      if expression.tokens.lowerBound - start > PublicationDate.datelineWords { return false }
    }
    var end = expression.tokens.upperBound
    while end < min(text.tokens.count, expression.tokens.upperBound + 3), text.tokens[end].line == line {
      end += 1
    }
    return PublicationDate.datelineDate(start..<end, scanner: scanner, anyYear: true)?.tokens
      == expression.tokens
  }

  /// How far before a date an event word makes it that event's date, with no word for a
  /// meeting between them, and how far after it.
  private static let otherEventBefore = 10
  private static let otherEventAfter = 4

  /// Whether an event word other than a meeting stands near the date, in its sentence
  /// (`which hosted a conference on countering ISIL's messaging on October 28, 2014`, `the 4
  /// February 2016 Syria donors conference`, `يتزامن مع مؤتمر الكويت … المقرر خلال الفترة من
  /// 12 إلى 14 فبراير`).
  private static func isOtherEvents(
    _ tokens: Range<Int>, _ events: [(range: Range<Int>, value: Int)], _ context: ReadingContext
  ) -> Bool {
    events.contains { event in
      guard context.sameSentence(event.range.lowerBound, tokens.lowerBound) else { return false }
      if event.range.lowerBound >= tokens.upperBound {
        return event.range.lowerBound - tokens.upperBound <= otherEventAfter
      }
      guard event.range.upperBound <= tokens.lowerBound,
        tokens.lowerBound - event.range.upperBound <= otherEventBefore
      else { return false }
      return !context.meetingCueRanges.contains {
        $0.lowerBound >= event.range.upperBound && $0.upperBound <= tokens.lowerBound
      }
    }
  }

  /// Whether the tokens are all of their line: a date line, not a date in a sentence.
  private static func isWholeLine(_ range: Range<Int>, _ text: FoldedText) -> Bool {
    let line = text.tokens[range.lowerBound].line
    let before = range.lowerBound == 0 || text.tokens[range.lowerBound - 1].line != line
    let after = range.upperBound >= text.tokens.count || text.tokens[range.upperBound].line != line
    return before && after
  }

  /// `اليوم الأول` / `the day`: `اليوم` followed by an ordinal means "the first day", not today.
  private static func startsOrdinalPhrase(_ i: Int, _ context: ReadingContext) -> Bool {
    guard let next = context.token(i) else { return false }
    return context.data.ordinals.arabicUnits[next.word] != nil || context.text.tokenText(i) == "of"
  }
}
