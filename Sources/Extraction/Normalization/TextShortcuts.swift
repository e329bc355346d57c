import Foundation

/// Shortcuts past Foundation for text that needs nothing done: NFC that is already NFC,
/// trimming without NSString. Each says exactly when it applies; otherwise callers take the
/// Foundation path they always took.
enum TextShortcuts {
  /// Whether `text` is certainly NFC already: every scalar is a starter (combining class 0)
  /// that never composes with a neighbour and has no canonical decomposition NFC would undo.
  /// False means "not known", not "not NFC".
  static func isKnownNFC(_ text: some StringProtocol) -> Bool {
    if let known = text.utf8.withContiguousStorageIfAvailable(isKnownNFC(utf8:)) { return known }
    return Array(text.utf8).withUnsafeBufferPointer(isKnownNFC(utf8:))
  }

  /// ``isKnownNFC(_:)`` over valid UTF-8 bytes: ASCII eight bytes at a time, other scalars
  /// decoded in place.
  static func isKnownNFC(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = utf8.baseAddress else { return true }
    let count = utf8.count
    var i = 0
    while i < count {
      if i + 8 <= count,
        UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
        continue
      }
      let lead = base[i]
      if lead < 0x80 {
        i += 1
        continue
      }
      // Two bytes (Latin, Arabic: most non-ASCII text), decoded without the general loop.
      if lead < 0xE0, i + 2 <= count {
        if !isStableStarter(UInt32(lead & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F)) { return false }
        i += 2
        continue
      }
      let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
      guard i + length <= count else { return false }
      var value = UInt32(lead) & (0xFF >> (length + 1))
      for k in 1..<length { value = value << 6 | UInt32(base[i + k] & 0x3F) }
      if !isStableStarter(value) { return false }
      i += length
    }
    return true
  }

  /// Whether the UTF-8 of `text` holds `byte` (memchr where the bytes are contiguous).
  static func utf8(of text: some StringProtocol, contains byte: UInt8) -> Bool {
    text.utf8.withContiguousStorageIfAvailable { buffer in
      guard let base = buffer.baseAddress else { return false }
      return memchr(base, Int32(byte), buffer.count) != nil
    } ?? text.utf8.contains(byte)
  }

  /// Scalars NFC leaves alone whatever surrounds them: below U+0300, Arabic letters, digits
  /// and punctuation (not its marks), spaces and format characters of General Punctuation,
  /// Arabic presentation forms. (A test checks each, and every pair.)
  static func isStableStarter(_ value: UInt32) -> Bool {
    switch value {
    case 0...0x2FF, 0x0600...0x060F, 0x061B...0x064A, 0x0660...0x066F, 0x0671...0x06D5, 0x06E5...0x06E6,
      0x06EE...0x06FF, 0x2002...0x206F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
      return true
    default:
      return false
    }
  }

  /// Whether `value` is in `CharacterSet.whitespacesAndNewlines` (a test checks all of
  /// Unicode): tab to carriage return, space, U+0085, U+00A0, U+1680, U+2000–U+200B,
  /// U+2028, U+2029, U+202F, U+205F, U+3000.
  static func isWhitespaceOrNewline(_ value: UInt32) -> Bool {
    switch value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
      return true
    default:
      return false
    }
  }

  /// `text` without leading and trailing scalars for which `trim` holds, as
  /// `trimmingCharacters(in:)` gives it for a set of BMP scalars.
  static func trimming(_ text: Substring, where trim: (UInt32) -> Bool) -> String {
    let scalars = text.unicodeScalars
    var start = scalars.startIndex
    var end = scalars.endIndex
    while start < end, trim(scalars[start].value) { start = scalars.index(after: start) }
    while start < end {
      let before = scalars.index(before: end)
      guard trim(scalars[before].value) else { break }
      end = before
    }
    return String(scalars[start..<end])
  }

  /// `text` split at `\n` (which, with no `\r` in the text, is always a `Character` of its own),
  /// empty pieces kept.
  static func lines(_ text: String) -> [Substring] {
    let utf8 = text.utf8
    // Offsets of the line breaks, found with memchr where the bytes are contiguous.
    let breaks: [Int]? = utf8.withContiguousStorageIfAvailable { buffer in
      var out: [Int] = []
      guard let base = buffer.baseAddress else { return out }
      var from = 0
      while from < buffer.count, let found = memchr(base + from, 0x0A, buffer.count - from) {
        let offset = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        out.append(offset)
        from = offset + 1
      }
      return out
    }
    guard let breaks else { return linesByIteration(text) }
    var lines: [Substring] = []
    lines.reserveCapacity(breaks.count + 1)
    var start = utf8.startIndex
    var previous = 0
    for offset in breaks {
      let end = utf8.index(start, offsetBy: offset - previous)
      lines.append(text[start..<end])
      start = utf8.index(after: end)
      previous = offset + 1
    }
    lines.append(text[start...])
    return lines
  }

  /// ``lines(_:)`` for a String whose UTF-8 is not contiguous (a bridged one).
  static func linesByIteration(_ text: String) -> [Substring] {
    var lines: [Substring] = []
    let utf8 = text.utf8
    var start = utf8.startIndex
    var index = start
    for byte in utf8 {
      if byte == 0x0A {
        lines.append(text[start..<index])
        start = utf8.index(after: index)
      }
      utf8.formIndex(after: &index)
    }
    lines.append(text[start...])
    return lines
  }
}
