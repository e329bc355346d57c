import Domain

/// A character encoding the readers can turn into UTF-8.
enum TextEncoding: Equatable {
  case utf8
  case utf16LE
  case utf16BE
  case utf32LE
  case utf32BE
  /// A single-byte encoding: ASCII below 0x80, a table above.
  case singleByte(name: String, table: SingleByteTable)
  /// A label no table here knows; the bytes are read as UTF-8 if they are valid UTF-8.
  case unknown(String)

  /// Which table a single-byte encoding uses.
  enum SingleByteTable: Equatable {
    case latin1
    case windows1252
    case windows1256
    case iso8859_6
    case iso8859_15
  }

  /// The encoding a WHATWG / IANA label names (`windows-1256`, `cp1256`, `ISO-8859-6`, `latin1`…).
  init(label: String) {
    let name = String(
      label.lowercased().unicodeScalars.filter { $0 != " " && $0 != "\"" && $0 != "'" })
    switch name {
    case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8": self = .utf8
    // A declaration of UTF-16/32 in bytes that are not UTF-16/32 (no BOM, ASCII layout) is a
    // mislabelled ASCII-compatible file.
    case "utf-16", "utf16", "utf-16le", "utf-16be", "ucs-2", "utf-32", "utf-32le", "utf-32be": self = .utf8
    case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "iso-ir-100", "cp819":
      self = .singleByte(name: "ISO-8859-1", table: .latin1)
    case "windows-1252", "cp1252", "x-cp1252", "us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us":
      self = .singleByte(name: "windows-1252", table: .windows1252)
    case "windows-1256", "cp1256", "x-cp1256": self = .singleByte(name: "windows-1256", table: .windows1256)
    case "iso-8859-6", "iso8859-6", "iso_8859-6", "arabic", "asmo-708", "ecma-114", "iso-ir-127":
      self = .singleByte(name: "ISO-8859-6", table: .iso8859_6)
    case "iso-8859-15", "iso8859-15", "latin9", "latin-9":
      self = .singleByte(name: "ISO-8859-15", table: .iso8859_15)
    default: self = .unknown(label)
    }
  }

  /// The 128 code points of bytes 0x80–0xFF, or nil for Latin-1 (where byte = code point).
  var highHalf: [UInt16]? {
    guard case .singleByte(_, let table) = self else { return nil }
    switch table {
    case .latin1: return nil
    case .windows1252: return SingleByteTables.windows1252
    case .windows1256: return SingleByteTables.windows1256
    case .iso8859_6: return SingleByteTables.iso8859_6
    case .iso8859_15: return SingleByteTables.iso8859_15
    }
  }

  /// The names of the encodings the readers decode: what an ``EncodingDecision`` may say the
  /// bytes were read as.
  static let decodedNames: Set<String> = Set(
    [TextEncoding.utf8, .utf16LE, .utf16BE, .utf32LE, .utf32BE].map(\.name)
      + ["ISO-8859-1", "windows-1252", "windows-1256", "ISO-8859-6", "ISO-8859-15"].map {
        TextEncoding(label: $0).name
      })

  /// The name an error message uses.
  var name: String {
    switch self {
    case .utf8: "UTF-8"
    case .utf16LE: "UTF-16LE"
    case .utf16BE: "UTF-16BE"
    case .utf32LE: "UTF-32LE"
    case .utf32BE: "UTF-32BE"
    case .singleByte(let name, _): name
    case .unknown(let label): label
    }
  }
}

extension EncodingDecision {
  /// The encodings the readers decode: what a decision may say the bytes were read as.
  package static var decodedEncodings: Set<String> { TextEncoding.decodedNames }
}
