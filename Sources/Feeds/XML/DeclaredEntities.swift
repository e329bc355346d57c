/// The general entities a document type declaration's internal subset declares.
///
/// Internal entities are expanded within a budget (an entity bomb stops at once); external ones
/// (`SYSTEM`, `PUBLIC`) are never fetched: referring to one is an error.
struct DeclaredEntities: Sendable {
  /// What a declared name stands for.
  enum Definition: Sendable, Equatable {
    /// Replacement text, as written between the quotes.
    case `internal`([UInt8])
    /// A reference to a file or URL, which the readers refuse to read.
    case external(String)
  }

  /// Declared names → definitions; the first declaration of a name wins, as in XML.
  var definitions: [String: Definition] = [:]

  /// Reads the `<!ENTITY …>` declarations of an internal subset (the text between `[` and `]`).
  mutating func parse(subset bytes: ArraySlice<UInt8>) {
    var index = bytes.startIndex
    let end = bytes.endIndex
    func skipSpace() { while index < end, Self.isSpace(bytes[index]) { index += 1 } }
    func word() -> String {
      let start = index
      while index < end, !Self.isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">"),
        bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "'")
      {
        index += 1
      }
      return String(decoding: bytes[start..<index], as: UTF8.self)
    }
    func quoted() -> ArraySlice<UInt8>? {
      guard index < end, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
        return nil
      }
      let quote = bytes[index]
      index += 1
      let start = index
      while index < end, bytes[index] != quote { index += 1 }
      let value = bytes[start..<index]
      if index < end { index += 1 }
      return value
    }
    func skipDeclaration() {
      while index < end, bytes[index] != UInt8(ascii: ">") {
        if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
          _ = quoted()
        } else {
          index += 1
        }
      }
      if index < end { index += 1 }
    }
    while index < end {
      skipSpace()
      guard index < end else { break }
      if Self.starts(bytes, at: index, with: "<!--") {
        index += 4
        while index < end, !Self.starts(bytes, at: index, with: "-->") { index += 1 }
        index = min(end, index + 3)
      } else if Self.starts(bytes, at: index, with: "<!ENTITY") {
        index += 8
        skipSpace()
        var parameter = false
        if index < end, bytes[index] == UInt8(ascii: "%") {
          parameter = true
          index += 1
          skipSpace()
        }
        let name = word()
        skipSpace()
        var definition: Definition?
        if let value = quoted() {
          definition = .internal(Array(value))
        } else {
          let keyword = word()
          skipSpace()
          if keyword == "SYSTEM" {
            definition = .external(String(decoding: quoted() ?? [], as: UTF8.self))
          } else if keyword == "PUBLIC" {
            _ = quoted()
            skipSpace()
            definition = .external(String(decoding: quoted() ?? [], as: UTF8.self))
          }
        }
        skipDeclaration()
        if !parameter, !name.isEmpty, let definition, definitions[name] == nil {
          definitions[name] = definition
        }
      } else if bytes[index] == UInt8(ascii: "<") {
        skipDeclaration()
      } else {
        index += 1
      }
    }
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
  }

  static func starts(_ bytes: ArraySlice<UInt8>, at index: Int, with text: StaticString) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index + count <= bytes.endIndex else { return false }
    return text.withUTF8Buffer { bytes[index..<(index + count)].elementsEqual($0) }
  }
}
