import Domain

/// What a response's `Content-Type` header says: the media type and, when given, the charset.
///
/// Only what the header says: the charset the ingester finally uses (header, BOM, XML
/// declaration, `<meta>`) is decided by the Feeds reader, which gets this as its first clue.
package struct ContentType: Hashable, Sendable {
  /// The media type, lowercased, as `application/rss+xml`.
  package var mediaType: String
  /// The `charset` parameter as sent (quotes removed, case kept); nil when absent or empty.
  package var charset: String?

  /// A content type.
  package init(mediaType: String, charset: String? = nil) {
    self.mediaType = mediaType
    self.charset = charset
  }

  /// Parses a `Content-Type` value (RFC 9110 §8.3): `type/subtype *( ; name=value )`.
  ///
  /// Returns nil when there is no `type/subtype`.
  package init?(headerValue: String) {
    let parts = headerValue.split(separator: ";", omittingEmptySubsequences: false)
    guard let first = parts.first else { return nil }
    let media = first.trimmingSpaces.lowercased()
    guard let slash = media.firstIndex(of: "/"), slash != media.startIndex,
      media.index(after: slash) != media.endIndex
    else { return nil }
    mediaType = media
    charset = nil
    for parameter in parts.dropFirst() {
      guard let equals = parameter.firstIndex(of: "=") else { continue }
      let name = parameter[..<equals].trimmingSpaces.lowercased()
      guard name == "charset" else { continue }
      var value = Substring(parameter[parameter.index(after: equals)...].trimmingSpaces)
      if value.count >= 2, value.first == "\"", value.last == "\"" { value = value.dropFirst().dropLast() }
      let trimmed = value.trimmingSpaces
      charset = trimmed.isEmpty ? nil : trimmed
      break
    }
  }
}

extension Capture {
  /// The final response's `Content-Type`, parsed; nil when absent or unreadable.
  package var contentType: ContentType? {
    responseHeader("Content-Type").flatMap(ContentType.init(headerValue:))
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs (HTTP's optional whitespace).
  var trimmingSpaces: String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
    guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[start...end])
  }
}
