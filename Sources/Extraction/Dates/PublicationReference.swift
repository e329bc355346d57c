import Domain

/// When a text was published, as precisely as it says: a day (`March 20, 2015`) or only a
/// month (`June 2023`, `آذار/مارس 2015`). A month is enough to give a day without a year its
/// year; only a day can anchor `yesterday`.
struct PublicationReference: Hashable, Sendable {
  let year: Int
  let month: Int
  /// The day, when the text states one.
  let day: Int?

  /// A reference to the day `date`.
  init(_ date: CalendarDate) {
    (year, month, day) = (date.year, date.month, date.day)
  }

  /// A reference to a month only.
  init?(year: Int, month: Int) {
    guard (1...12).contains(month), (1900...2100).contains(year) else { return nil }
    (self.year, self.month, self.day) = (year, month, nil)
  }

  /// The publication day, when the text states one.
  var date: CalendarDate? { day.flatMap { CalendarDate(year: year, month: month, day: $0) } }

  /// The last day the publication can have been: the day, or the month's last day.
  var latest: CalendarDate {
    if let date { return date }
    // The month was checked at init: its last day exists.
    let last = CalendarDate(year: year, month: month, day: CalendarDate.daysIn(month: month, year: year))
    return last ?? CalendarDate(daysSinceEpoch: 0)
  }
}
