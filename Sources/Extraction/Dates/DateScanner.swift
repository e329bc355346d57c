/// Finds every date expression of a folded text: `19-20 November 2019`, `November 19 and 20`,
/// `from 30 January to 1 February`, `يومي 19 و20 تشرين الثاني/نوفمبر`, `20/11/2019`,
/// `2019-11-20`. Hijri dates (`20 جمادى الأولى 1446`, `1436ه`) are consumed and never read.
struct DateScanner {
  let context: ReadingContext
  private var text: FoldedText { context.text }
  private var data: LanguageData { context.data }

  /// All expressions that state at least one Gregorian day, in text order.
  func scan() -> [DateExpression] {
    var found: [DateExpression] = []
    var i = 0
    while i < text.tokens.count {
      // Every form starts with a number or a month name; skip other words cheaply.
      let token = text.tokens[i]
      if !token.isNumber && !text.forms(of: i).contains(where: { data.months.hasFirstWord($0.id) }) {
        i += 1
        continue
      }
      if let hijriEnd = hijri(at: i) {
        i = hijriEnd
      } else if let expression = numeric(at: i) ?? dayFirst(at: i) ?? monthFirst(at: i) {
        found.append(expression)
        i = expression.tokens.upperBound
      } else {
        i += 1
      }
    }
    return found
  }

  /// The Gregorian date expression starting at token `i`, if any (a Hijri date is none).
  func expression(at i: Int) -> DateExpression? {
    guard i < text.tokens.count, hijri(at: i) == nil else { return nil }
    return numeric(at: i) ?? dayFirst(at: i) ?? monthFirst(at: i)
  }

  // MARK: - Pieces

  /// A day number (1–31) at `i`, with an English or French ordinal suffix (`19th`, `1er`) skipped.
  private func day(at i: Int) -> (Int, Int)? {
    guard let token = context.token(i), token.characterCount <= 2, let value = token.number,
      (1...31).contains(value)
    else { return nil }
    guard let next = context.token(i + 1), next.start == token.end else { return (value, i + 1) }
    if ["st", "nd", "rd", "th", "er"].contains(text.tokenText(i + 1)) { return (value, i + 2) }
    // Digits glued to Latin letters (`12abc`) are not a day; Arabic letters may touch digits.
    return next.isArabic ? (value, i + 1) : nil
  }

  /// A month name at `i` (`تشرين الثاني/نوفمبر` read as one), with where it ends.
  private func month(at i: Int) -> (month: Int, end: Int, contextOnly: Bool)? {
    guard let (end, month) = text.longestMatch(of: data.months, at: i) else { return nil }
    let contextOnly = end == i + 1 && data.contextOnlyMonths.contains(text.tokens[i].word)
    var last = end
    // The second spelling after a slash: `تشرين الثاني/نوفمبر`, `مارس / آذار`.
    if last < text.tokens.count, text.gapText(before: last).trimmingBlanks == "/",
      let (otherEnd, _) = text.longestMatch(of: data.months, at: last)
    {
      last = otherEnd
    }
    return (month, last, contextOnly)
  }

  /// A Gregorian year (1900–2100) at `i`, with a trailing `م` consumed; nil for a Hijri year.
  private func year(at i: Int) -> (Int, Int)? {
    guard let token = context.token(i), token.characterCount == 4, let value = token.number,
      (1900...2100).contains(value)
    else { return nil }
    if let next = context.token(i + 1), next.start - token.end <= 1, context.sameSentence(i, i + 1) {
      if data.hijriYearMarkers.contains(next.word) { return nil }
      if data.gregorianYearMarkers.contains(next.word) { return (value, i + 2) }
    }
    return (value, i + 1)
  }

  /// The year at `i` when only blanks or a comma separate it from what precedes.
  private func trailingYear(at i: Int) -> (Int, Int)? {
    guard i > 0, i < text.tokens.count, text.tokens[i - 1].line == text.tokens[i].line else { return nil }
    let gap = text.gapText(before: i).trimmingBlanks
    guard gap.isEmpty || gap == "," else { return nil }
    return year(at: i)
  }

  /// Whether a range connector (`-`, `and`, `to`, `و`, `إلى`) sits at `i`; returns the
  /// position after it.
  private func connector(at i: Int) -> Int? {
    guard i < text.tokens.count, context.sameSentence(i - 1, i) else { return nil }
    let gap = text.gapText(before: i).trimmingBlanks
    if gap == "-" { return i }
    guard gap.isEmpty, data.rangeConnectors.contains(text.tokens[i].word) else { return nil }
    return i + 1
  }

  // MARK: - Forms

  /// `20 جمادى الأولى 1446`, `1436ه`: the end of a Hijri date at `i`, or nil.
  private func hijri(at i: Int) -> Int? {
    if let token = context.token(i), token.isNumber, token.characterCount == 4,
      let next = context.token(i + 1), next.start - token.end <= 1, data.hijriYearMarkers.contains(next.word)
    {
      return i + 2
    }
    guard let (_, afterDay) = day(at: i),
      let (end, _) = text.longestMatch(of: data.hijriMonths, at: afterDay)
    else { return nil }
    if let token = context.token(end), token.isNumber, token.characterCount == 4 {
      if let marker = context.token(end + 1), data.hijriYearMarkers.contains(marker.word) { return end + 2 }
      return end + 1
    }
    return end
  }

  /// `20/11/2019`, `20.11.2019` (day first), `2019-11-20`, `2017/03/23` (year first) and an
  /// aggregator's spaced `02 - 06 - 2015` (day first).
  private func numeric(at i: Int) -> DateExpression? {
    guard i + 2 < text.tokens.count, text.tokens[i].isNumber, text.tokens[i + 1].isNumber,
      text.tokens[i + 2].isNumber
    else { return nil }
    let gap1 = text.gapText(before: i + 1)
    let gap2 = text.gapText(before: i + 2)
    guard gap1 == gap2, ["/", ".", "-", " - "].contains(gap1),
      let a = text.tokens[i].number, let b = text.tokens[i + 1].number, let c = text.tokens[i + 2].number
    else { return nil }
    if text.tokens[i].characterCount == 4, gap1 == "-" || gap1 == "/", (1900...2100).contains(a) {
      guard (1...12).contains(b), (1...31).contains(c) else { return nil }
      return DateExpression(tokens: i..<(i + 3), start: StatedDay(day: c, month: b, year: a))
    }
    // `11-02-2018` is day first too; only a year leads `2019-11-20`.
    guard text.tokens[i + 2].characterCount == 4, (1900...2100).contains(c) else { return nil }
    // Day first, unless the text writes months first (US releases: `10/25/2016`) or only
    // that reading is a date.
    let monthFirst = (1...12).contains(a) && (b > 12 || context.monthFirst && gap1 == "/")
    let (day, month) = monthFirst ? (b, a) : (a, b)
    guard (1...12).contains(month), (1...31).contains(day) else { return nil }
    return DateExpression(tokens: i..<(i + 3), start: StatedDay(day: day, month: month, year: c))
  }

  /// `June 2023`, `آذار/مارس 2015`: a month and its year at `i`, and where they end.
  func monthAndYear(at i: Int) -> (month: Int, year: Int, end: Int)? {
    guard let (month, afterMonth, _) = month(at: i), let (year, end) = trailingYear(at: afterMonth) else {
      return nil
    }
    return (month, year, end)
  }

  /// `19 November 2019`, `19-20 November`, `19 و20 تشرين الثاني/نوفمبر`,
  /// `30 January to 1 February 2020`.
  private func dayFirst(at i: Int) -> DateExpression? {
    guard let (firstDay, afterFirst) = day(at: i) else { return nil }
    var secondDay: Int?
    var monthAt = afterFirst
    if let next = connector(at: afterFirst), let (value, after) = day(at: next), month(at: after) != nil {
      secondDay = value
      monthAt = after
    }
    guard let (firstMonth, afterMonth, _) = month(at: monthAt) else { return nil }
    var end = afterMonth
    var firstYear: Int?
    if let (value, after) = trailingYear(at: end) {
      firstYear = value
      end = after
    }
    if let secondDay {
      return DateExpression(
        tokens: i..<end, start: StatedDay(day: firstDay, month: firstMonth, year: firstYear),
        end: StatedDay(day: secondDay, month: firstMonth, year: firstYear))
    }
    // A range crossing a month: `30 January to 1 February [2020]`.
    if let next = connector(at: end), let (value, after) = day(at: next),
      let (secondMonth, afterSecond, _) = month(at: after)
    {
      var last = afterSecond
      var secondYear = firstYear
      if let (year, afterYear) = trailingYear(at: last) {
        secondYear = year
        last = afterYear
      }
      return DateExpression(
        tokens: i..<last, start: StatedDay(day: firstDay, month: firstMonth, year: firstYear),
        end: StatedDay(day: value, month: secondMonth, year: secondYear))
    }
    return DateExpression(
      tokens: i..<end, start: StatedDay(day: firstDay, month: firstMonth, year: firstYear))
  }

  /// `November 19, 2019`, `November 19 and 20`, `April 16-17`, `January 30 - February 1, 2020`.
  private func monthFirst(at i: Int) -> DateExpression? {
    guard let (firstMonth, afterMonth, _) = month(at: i), !text.tokens[i].isArabic,
      context.sameSentence(i, afterMonth), let (firstDay, afterDay) = day(at: afterMonth)
    else { return nil }
    var endDay: StatedDay?
    var end = afterDay
    if let next = connector(at: afterDay) {
      if let (value, after) = day(at: next) {
        endDay = StatedDay(day: value, month: firstMonth)
        end = after
      } else if let (secondMonth, afterSecond, _) = month(at: next), let (value, after) = day(at: afterSecond)
      {
        endDay = StatedDay(day: value, month: secondMonth)
        end = after
      }
    }
    var year: Int?
    if let (value, after) = trailingYear(at: end) {
      year = value
      end = after
    }
    var start = StatedDay(day: firstDay, month: firstMonth)
    if endDay != nil {
      endDay?.year = year
    } else {
      start.year = year
    }
    return DateExpression(tokens: i..<end, start: start, end: endDay)
  }
}
