/// An instant in UTC with microsecond precision: the archive's transaction time.
///
/// Stored as microseconds since 1970-01-01T00:00:00Z, written in JSON as
/// `2026-11-29T03:18:27.123456Z` so that it round-trips exactly.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Microseconds since the Unix epoch.
  public var microseconds: Int64

  /// Wraps a count of microseconds since the Unix epoch.
  public init(microseconds: Int64) {
    self.microseconds = microseconds
  }

  /// The day this instant falls on, in UTC.
  public var date: CalendarDate {
    CalendarDate(daysSinceEpoch: Int(floorDiv(microseconds, 86_400_000_000)))
  }

  /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
  public var description: String {
    let perDay: Int64 = 86_400_000_000
    let dayMicros = microseconds - floorDiv(microseconds, perDay) * perDay
    let seconds = dayMicros / 1_000_000
    let fraction = dayMicros % 1_000_000
    func pad(_ v: Int64, _ width: Int) -> String {
      let s = String(v)
      return String(repeating: "0", count: max(0, width - s.count)) + s
    }
    return "\(date)T\(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
      + ".\(pad(fraction, 6))Z"
  }

  /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` (also `+00:00`), or a bare date as its midnight.
  public init?(iso text: String) {
    var text = Substring(text)
    if text.hasSuffix("Z") {
      text = text.dropLast()
    } else if text.hasSuffix("+00:00") {
      text = text.dropLast(6)
    }
    guard let date = CalendarDate(iso: text.prefix(10)) else { return nil }
    var micros = Int64(date.daysSinceEpoch) * 86_400_000_000
    let rest = text.dropFirst(10)
    if !rest.isEmpty {
      let parts = rest.dropFirst().split(separator: ".", maxSplits: 1)
      let clock = parts.first?.split(separator: ":") ?? []
      guard rest.first == "T", clock.count == 3,
        let h = Int64(clock[0]), let m = Int64(clock[1]), let s = Int64(clock[2]),
        (0..<24).contains(h), (0..<60).contains(m), (0..<61).contains(s)
      else { return nil }
      micros += ((h * 60 + m) * 60 + s) * 1_000_000
      if parts.count == 2 {
        let digits = parts[1]
        guard !digits.isEmpty, digits.count <= 6, let f = Int64(digits) else { return nil }
        var scaled = f
        for _ in digits.count..<6 { scaled *= 10 }
        micros += scaled
      }
    }
    self.microseconds = micros
  }

  /// Orders chronologically (digests: byte-wise).
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
    lhs.microseconds < rhs.microseconds
  }
}

private func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
  let q = a / b
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}
