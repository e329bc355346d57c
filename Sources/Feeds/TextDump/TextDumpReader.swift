import Domain

/// Reads a feed-item text dump like the seed: a source-kind line (`rss`), the title, a language
/// switcher (`English English`, dropped), a date line, then the body, paragraph by paragraph.
///
/// The body is kept verbatim apart from line ends; boilerplate is for extraction to remove.
enum TextDumpReader {
  /// Reads dump text (already UTF-8).
  static func read(_ bytes: [UInt8], source: String) -> InputReading {
    let lines = splitLines(bytes)
    var index = 0
    // The source-kind line: one short lowercase ASCII word, followed by a blank line.
    if let first = lines.first, isSourceKind(first), lines.count > 1, isBlank(lines[1]) {
      index = 1
    }
    func nextNonBlank(from start: Int) -> Int? {
      var cursor = start
      while cursor < lines.count, isBlank(lines[cursor]) { cursor += 1 }
      return cursor < lines.count ? cursor : nil
    }
    guard let titleIndex = nextNonBlank(from: index) else {
      return InputReader.failed(source, nil, "no title line: the text dump is empty")
    }
    let title = MarkupText.oneLine(lines[titleIndex])
    var bodyStart = titleIndex + 1
    var publishedText: String?
    if let candidate = nextNonBlank(from: bodyStart), isLanguageSwitcher(lines[candidate]) {
      bodyStart = candidate + 1
    }
    if let candidate = nextNonBlank(from: bodyStart), isDateLine(lines[candidate]) {
      publishedText = lines[candidate].trimmingASCIISpaces()
      bodyStart = candidate + 1
    }
    var paragraphs: [String] = []
    var current: [String] = []
    for line in lines[min(bodyStart, lines.count)...] {
      if isBlank(line) {
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        current.removeAll()
      } else {
        current.append(line)
      }
    }
    if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
    let body = paragraphs.joined(separator: "\n\n")
    let item = SourceItem(
      source: source, format: "text-dump", title: title, publishedText: publishedText,
      published: publishedText.flatMap(FeedDate.day), body: body, links: LinkResolver.urls(inPlainText: body))
    return InputReading(format: "text-dump", items: [item])
  }

  /// Lines with `\r\n` and `\r` read as `\n`.
  static func splitLines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x0A || byte == 0x0D {
        lines.append(String(decoding: bytes[start..<index], as: UTF8.self))
        if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
        start = index + 1
      }
      index += 1
    }
    if start < bytes.count { lines.append(String(decoding: bytes[start...], as: UTF8.self)) }
    return lines
  }

  /// Whether a line holds only white space (no-break and other Unicode spaces included).
  static func isBlank(_ line: String) -> Bool {
    line.unicodeScalars.allSatisfy { $0.properties.isWhitespace || $0 == "\u{FEFF}" || $0 == "\u{200B}" }
  }

  /// `rss`, `atom`, `html`…: one lowercase ASCII word of at most 12 letters.
  static func isSourceKind(_ line: String) -> Bool {
    let word = line.trimmingASCIISpaces()
    return !word.isEmpty && word.utf8.count <= 12 && word.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A }
  }

  /// A line that is one language name said twice (`English English`, `العربية العربية`).
  static func isLanguageSwitcher(_ line: String) -> Bool {
    let words = line.split(whereSeparator: { $0.isWhitespace })
    guard words.count >= 2, words.count % 2 == 0, words.count <= 6 else { return false }
    let half = words.count / 2
    guard words[0..<half].elementsEqual(words[half...]) else { return false }
    return words.allSatisfy { word in word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "(" || $0 == ")" } }
  }

  /// A short line (at most 8 words) holding a four-digit year, in ASCII or Arabic-Indic digits.
  static func isDateLine(_ line: String) -> Bool {
    let words = line.split(whereSeparator: { $0.isWhitespace })
    guard !words.isEmpty, words.count <= 8 else { return false }
    var run = 0
    var value = 0
    for character in line + " " {
      if let digit = character.wholeNumberValue, character.isNumber {
        run += 1
        value = min(value * 10 + digit, 100_000)
      } else {
        if run == 4, (1900...2199).contains(value) { return true }
        run = 0
        value = 0
      }
    }
    return false
  }
}
