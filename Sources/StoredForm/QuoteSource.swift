import Domain

/// A document's text as the evidence of its facts points into it: by Unicode scalar offsets.
///
/// Payload version 2 leaves out a quote that is exactly the text at its range (most are),
/// and a reader that has the text puts it back. The scalar offsets are found once per text,
/// and only when a quote is asked for.
struct QuoteSource {
  private let utf8: [UInt8]
  /// The UTF-8 offset where each scalar starts, and the text's length last.
  private var starts: [Int32] = []

  /// A source over `text`.
  init(_ text: String) {
    utf8 = Array(text.utf8)
  }

  private mutating func startsFound() -> [Int32] {
    if starts.isEmpty {
      starts.reserveCapacity(utf8.count + 1)
      for (offset, byte) in utf8.enumerated() where byte & 0xC0 != 0x80 { starts.append(Int32(offset)) }
      starts.append(Int32(utf8.count))
    }
    return starts
  }

  /// The UTF-8 bytes of the scalars at `range`, or nil when the range is not in the text.
  private mutating func bytes(at range: Range<Int>) -> ArraySlice<UInt8>? {
    let starts = startsFound()
    guard range.lowerBound >= 0, range.upperBound < starts.count else { return nil }
    return utf8[Int(starts[range.lowerBound])..<Int(starts[range.upperBound])]
  }

  /// Whether `quote` is exactly the text at `range`.
  mutating func matches(_ quote: String, at range: Range<Int>) -> Bool {
    guard let bytes = bytes(at: range) else { return false }
    return quote.utf8.elementsEqual(bytes)
  }

  /// The text at `range`, or nil when the range is not in the text.
  mutating func quote(at range: Range<Int>) -> String? {
    bytes(at: range).map { String(decoding: $0, as: UTF8.self) }
  }
}
