import Domain
import Foundation

/// Builds a document's stored text from an item: title line, date line (a text dump's
/// natural-language date), body paragraphs with boilerplate removed; NFC, `\n` line ends,
/// one blank line between paragraphs, no trailing blanks.
struct DocumentBuilder {
  let data: LanguageData

  /// What the body said about translation, found while removing boilerplate.
  struct Body {
    var paragraphs: [String] = []
    var isTranslation = false
    var originalLink: String?
    var sawOriginalLinkLine = false
  }

  func text(title: String?, dateLine: String?, body: Body) -> String {
    var blocks: [String] = []
    if let title = title.map({ clean($0) }), !title.isEmpty { blocks.append(title) }
    if let dateLine = dateLine.map({ clean($0) }), !dateLine.isEmpty { blocks.append(dateLine) }
    blocks += body.paragraphs
    return blocks.joined(separator: "\n\n")
  }

  /// The body's paragraphs without boilerplate; lines equal to the title or date line (a dump
  /// repeats them) are dropped too.
  func body(_ raw: String, title: String?, dateLine: String?) -> Body {
    let rules = data.boilerplate
    let repeated = [title, dateLine].compactMap { $0.map { LineKey($0) } }.filter { !$0.isEmpty }
    var result = Body()
    var paragraph: [String] = []
    func flush() {
      if !paragraph.isEmpty { result.paragraphs.append(paragraph.joined(separator: "\n")) }
      paragraph.removeAll()
    }
    let (lines, isNFC) = normalizedLines(raw)
    for line in lines {
      let cleaned = clean(line, isNFC: isNFC)
      if cleaned.isEmpty {
        flush()
        continue
      }
      var key = LineKey(cleaned, limit: rules.longestPlainKey)
      // A truncated key answers for plain scalars only; otherwise the String rules decide.
      if key.isTruncated && !key.isPlain { key = LineKey(cleaned) }
      if key.isEmpty && !cleaned.contains(where: { $0.isNumber || $0.isLetter }) {
        // Punctuation-only lines (`&nbsp;`, `*`) carry nothing.
        flush()
        continue
      }
      if rules.translationNotices.contains(where: { key.hasPrefix($0) }) {
        result.isTranslation = true
        continue
      }
      if rules.originalLinkPrefixes.contains(where: { key.hasPrefix($0) }) {
        result.isTranslation = true
        result.sawOriginalLinkLine = true
        if let url = firstURL(in: cleaned) { result.originalLink = url }
        continue
      }
      if rules.dropEquals.contains(where: { key.equals($0) })
        || rules.dropPrefixes.contains(where: { key.hasPrefix($0) })
        || isRepeated(key, of: cleaned, repeated) || isLanguageSwitcher(key, of: cleaned)
      {
        continue
      }
      paragraph.append(cleaned)
    }
    flush()
    return result
  }

  /// Whether the line is the title or the date line again. Those keys may be longer than a
  /// truncated `key`: the whole key is made for the lines that start like one of them.
  private func isRepeated(_ key: LineKey, of line: String, _ repeated: [LineKey]) -> Bool {
    guard key.isTruncated else { return repeated.contains { key.equals($0) } }
    // The truncated key's last scalar may still join what follows into one Character.
    let settled = key.scalars.dropLast()
    guard repeated.contains(where: { !$0.isPlain || $0.scalars.starts(with: settled) }) else { return false }
    let whole = LineKey(line)
    return repeated.contains { whole.equals($0) }
  }

  /// `isLanguageSwitcher(_:)` for a key that may be truncated: the whole key is made only for
  /// a line that starts like a switcher.
  private func isLanguageSwitcher(_ key: LineKey, of line: String) -> Bool {
    guard key.isTruncated else { return isLanguageSwitcher(key) }
    guard data.boilerplate.mayStartLanguageSwitcher(key) else { return false }
    return isLanguageSwitcher(LineKey(line))
  }

  /// A line made only of language names: `English English`, `العربية العربية`.
  private func isLanguageSwitcher(_ key: LineKey) -> Bool {
    let names = data.boilerplate.languageNames
    guard key.isPlain else { return isLanguageSwitcher(key.text, names: names.map(\.text)) }
    // Plain scalars are Characters: a name matches where its scalars do, up to a space or the
    // end. (A name with other scalars cannot start a plain key.)
    let scalars = key.scalars
    var position = 0
    var matched = false
    while position < scalars.count {
      let rest = scalars[position...]
      guard
        let name = names.first(where: { name in
          name.isPlain && rest.starts(with: name.scalars)
            && (rest.count == name.scalars.count || rest[position + name.scalars.count] == 0x20)
        })
      else { return false }
      position += name.scalars.count
      while position < scalars.count, scalars[position] == 0x20 { position += 1 }
      matched = true
    }
    return matched
  }

  /// The String form of the rule above, for keys with other scalars.
  private func isLanguageSwitcher(_ key: String, names: [String]) -> Bool {
    var rest = Substring(key)
    var matched = false
    while !rest.isEmpty {
      guard
        let name = names.first(where: {
          rest.hasPrefix($0) && (rest.count == $0.count || rest.dropFirst($0.count).first == " ")
        })
      else { return false }
      rest = rest.dropFirst(name.count).drop { $0 == " " }
      matched = true
    }
    return matched
  }

  /// `\r\n` and `\r` become `\n`, then NFC, then split into lines; and whether the lines
  /// are known to be NFC.
  private func normalizedLines(_ raw: String) -> (lines: [Substring], isNFC: Bool) {
    if !TextShortcuts.utf8(of: raw, contains: 0x0D), TextShortcuts.isKnownNFC(raw) {
      return (TextShortcuts.lines(raw), true)
    }
    let unified = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    let lines = unified.precomposedStringWithCanonicalMapping.split(
      separator: "\n", omittingEmptySubsequences: false)
    return (lines, false)
  }

  /// NFC, inner whitespace runs kept, leading and trailing blanks (also no-break spaces) removed.
  /// `isNFC` says the line is known to be NFC already (and holds no line break).
  func clean(_ line: some StringProtocol, isNFC: Bool = false) -> String {
    if isNFC
      || (!TextShortcuts.utf8(of: line, contains: 0x0A) && !TextShortcuts.utf8(of: line, contains: 0x0D)
        && TextShortcuts.isKnownNFC(line))
    {
      return TextShortcuts.trimming(Substring(line)) {
        TextShortcuts.isWhitespaceOrNewline($0) || $0 == 0x200B || $0 == 0xFEFF
      }
    }
    let text = String(line).precomposedStringWithCanonicalMapping
      .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    return text.trimmingCharacters(
      in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: "\u{200B}\u{FEFF}")))
  }

  private func firstURL(in line: String) -> String? {
    guard let range = line.range(of: "https://") ?? line.range(of: "http://") else { return nil }
    let url = line[range.lowerBound...].prefix { !$0.isWhitespace }
    return String(url).trimmingCharacters(in: CharacterSet(charactersIn: ".,;)»\""))
  }
}
