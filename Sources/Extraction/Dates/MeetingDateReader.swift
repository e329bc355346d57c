import Domain

/// Reads the meeting's first and last day: the first date in a sentence about a meeting,
/// skipping the date line and dates that follow `established`, `since` or `next meeting`;
/// failing that, `today`/`yesterday` in such a sentence, against the publication date.
enum MeetingDateReader {
  static func read(_ context: ReadingContext, expressions: [DateExpression])
    -> (start: Stated<CalendarDate>, end: Stated<CalendarDate>)?
  {
    let text = context.text
    for expression in expressions {
      let first = expression.tokens.lowerBound
      guard !isWholeLine(expression.tokens, text), context.inMeetingSentence(first),
        !context.negated(first),
        let (start, end) = YearInference.resolve(expression, published: context.published)
      else { continue }
      let evidence = text.evidence(tokens: expression.tokens)
      return (Stated(start, evidence: evidence), Stated(end, evidence: evidence))
    }
    guard let published = context.published else { return nil }
    for match in text.matches(of: context.data.relativeDays) {
      let i = match.range.lowerBound
      guard context.inMeetingSentence(i), !context.negated(i),
        !startsOrdinalPhrase(match.range.upperBound, context)
      else { continue }
      let date = published.adding(days: match.value)
      let evidence = text.evidence(tokens: match.range)
      return (Stated(date, evidence: evidence), Stated(date, evidence: evidence))
    }
    return nil
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
