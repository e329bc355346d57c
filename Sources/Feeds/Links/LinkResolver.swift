import Foundation

/// Makes links absolute against the bases an input gives (`xml:base`, an item's link, `<base>`).
enum LinkResolver {
  /// Whether a reference already names its scheme (`https:`, `mailto:`).
  static func hasScheme(_ reference: String) -> Bool {
    var sawLetter = false
    for byte in reference.utf8 {
      if byte == UInt8(ascii: ":") { return sawLetter }
      let isLetter = (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
      let isOther =
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        || byte == UInt8(ascii: ".")
      if isLetter {
        sawLetter = true
      } else if !(isOther && sawLetter) {
        return false
      }
    }
    return false
  }

  /// `reference` resolved against each base in turn (outermost first); unchanged when no base is
  /// absolute or the reference is already absolute.
  static func resolve(_ reference: String, against bases: [String]) -> String {
    let trimmed = reference.trimmingASCIISpaces()
    if hasScheme(trimmed) { return trimmed }
    var base: URL?
    for candidate in bases {
      let text = candidate.trimmingASCIISpaces()
      if hasScheme(text) {
        base = URL(string: text)
      } else if let current = base {
        base = URL(string: text, relativeTo: current)?.absoluteURL ?? current
      }
    }
    guard let base, let url = URL(string: trimmed, relativeTo: base) else { return trimmed }
    return url.absoluteString
  }

  /// The absolute `http(s)` links among `references`, resolved, without duplicates.
  static func absoluteWebLinks(_ references: [String], against bases: [String]) -> [String] {
    var out: [String] = []
    var seen: Set<String> = []
    for reference in references {
      let link = resolve(reference, against: bases)
      let lower = link.prefix(8).lowercased()
      guard lower.hasPrefix("http://") || lower.hasPrefix("https://") else { continue }
      if seen.insert(link).inserted { out.append(link) }
    }
    return out
  }

  /// `http://` and `https://` URLs written in plain text, without trailing punctuation.
  static func urls(inPlainText text: String) -> [String] {
    let bytes = Array(text.utf8)
    var out: [String] = []
    var seen: Set<String> = []
    var index = 0
    while index + 7 < bytes.count {
      guard bytes[index] == UInt8(ascii: "h"), bytes[index + 1] == UInt8(ascii: "t") else {
        index += 1
        continue
      }
      let isHTTP = bytes[index..<(index + 7)].elementsEqual("http://".utf8)
      let isHTTPS = index + 8 <= bytes.count && bytes[index..<(index + 8)].elementsEqual("https://".utf8)
      guard isHTTP || isHTTPS else {
        index += 1
        continue
      }
      var end = index
      while end < bytes.count, bytes[end] > 0x20, bytes[end] < 0x7F, bytes[end] != UInt8(ascii: "\""),
        bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: ">")
      {
        end += 1
      }
      var trimmedEnd = end
      while trimmedEnd > index, ".,;:!?)]}'".utf8.contains(bytes[trimmedEnd - 1]) { trimmedEnd -= 1 }
      let url = String(decoding: bytes[index..<trimmedEnd], as: UTF8.self)
      if trimmedEnd - index > 8, seen.insert(url).inserted { out.append(url) }
      index = max(end, index + 1)
    }
    return out
  }
}
