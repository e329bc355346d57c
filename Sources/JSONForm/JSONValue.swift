/// A JSON document with object keys in the order they were written.
///
/// The command line's `--json` output and the NDJSON export are built from these, so key
/// order follows the contract and the bytes are the same on every run.
public enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer; the archive has no fractional numbers.
  case int(Int)
  /// A string.
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, keys in writing order.
  case object([(String, JSONValue)])

  /// The compact serialization: no spaces, non-ASCII written as UTF-8, `/` unescaped.
  public var serialized: String {
    var out = [UInt8]()
    out.reserveCapacity(256)
    write(into: &out)
    return String(decoding: out, as: UTF8.self)
  }

  /// Which characters a string escapes beyond `"` and `\\`.
  public enum Escaping: Sendable {
    /// The C0 controls only: the stored and exported form, whose bytes are hashed and compared.
    case canonical
    /// Also every character that acts on a terminal or reorders text (DEL, C1 controls, bidi
    /// overrides and isolates, U+2028/2029; see `actsOnDisplay`): the command line's `--json`,
    /// which people read on terminals and scripts paste into web pages.
    case display
  }

  /// Appends the compact serialization as UTF-8 bytes.
  public func write(into out: inout [UInt8], escaping: Escaping = .canonical) {
    switch self {
    case .null: out.append(contentsOf: "null".utf8)
    case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
    case .int(let i): out.append(contentsOf: String(i).utf8)
    case .string(let s): JSONValue.writeString(s, into: &out, escaping: escaping)
    case .array(let items):
      out.append(UInt8(ascii: "["))
      for (i, item) in items.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        item.write(into: &out, escaping: escaping)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let members):
      out.append(UInt8(ascii: "{"))
      for (i, (key, value)) in members.enumerated() {
        if i > 0 { out.append(UInt8(ascii: ",")) }
        JSONValue.writeString(key, into: &out, escaping: escaping)
        out.append(UInt8(ascii: ":"))
        value.write(into: &out, escaping: escaping)
      }
      out.append(UInt8(ascii: "}"))
    }
  }

  private static func writeString(_ s: String, into out: inout [UInt8], escaping: Escaping) {
    let hex = Array("0123456789abcdef".utf8)
    if escaping == .display, s.unicodeScalars.contains(where: { $0.value >= 0x7F && $0.actsOnDisplay }) {
      out.append(UInt8(ascii: "\""))
      for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out.append(contentsOf: #"\""#.utf8)
        case "\\": out.append(contentsOf: #"\\"#.utf8)
        case "\n": out.append(contentsOf: #"\n"#.utf8)
        case "\r": out.append(contentsOf: #"\r"#.utf8)
        case "\t": out.append(contentsOf: #"\t"#.utf8)
        case _ where scalar.actsOnDisplay:
          out.append(contentsOf: #"\u"#.utf8)
          for shift in stride(from: 12, through: 0, by: -4) {
            out.append(hex[Int(scalar.value >> UInt32(shift)) & 0xf])
          }
        default: out.append(contentsOf: String(scalar).utf8)
        }
      }
      out.append(UInt8(ascii: "\""))
      return
    }
    out.append(UInt8(ascii: "\""))
    for byte in s.utf8 {
      switch byte {
      case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
      case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
      case 0x0a: out.append(contentsOf: #"\n"#.utf8)
      case 0x0d: out.append(contentsOf: #"\r"#.utf8)
      case 0x09: out.append(contentsOf: #"\t"#.utf8)
      case 0..<0x20:
        out.append(contentsOf: #"\u00"#.utf8)
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0xf)])
      default: out.append(byte)
      }
    }
    out.append(UInt8(ascii: "\""))
  }

  /// Structural equality; object members compare in order.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): true
    case (.bool(let a), .bool(let b)): a == b
    case (.int(let a), .int(let b)): a == b
    case (.string(let a), .string(let b)): a == b
    case (.array(let a), .array(let b)): a == b
    case (.object(let a), .object(let b)):
      a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: false
    }
  }

  /// Hashes the serialized form, consistent with `==`.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(serialized)
  }

  /// The member named `key` of an object, or nil.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// The string, or nil for any other kind.
  public var stringValue: String? {
    if case .string(let s) = self { s } else { nil }
  }

  /// The integer, or nil for any other kind.
  public var intValue: Int? {
    if case .int(let i) = self { i } else { nil }
  }

  /// The bool, or nil for any other kind.
  public var boolValue: Bool? {
    if case .bool(let b) = self { b } else { nil }
  }

  /// The elements, or nil for any other kind.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { a } else { nil }
  }

  /// Whether this is `null`.
  public var isNull: Bool {
    if case .null = self { true } else { false }
  }
}

extension JSONValue {
  /// `.string` of a value's description, or `.null` when it is absent.
  public static func text(_ value: (some CustomStringConvertible)?) -> JSONValue {
    guard let value else { return .null }
    return .string(value.description)
  }

  /// `.int`, or `.null` when absent.
  public static func number(_ value: Int?) -> JSONValue {
    guard let value else { return .null }
    return .int(value)
  }
}
