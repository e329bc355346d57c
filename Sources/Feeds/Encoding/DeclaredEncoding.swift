/// Finds the character encoding an input names for itself: its byte-order mark, the byte pattern
/// of `<?xml` in UTF-16/32, the XML declaration's `encoding=`, or an HTML `<meta charset>`.
enum DeclaredEncoding {
  /// How an input's bytes were found to be encoded, and how many leading bytes (a BOM) to skip.
  struct Detection: Equatable {
    /// The encoding.
    var encoding: TextEncoding
    /// The length of the byte-order mark, if any.
    var bomLength: Int
    /// Whether the input said so itself (BOM, declaration, meta), rather than by default.
    var declared: Bool
  }

  /// Detects the encoding of `bytes`; inputs that say nothing are UTF-8, XML's default.
  static func detect(_ bytes: [UInt8]) -> Detection {
    func starts(_ prefix: [UInt8]) -> Bool {
      bytes.count >= prefix.count && Array(bytes[0..<prefix.count]) == prefix
    }
    if starts([0xEF, 0xBB, 0xBF]) { return Detection(encoding: .utf8, bomLength: 3, declared: true) }
    if starts([0xFF, 0xFE, 0, 0]) { return Detection(encoding: .utf32LE, bomLength: 4, declared: true) }
    if starts([0, 0, 0xFE, 0xFF]) { return Detection(encoding: .utf32BE, bomLength: 4, declared: true) }
    if starts([0xFF, 0xFE]) { return Detection(encoding: .utf16LE, bomLength: 2, declared: true) }
    if starts([0xFE, 0xFF]) { return Detection(encoding: .utf16BE, bomLength: 2, declared: true) }
    if starts([0x3C, 0, 0, 0]) { return Detection(encoding: .utf32LE, bomLength: 0, declared: true) }
    if starts([0, 0, 0, 0x3C]) { return Detection(encoding: .utf32BE, bomLength: 0, declared: true) }
    if starts([0x3C, 0, 0x3F, 0]) || starts([0x3C, 0, 0x21, 0]) || starts([0x3C, 0, 0x72, 0]) {
      return Detection(encoding: .utf16LE, bomLength: 0, declared: true)
    }
    if starts([0, 0x3C, 0, 0x3F]) || starts([0, 0x3C, 0, 0x21]) || starts([0, 0x3C, 0, 0x72]) {
      return Detection(encoding: .utf16BE, bomLength: 0, declared: true)
    }
    let head = Array(bytes.prefix(2048))
    if let name = xmlDeclarationEncoding(head) ?? metaCharset(head) {
      return Detection(encoding: TextEncoding(label: name), bomLength: 0, declared: true)
    }
    return Detection(encoding: .utf8, bomLength: 0, declared: false)
  }

  /// The `encoding="…"` pseudo-attribute of a leading `<?xml …?>`, if any.
  static func xmlDeclarationEncoding(_ head: [UInt8]) -> String? {
    var start = 0
    while start < head.count, isSpace(head[start]) { start += 1 }
    guard head.count >= start + 5, head[start..<(start + 5)].elementsEqual("<?xml".utf8) else {
      return nil
    }
    var end = start
    while end + 1 < head.count, !(head[end] == UInt8(ascii: "?") && head[end + 1] == UInt8(ascii: ">")) {
      end += 1
    }
    return attributeValue(named: "encoding", in: head[start..<end])
  }

  /// The charset a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` names.
  static func metaCharset(_ head: [UInt8]) -> String? {
    let lower = head.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    var index = 0
    while let found = find(Array("<meta".utf8), in: lower, from: index) {
      var end = found
      while end < lower.count, lower[end] != UInt8(ascii: ">") { end += 1 }
      let tag = lower[found..<end]
      if let value = attributeValue(named: "charset", in: tag) { return value }
      if let charsetAt = find(Array("charset=".utf8), in: Array(tag), from: 0) {
        let rest = Array(tag)[(charsetAt + 8)...]
        let name = rest.prefix { byte in
          byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: ";")
            && !isSpace(byte) && byte != UInt8(ascii: "/")
        }
        if !name.isEmpty { return String(decoding: name, as: UTF8.self) }
      }
      index = end
    }
    return nil
  }

  private static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  private static func find(_ needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
    guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
    var index = from
    while index <= hay.count - needle.count {
      if hay[index] == needle[0], hay[index..<(index + needle.count)].elementsEqual(needle) { return index }
      index += 1
    }
    return nil
  }

  /// Reads `name="value"` (or single quotes, or bare) out of a tag's bytes.
  private static func attributeValue(named name: String, in tag: ArraySlice<UInt8>) -> String? {
    let bytes = Array(tag)
    let key = Array(name.utf8)
    var from = 0
    while let at = find(key, in: bytes, from: from) {
      from = at + 1
      if at > 0, !isSpace(bytes[at - 1]) { continue }
      var index = at + key.count
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count, bytes[index] == UInt8(ascii: "=") else { continue }
      index += 1
      while index < bytes.count, isSpace(bytes[index]) { index += 1 }
      guard index < bytes.count else { return nil }
      let quote = bytes[index]
      var value: [UInt8] = []
      if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
        index += 1
        while index < bytes.count, bytes[index] != quote {
          value.append(bytes[index])
          index += 1
        }
      } else {
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
          bytes[index] != UInt8(ascii: "/"), bytes[index] != UInt8(ascii: ";")
        {
          value.append(bytes[index])
          index += 1
        }
      }
      let text = String(decoding: value, as: UTF8.self)
      return text.isEmpty ? nil : text
    }
    return nil
  }
}
