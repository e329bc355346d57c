import Domain

/// HTTP's dates (RFC 9110 §5.6.7): IMF-fixdate, and the obsolete RFC 850 and asctime forms
/// a recipient must still read. `Retry-After` may carry one.
package enum HTTPDate {
  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  /// The instant `text` names, or nil when it is none of the three forms.
  package static func parse(_ text: String) -> Timestamp? {
    let tokens = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "-" || $0 == "\t" })
    var month: Int?
    var clock: [Int]?
    var numbers: [Substring] = []
    for token in tokens {
      if token.contains(":") {
        let fields = token.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard fields.count == 3, fields.allSatisfy({ $0 != nil }) else { return nil }
        clock = fields.compactMap { $0 }
      } else if token.allSatisfy(\.isNumber) {
        numbers.append(token)
      } else if month == nil, let index = months.firstIndex(of: token.lowercased()) {
        month = index + 1
      }
    }
    guard let month, let clock, numbers.count == 2, let day = Int(numbers[0]), var year = Int(numbers[1])
    else { return nil }
    // RFC 850's two-digit years: RFC 9110 reads one that looks more than 50 years ahead as past.
    if numbers[1].count == 2 { year += year < 70 ? 2000 : 1900 }
    guard let date = CalendarDate(year: year, month: month, day: day), (0..<24).contains(clock[0]),
      (0..<60).contains(clock[1]), (0...60).contains(clock[2])
    else { return nil }
    let seconds = Int64(date.daysSinceEpoch) * 86_400 + Int64(clock[0] * 3600 + clock[1] * 60 + clock[2])
    return Timestamp(microseconds: seconds * 1_000_000)
  }

  /// `Retry-After` (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, as the instant to retry.
  ///
  /// Nil when the value is neither; an instant already past is returned as it is.
  package static func retryAfter(_ value: String, now: Timestamp) -> Timestamp? {
    let trimmed = value.trimmingSpaces
    if !trimmed.isEmpty, trimmed.allSatisfy({ $0.isASCII && $0.isNumber }) {
      // Absurdly long delays are read as the longest one representable, not rejected.
      let seconds = Int64(trimmed) ?? Int64.max / 2_000_000
      return Timestamp(microseconds: now.microseconds + min(seconds, Int64.max / 2_000_000) * 1_000_000)
    }
    return parse(trimmed)
  }

  /// `instant` as an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`): what tests and servers send.
  package static func format(_ instant: Timestamp) -> String {
    let seconds =
      instant.microseconds >= 0
      ? instant.microseconds / 1_000_000 : (instant.microseconds - 999_999) / 1_000_000
    let days = Int(seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    let inDay = Int(seconds - Int64(days) * 86_400)
    let date = instant.date
    let weekday = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][((days % 7) + 7) % 7]
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let month = months[date.month - 1].prefix(1).uppercased() + months[date.month - 1].dropFirst()
    return
      "\(weekday), \(two(date.day)) \(month) \(date.year) \(two(inDay / 3600)):\(two(inDay / 60 % 60)):\(two(inDay % 60)) GMT"
  }
}
