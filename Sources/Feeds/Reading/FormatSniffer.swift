/// Tells markup from a text dump, and HTML from XML, by the first thing in the text.
enum FormatSniffer {
  /// The family of an input.
  enum Family: Equatable {
    case xml
    case html
    case textDump
  }

  /// Looks past white space, the XML declaration, comments and DOCTYPE at the first element.
  static func sniff(_ bytes: [UInt8]) -> Family {
    var index = 0
    func skipSpace() {
      while index < bytes.count,
        bytes[index] <= 0x20 || bytes[index] == 0xEF || bytes[index] == 0xBB
          || bytes[index] == 0xBF
      {
        index += 1
      }
    }
    func starts(_ text: String, caseInsensitive: Bool = false) -> Bool {
      let needle = Array(text.utf8)
      guard index + needle.count <= bytes.count else { return false }
      for (offset, byte) in needle.enumerated() {
        let actual = caseInsensitive ? MarkupTokenizer.lower(bytes[index + offset]) : bytes[index + offset]
        if actual != byte { return false }
      }
      return true
    }
    func skip(past text: String) {
      let needle = Array(text.utf8)
      while index < bytes.count {
        if starts(text) {
          index += needle.count
          return
        }
        index += 1
      }
    }
    skipSpace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "<") else { return .textDump }
    while index < bytes.count {
      skipSpace()
      if starts("<?") {
        // After an XML declaration the input is XML (XHTML pages go to the HTML reader from there).
        if starts("<?xml") { return .xml }
        skip(past: "?>")
      } else if starts("<!--") {
        skip(past: "-->")
      } else if starts("<!doctype html", caseInsensitive: true) {
        return .html
      } else if starts("<!") {
        // A DOCTYPE with an internal subset is skipped by the XML reader itself.
        return .xml
      } else if starts("<") {
        index += 1
        var name: [UInt8] = []
        while index < bytes.count, MarkupTokenizer.isNameByte(bytes[index]) {
          name.append(MarkupTokenizer.lower(bytes[index]))
          index += 1
        }
        let local = String(decoding: name, as: UTF8.self).split(separator: ":").last.map(String.init) ?? ""
        if ["rss", "feed", "rdf", "channel"].contains(local) { return .xml }
        if ["html", "head", "body", "div", "p", "meta", "title"].contains(local) { return .html }
        return .xml
      } else {
        return .textDump
      }
    }
    return .xml
  }
}
