import Domain

/// A day as a text states it: the year may be missing (`19 November`).
struct StatedDay: Hashable, Sendable {
  var day: Int
  var month: Int
  var year: Int?
}

/// A date or a range of dates found in a text, as token positions and the days it states.
struct DateExpression: Sendable {
  /// The tokens the expression spans.
  var tokens: Range<Int>
  /// The first day; for a single date, the only one.
  var start: StatedDay
  /// The last day of a range.
  var end: StatedDay?
}

/// Turns stated days into calendar dates: a day without a year takes the publication's year,
/// or the year before when that would put it after the publication (the contract's rule).
enum YearInference {
  /// How far after its publication a release may name a day of the publication's year: a
  /// preview announces a meeting days or weeks ahead (`a meeting on November 15`, published on
  /// 11 November); a day further on is last year's (`On December 30`, published in January).
  static let daysAhead = 60

  /// The calendar date of a stated day, or nil when no year can be known or the day does not exist.
  static func resolve(_ day: StatedDay, published: PublicationReference?) -> CalendarDate? {
    if let year = day.year { return CalendarDate(year: year, month: day.month, day: day.day) }
    guard let published else { return nil }
    if let date = CalendarDate(year: published.year, month: day.month, day: day.day),
      date <= published.latest.adding(days: daysAhead)
    {
      return date
    }
    return CalendarDate(year: published.year - 1, month: day.month, day: day.day)
  }

  /// The dates of a range: the end by the rule above, and a start without a year in the end's
  /// year (the year before when the range crosses a new year: `30 December to 2 January`). A
  /// range the publication falls within (a release dated on a meeting's first day) keeps the
  /// publication's year.
  static func resolve(_ expression: DateExpression, published: PublicationReference?) -> (
    CalendarDate, CalendarDate
  )? {
    guard let endDay = expression.end else {
      guard let date = resolve(expression.start, published: published) else { return nil }
      return (date, date)
    }
    var startDay = expression.start
    var lastDay = endDay
    if let published, startDay.year == nil, lastDay.year == nil,
      let start = CalendarDate(year: published.year, month: startDay.month, day: startDay.day),
      let end = CalendarDate(year: published.year, month: lastDay.month, day: lastDay.day),
      start <= published.latest, published.latest < end
    {
      return (start, end)
    }
    guard let end = resolve(endDay, published: published) else { return nil }
    lastDay.year = end.year
    if startDay.year == nil {
      startDay.year = (startDay.month, startDay.day) > (endDay.month, endDay.day) ? end.year - 1 : end.year
    }
    guard let start = resolve(startDay, published: published), start <= end else { return nil }
    return (start, end)
  }
}
