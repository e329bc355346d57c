import Foundation

/// A forgiving tokenizer for XML and tag-soup HTML over UTF-8 bytes.
///
/// It never recurses, never reads a file or URL, resolves the five XML entities, every HTML5
/// named reference and internal DTD entities (within an expansion budget), and reports where
/// input ended inside a construct so that a truncated feed names the line of its break.
struct MarkupTokenizer {
  /// The UTF-8 text being read.
  let bytes: [UInt8]
  /// XML or HTML rules.
  let dialect: MarkupDialect
  /// The current byte offset.
  private(set) var position = 0
  /// Entities the DOCTYPE declared.
  private(set) var declared = DeclaredEntities()
  /// Remaining entity expansion work (bytes produced plus references followed).
  private var expansionBudget = 1_000_000
  /// In HTML, after `<script>`/`<style>` (raw) or `<title>`/`<textarea>` (decoded): the element
  /// whose end tag ends the text.
  private var rawTextElement: (name: String, decode: Bool)?

  /// The longest nesting of entity references followed before refusing.
  static let maximumEntityDepth = 12

  /// Creates a tokenizer over UTF-8 text.
  init(bytes: [UInt8], dialect: MarkupDialect) {
    self.bytes = bytes
    self.dialect = dialect
  }

  /// The next token, nil at the end of the input.
  mutating func next() throws(MarkupError) -> MarkupToken? {
    if let raw = rawTextElement {
      rawTextElement = nil
      if let token = rawText(until: raw.name, decode: raw.decode) { return token }
    }
    while position < bytes.count {
      let start = position
      guard bytes[position] == UInt8(ascii: "<") else { return try text() }
      guard position + 1 < bytes.count else {
        position += 1
        return .text([UInt8(ascii: "<")], offset: start)
      }
      let next = bytes[position + 1]
      if Self.isNameStart(next) {
        if let token = try startTag() { return token }
        continue
      }
      if next == UInt8(ascii: "/") {
        if let token = try endTag() { return token }
        continue
      }
      if next == UInt8(ascii: "!") {
        if let token = try declaration() { return token }
        continue
      }
      if next == UInt8(ascii: "?") {
        try skip(past: "?>", what: "processing instruction")
        continue
      }
      return try text()
    }
    return nil
  }

  // MARK: - Text

  /// Character data up to the next tag; a `<` that starts no tag is text.
  private mutating func text() throws(MarkupError) -> MarkupToken {
    let start = position
    var out: [UInt8] = []
    out.reserveCapacity(64)
    while position < bytes.count {
      let byte = bytes[position]
      if byte == UInt8(ascii: "<"), position > start || out.count > 0 {
        if position + 1 < bytes.count {
          let next = bytes[position + 1]
          if Self.isNameStart(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
            || next == UInt8(ascii: "?")
          {
            break
          }
        }
      }
      if byte == UInt8(ascii: "&") {
        try reference(into: &out, inAttribute: false)
      } else if byte == UInt8(ascii: "\r") {
        out.append(UInt8(ascii: "\n"))
        position += 1
        if position < bytes.count, bytes[position] == UInt8(ascii: "\n") { position += 1 }
      } else {
        // Copy the run of ordinary bytes up to the next `<`, `&` or CR at once.
        let run = position
        position += 1
        while position < bytes.count {
          let current = bytes[position]
          if current == UInt8(ascii: "<") || current == UInt8(ascii: "&") || current == UInt8(ascii: "\r") {
            break
          }
          position += 1
        }
        out.append(contentsOf: bytes[run..<position])
      }
    }
    return .text(out, offset: start)
  }

  /// The text of a raw-text element (HTML `<script>`, `<style>`, `<title>`) up to its end tag.
  private mutating func rawText(until name: String, decode: Bool) -> MarkupToken? {
    let start = position
    let closing = Array("</\(name)".utf8)
    var end = bytes.count
    var index = position
    while index + closing.count <= bytes.count {
      if bytes[index] == UInt8(ascii: "<"), bytes[index + 1] == UInt8(ascii: "/") {
        var matches = true
        for offset in 2..<closing.count where Self.lower(bytes[index + offset]) != closing[offset] {
          matches = false
          break
        }
        if matches {
          end = index
          break
        }
      }
      index += 1
    }
    position = end
    guard end > start else { return nil }
    if !decode { return .text(Array(bytes[start..<end]), offset: start) }
    var out: [UInt8] = []
    var sub = MarkupTokenizer(bytes: Array(bytes[start..<end]), dialect: .html)
    while sub.position < sub.bytes.count {
      if sub.bytes[sub.position] == UInt8(ascii: "&") {
        do { try sub.reference(into: &out, inAttribute: false) } catch { break }
      } else {
        out.append(sub.bytes[sub.position])
        sub.position += 1
      }
    }
    return .text(out, offset: start)
  }

  // MARK: - References

  /// Decodes the reference at `position` (which holds `&`) into `out`, or copies the `&` as text
  /// when no reference is there.
  private mutating func reference(into out: inout [UInt8], inAttribute: Bool) throws(MarkupError) {
    let start = position
    position += 1
    guard position < bytes.count else {
      out.append(UInt8(ascii: "&"))
      return
    }
    if bytes[position] == UInt8(ascii: "#") {
      if let code = numericReference() {
        Transcoder.appendUTF8(code, to: &out)
      } else {
        position = start + 1
        out.append(UInt8(ascii: "&"))
      }
      return
    }
    var end = position
    while end < bytes.count, end - position <= 64, Self.isNameByte(bytes[end]) { end += 1 }
    let name = String(decoding: bytes[position..<end], as: UTF8.self)
    if end < bytes.count, bytes[end] == UInt8(ascii: ";"), !name.isEmpty {
      position = end + 1
      if try expand(name, into: &out, depth: 0) { return }
      if let value = HTMLEntities.bytes(for: name + ";") {
        out.append(contentsOf: value)
        return
      }
    } else if dialect == .html, !name.isEmpty {
      // Legacy references without `;`: the longest known prefix, except in an attribute when a
      // letter, digit or `=` follows (a URL's query string).
      var length = min(name.utf8.count, 8)
      while length >= 2 {
        let candidate = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        if let value = HTMLEntities.bytes(for: candidate) {
          let after = position + length
          let follows = after < bytes.count ? bytes[after] : 0
          if inAttribute, Self.isNameByte(follows) || follows == UInt8(ascii: "=") { break }
          position = after
          out.append(contentsOf: value)
          return
        }
        length -= 1
      }
    }
    position = start + 1
    out.append(UInt8(ascii: "&"))
  }

  /// Reads `#123;` or `#x1F;` after `&`; nil (position unspecified) when it is not one.
  private mutating func numericReference() -> UInt32? {
    var index = position + 1
    var radix: UInt32 = 10
    if index < bytes.count, bytes[index] == UInt8(ascii: "x") || bytes[index] == UInt8(ascii: "X") {
      radix = 16
      index += 1
    }
    var value: UInt32 = 0
    var digits = 0
    while index < bytes.count, let digit = Self.digit(bytes[index], radix: radix) {
      if value <= 0x10FFFF { value = value * radix + digit }
      digits += 1
      index += 1
    }
    guard digits > 0 else { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: ";") {
      index += 1
    } else if dialect == .xml {
      return nil
    }
    position = index
    return Self.scalar(for: value, dialect: dialect)
  }

  /// The code point a numeric reference stands for: U+FFFD for what is no character, and
  /// windows-1252's reading of 0x80–0x9F (`&#146;` is a right quote), as browsers read them.
  ///
  /// HTML follows the HTML standard's numeric character reference end state: `&#0;`,
  /// surrogates and values past U+10FFFF become U+FFFD, other controls (`&#27;`) are kept
  /// as the standard says (a parse error, not a replacement); the command line shows them
  /// visibly. XML also replaces every reference to what XML 1.0's `Char` production
  /// excludes — the C0 controls but tab, LF and CR, U+FFFE, U+FFFF — with U+FFFD: a
  /// well-formedness error that would otherwise refuse the whole feed for one reference.
  static func scalar(for value: UInt32, dialect: MarkupDialect) -> UInt32 {
    if dialect == .xml, !isXMLChar(value) { return 0xFFFD }
    if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return 0xFFFD }
    if (0x80...0x9F).contains(value) {
      let mapped = SingleByteTables.windows1252[Int(value - 0x80)]
      if mapped != 0 { return UInt32(mapped) }
    }
    return value
  }

  /// XML 1.0's `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
  static func isXMLChar(_ value: UInt32) -> Bool {
    switch value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }

  /// `bytes` with each raw control byte XML 1.0 forbids (C0 but tab, LF and CR) replaced by
  /// U+FFFD, as references to them are; the same bytes when there is none (most inputs,
  /// found eight bytes at a time). Line numbers stay those of the input.
  static func replacingForbiddenControls(_ bytes: [UInt8]) -> [UInt8] {
    func forbidden(_ byte: UInt8) -> Bool { byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D }
    let any = bytes.withUnsafeBufferPointer { buffer -> Bool in
      guard let base = buffer.baseAddress else { return false }
      var offset = 0
      while offset + 8 <= buffer.count {
        let word = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self)
        // No byte below 0x20 in these eight: skip them.
        if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 != 0 {
          for index in offset..<(offset + 8) where forbidden(base[index]) { return true }
        }
        offset += 8
      }
      return buffer[offset...].contains(where: forbidden)
    }
    guard any else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    for byte in bytes {
      if forbidden(byte) { out += [0xEF, 0xBF, 0xBD] } else { out.append(byte) }
    }
    return out
  }

  /// Expands an XML-predefined or DTD-declared entity; false when the name is neither.
  private mutating func expand(_ name: String, into out: inout [UInt8], depth: Int) throws(MarkupError)
    -> Bool
  {
    switch name {
    case "lt": out.append(UInt8(ascii: "<"))
    case "gt": out.append(UInt8(ascii: ">"))
    case "amp": out.append(UInt8(ascii: "&"))
    case "quot": out.append(UInt8(ascii: "\""))
    case "apos": out.append(UInt8(ascii: "'"))
    default:
      guard let definition = declared.definitions[name] else { return false }
      switch definition {
      case .external(let system):
        throw MarkupError(
          offset: position,
          problem: "external entity &\(name); (\(system)) refused: inputs never read files or URLs")
      case .internal(let value):
        guard depth < Self.maximumEntityDepth else {
          throw MarkupError(offset: position, problem: "entity &\(name); nests too deeply (entity loop?)")
        }
        expansionBudget -= 1 + value.count
        guard expansionBudget > 0 else {
          throw MarkupError(
            offset: position, problem: "entity expansion limit exceeded at &\(name); (entity bomb refused)")
        }
        var index = 0
        while index < value.count {
          let byte = value[index]
          guard byte == UInt8(ascii: "&") else {
            out.append(byte)
            index += 1
            continue
          }
          var end = index + 1
          while end < value.count, Self.isNameByte(value[end]) || value[end] == UInt8(ascii: "#") { end += 1 }
          guard end < value.count, value[end] == UInt8(ascii: ";"), end > index + 1 else {
            out.append(byte)
            index += 1
            continue
          }
          let inner = String(decoding: value[(index + 1)..<end], as: UTF8.self)
          index = end + 1
          if inner.hasPrefix("#") {
            let hex = inner.hasPrefix("#x") || inner.hasPrefix("#X")
            let digits = inner.dropFirst(hex ? 2 : 1)
            let code = UInt32(digits, radix: hex ? 16 : 10) ?? 0
            Transcoder.appendUTF8(Self.scalar(for: code, dialect: dialect), to: &out)
          } else if try !expand(inner, into: &out, depth: depth + 1) {
            if let html = HTMLEntities.bytes(for: inner + ";") {
              out.append(contentsOf: html)
            } else {
              out.append(contentsOf: Array("&\(inner);".utf8))
            }
          }
        }
      }
    }
    return true
  }

  // MARK: - Tags

  /// Reads `<name attr=…>`; nil when HTML input ends inside the tag (dropped).
  private mutating func startTag() throws(MarkupError) -> MarkupToken? {
    let start = position
    position += 1
    let name = readName()
    var attributes: [MarkupAttribute] = []
    var selfClosing = false
    while true {
      skipSpace()
      guard position < bytes.count else {
        if dialect == .xml { throw MarkupError(offset: start, problem: "input ends inside tag <\(name)>") }
        return nil
      }
      let byte = bytes[position]
      if byte == UInt8(ascii: ">") {
        position += 1
        break
      }
      if byte == UInt8(ascii: "/") {
        position += 1
        if position < bytes.count, bytes[position] == UInt8(ascii: ">") {
          selfClosing = true
          position += 1
          break
        }
        continue
      }
      if byte == UInt8(ascii: "<"), dialect == .html {
        break
      }
      let attributeName = readName()
      if attributeName.isEmpty {
        position += 1
        continue
      }
      skipSpace()
      var value = ""
      if position < bytes.count, bytes[position] == UInt8(ascii: "=") {
        position += 1
        skipSpace()
        value = try attributeValue()
      }
      if !attributes.contains(where: { $0.name == attributeName }) {
        attributes.append(MarkupAttribute(name: attributeName, value: value))
      }
    }
    if dialect == .html, !selfClosing {
      switch name {
      case "script", "style": rawTextElement = (name, false)
      case "title", "textarea": rawTextElement = (name, true)
      default: break
      }
    }
    return .startTag(name: name, attributes: attributes, selfClosing: selfClosing, offset: start)
  }

  /// Reads `</name>`; nil when it is not a well-formed end tag (skipped).
  private mutating func endTag() throws(MarkupError) -> MarkupToken? {
    let start = position
    position += 2
    let name = readName()
    while position < bytes.count, bytes[position] != UInt8(ascii: ">") { position += 1 }
    guard position < bytes.count else {
      if dialect == .xml { throw MarkupError(offset: start, problem: "input ends inside end tag </\(name)>") }
      return nil
    }
    position += 1
    return name.isEmpty ? nil : .endTag(name: name, offset: start)
  }

  /// Comments, CDATA sections and DOCTYPE declarations; returns CDATA as text.
  private mutating func declaration() throws(MarkupError) -> MarkupToken? {
    let start = position
    if starts(with: "<!--") {
      position += 4
      try skip(past: "-->", what: "comment")
      return nil
    }
    if starts(with: "<![CDATA[") {
      position += 9
      let contentStart = position
      guard let end = find("]]>") else {
        if dialect == .xml {
          position = bytes.count
          throw MarkupError(offset: start, problem: "unterminated CDATA section")
        }
        position = bytes.count
        return .text(Array(bytes[contentStart...]), offset: start)
      }
      position = end + 3
      return .text(Array(bytes[contentStart..<end]), offset: start)
    }
    if startsCaseInsensitive(with: "<!doctype") {
      try doctype()
      return nil
    }
    try skip(past: ">", what: "declaration")
    return nil
  }

  /// Skips `<!DOCTYPE …>`, reading entity declarations from its internal subset.
  private mutating func doctype() throws(MarkupError) {
    let start = position
    var quote: UInt8 = 0
    while position < bytes.count {
      let byte = bytes[position]
      if quote != 0 {
        if byte == quote { quote = 0 }
      } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        quote = byte
      } else if byte == UInt8(ascii: "[") {
        let subsetStart = position + 1
        var index = subsetStart
        var inner: UInt8 = 0
        while index < bytes.count {
          let current = bytes[index]
          if inner != 0 {
            if current == inner { inner = 0 }
          } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
            inner = current
          } else if current == UInt8(ascii: "]") {
            break
          }
          index += 1
        }
        guard index < bytes.count else {
          position = bytes.count
          throw MarkupError(offset: start, problem: "input ends inside the DOCTYPE declaration")
        }
        declared.parse(subset: bytes[subsetStart..<index])
        position = index
      } else if byte == UInt8(ascii: ">") {
        position += 1
        return
      }
      position += 1
    }
    if dialect == .xml {
      throw MarkupError(offset: start, problem: "input ends inside the DOCTYPE declaration")
    }
  }

  // MARK: - Small readers

  private mutating func attributeValue() throws(MarkupError) -> String {
    guard position < bytes.count else { return "" }
    var out: [UInt8] = []
    let quote = bytes[position]
    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
      position += 1
      while position < bytes.count, bytes[position] != quote {
        let byte = bytes[position]
        if byte == UInt8(ascii: "&") {
          try reference(into: &out, inAttribute: true)
        } else {
          out.append(byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0x20 : byte)
          position += 1
        }
      }
      if position < bytes.count {
        position += 1
      } else if dialect == .xml {
        throw MarkupError(offset: position, problem: "input ends inside an attribute value")
      }
    } else {
      while position < bytes.count, !Self.isSpace(bytes[position]), bytes[position] != UInt8(ascii: ">") {
        if bytes[position] == UInt8(ascii: "&") {
          try reference(into: &out, inAttribute: true)
        } else {
          out.append(bytes[position])
          position += 1
        }
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  private mutating func readName() -> String {
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if Self.isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
        || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "<")
      {
        break
      }
      position += 1
    }
    // Names are short: most fit a small string, so only an HTML name with capitals allocates.
    if dialect == .html, bytes[start..<position].contains(where: { $0 >= 0x41 && $0 <= 0x5A }) {
      return String(decoding: bytes[start..<position].map(Self.lower), as: UTF8.self)
    }
    return String(decoding: bytes[start..<position], as: UTF8.self)
  }

  private mutating func skipSpace() {
    while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
  }

  private mutating func skip(past terminator: StaticString, what: String) throws(MarkupError) {
    let start = position
    if let end = find(terminator) {
      position = end + terminator.utf8CodeUnitCount
      return
    }
    position = bytes.count
    if dialect == .xml { throw MarkupError(offset: start, problem: "unterminated \(what)") }
  }

  private func find(_ needle: StaticString) -> Int? {
    let count = needle.utf8CodeUnitCount
    return needle.withUTF8Buffer { target -> Int? in
      guard count > 0 else { return nil }
      return bytes.withUnsafeBufferPointer { hay -> Int? in
        guard let base = hay.baseAddress else { return nil }
        var index = position
        let first = target[0]
        // Each candidate's first byte is found with memchr (a CDATA section or comment is read
        // in one search instead of a comparison a byte).
        while index + count <= hay.count {
          let searched = hay.count - count + 1 - index
          guard let found = memchr(base + index, Int32(first), searched) else { return nil }
          index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
          var matched = true
          for offset in 1..<max(count, 1) where hay[index + offset] != target[offset] {
            matched = false
            break
          }
          if matched { return index }
          index += 1
        }
        return nil
      }
    }
  }

  private func starts(with prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    return prefix.withUTF8Buffer { bytes[position..<(position + count)].elementsEqual($0) }
  }

  private func startsCaseInsensitive(with prefix: StaticString) -> Bool {
    let count = prefix.utf8CodeUnitCount
    guard position + count <= bytes.count else { return false }
    return prefix.withUTF8Buffer { bytes[position..<(position + count)].map(Self.lower).elementsEqual($0) }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
  }

  static func isNameStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
      || byte == UInt8(ascii: ":") || byte >= 0x80
  }

  static func isNameByte(_ byte: UInt8) -> Bool {
    isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: "-")
      || byte == UInt8(ascii: ".")
  }

  static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

  private static func digit(_ byte: UInt8, radix: UInt32) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x41...0x46 where radix == 16: return UInt32(byte - 0x41 + 10)
    case 0x61...0x66 where radix == 16: return UInt32(byte - 0x61 + 10)
    default: return nil
    }
  }
}
