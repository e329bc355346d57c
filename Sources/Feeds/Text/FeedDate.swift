import Domain

/// Reads the day out of the machine dates feeds write: RFC 822 (`Wed, 20 Nov 2019 10:00:00 -0500`)
/// and ISO 8601 / W3CDTF (`2019-11-20T10:00:00-05:00`), as written in their own offset.
enum FeedDate {
  /// The calendar day of a feed date, or nil when the text is neither form.
  static func day(_ text: String) -> CalendarDate? {
    let trimmed = text.trimmingASCIISpaces()
    let bytes = Array(trimmed.utf8)
    guard bytes.count >= 8 else { return nil }
    if bytes.prefix(4).allSatisfy(isDigit) {
      return iso(bytes)
    }
    return rfc822(bytes)
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func iso(_ bytes: [UInt8]) -> CalendarDate? {
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard isDigit(byte) else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    if bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
    {
      return CalendarDate(year: year, month: month, day: day)
    }
    if let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
      bytes.count == 8 || !isDigit(bytes[8])
    {
      return CalendarDate(year: year, month: month, day: day)
    }
    return nil
  }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  private static func rfc822(_ bytes: [UInt8]) -> CalendarDate? {
    // Printable ASCII (what feeds write) is read on bytes; anything else, where lowercasing and
    // counting characters are Unicode's, takes the general path below.
    if bytes.allSatisfy({ ($0 > 0x20 && $0 < 0x7F) || $0 == 0x20 || $0 == 0x09 }) {
      return rfc822ASCII(bytes)
    }
    var tokens: [String] = []
    var current: [UInt8] = []
    for byte in bytes {
      if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-") {
        if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
        current.removeAll()
      } else {
        current.append(byte)
      }
    }
    if !current.isEmpty { tokens.append(String(decoding: current, as: UTF8.self)) }
    var day: Int?
    var month: Int?
    var year: Int?
    for token in tokens {
      if token.contains(":") { break }
      let lower = token.lowercased()
      if month == nil, lower.count >= 3, let index = months.firstIndex(of: String(lower.prefix(3))) {
        month = index + 1
      } else if let value = Int(token) {
        if day == nil, month == nil, (1...31).contains(value), token.count <= 2 {
          day = value
        } else if month != nil, day == nil, (1...31).contains(value), token.count <= 2 {
          day = value
        } else if month != nil, year == nil {
          year = token.count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
        }
      }
    }
    guard let day, let month, let year else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  /// ``rfc822(_:)`` for printable ASCII, where a character is a byte: the same tokens and the
  /// same rules, without a string per token.
  private static func rfc822ASCII(_ bytes: [UInt8]) -> CalendarDate? {
    var day: Int?
    var month: Int?
    var year: Int?
    var start = 0
    while start < bytes.count {
      var end = start
      while end < bytes.count, !isSeparator(bytes[end]) { end += 1 }
      defer { start = end + 1 }
      guard end > start else { continue }
      let token = bytes[start..<end]
      if token.contains(UInt8(ascii: ":")) { break }
      let count = token.count
      if month == nil, count >= 3, let index = monthIndex(token) {
        month = index + 1
      } else if let value = Int(String(decoding: token, as: UTF8.self)) {
        if day == nil, month == nil, (1...31).contains(value), count <= 2 {
          day = value
        } else if month != nil, day == nil, (1...31).contains(value), count <= 2 {
          day = value
        } else if month != nil, year == nil {
          year = count <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value
        }
      }
    }
    guard let day, let month, let year else { return nil }
    return CalendarDate(year: year, month: month, day: day)
  }

  private static func isSeparator(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "-")
  }

  /// The index in ``months`` of a token's first three letters, case folded.
  private static func monthIndex(_ token: ArraySlice<UInt8>) -> Int? {
    let prefix = token.prefix(3).lazy.map(MarkupTokenizer.lower)
    return months.firstIndex { $0.utf8.elementsEqual(prefix) }
  }
}
