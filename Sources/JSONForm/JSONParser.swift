/// A strict RFC 8259 parser producing ``JSONValue``, for `import` and the tests.
///
/// Strict so that an export that was tampered with into invalid JSON is refused, with the
/// byte offset of the problem; nesting is bounded so hostile input cannot exhaust the stack.
/// An object with a key twice is refused: readers would disagree on which value counts.
package struct JSONParser {
  /// Why a text is not JSON, and where.
  package struct Failure: Error, CustomStringConvertible {
    /// What was expected or found.
    package var reason: String
    /// The byte offset in the input.
    package var offset: Int
    /// `reason at byte N`.
    package var description: String { "\(reason) at byte \(offset)" }
  }

  private let bytes: [UInt8]
  private var index = 0
  private let maxDepth = 256

  /// Parses one JSON value filling the whole text (surrounding whitespace allowed).
  package static func parse(_ text: some StringProtocol) throws(Failure) -> JSONValue {
    var parser = JSONParser(bytes: Array(text.utf8))
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    guard parser.index == parser.bytes.count else { throw parser.fail("trailing characters") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func fail(_ reason: String) -> Failure { Failure(reason: reason, offset: index) }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0a, 0x0d].contains(bytes[index]) { index += 1 }
  }

  private mutating func expect(_ literal: String, _ value: JSONValue) throws(Failure) -> JSONValue {
    let l = Array(literal.utf8)
    guard bytes.count - index >= l.count, Array(bytes[index..<index + l.count]) == l else {
      throw fail("invalid literal")
    }
    index += l.count
    return value
  }

  private mutating func value(depth: Int) throws(Failure) -> JSONValue {
    guard depth < maxDepth else { throw fail("nesting deeper than \(maxDepth)") }
    guard index < bytes.count else { throw fail("unexpected end of input") }
    switch bytes[index] {
    case UInt8(ascii: "n"): return try expect("null", .null)
    case UInt8(ascii: "t"): return try expect("true", .bool(true))
    case UInt8(ascii: "f"): return try expect("false", .bool(false))
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "["):
      index += 1
      var items = [JSONValue]()
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      }
      while true {
        skipSpace()
        items.append(try value(depth: depth + 1))
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated array") }
        if bytes[index] == UInt8(ascii: "]") {
          index += 1
          return .array(items)
        }
        guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected , or ]") }
        index += 1
      }
    case UInt8(ascii: "{"):
      index += 1
      var members = [(String, JSONValue)]()
      var keys = Set<String>()
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a key") }
        let start = index
        let key = try string()
        guard keys.insert(key).inserted else {
          index = start
          throw fail("duplicate key \"\(key)\"")
        }
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw fail("expected :") }
        index += 1
        skipSpace()
        members.append((key, try value(depth: depth + 1)))
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated object") }
        if bytes[index] == UInt8(ascii: "}") {
          index += 1
          return .object(members)
        }
        guard bytes[index] == UInt8(ascii: ",") else { throw fail("expected , or }") }
        index += 1
      }
    default:
      return try number()
    }
  }

  private mutating func number() throws(Failure) -> JSONValue {
    let start = index
    if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
      index += 1
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    guard let value = Int(text) else {
      index = start
      throw fail("expected a value (only integers are used)")
    }
    return .int(value)
  }

  private mutating func hex4() throws(Failure) -> UInt32 {
    guard bytes.count - index >= 4 else { throw fail("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[index]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw fail("invalid \\u escape")
      }
      v = v << 4 | d
      index += 1
    }
    return v
  }

  private mutating func string() throws(Failure) -> String {
    index += 1  // the opening quote
    var out = [UInt8]()
    while true {
      guard index < bytes.count else { throw fail("unterminated string") }
      let c = bytes[index]
      index += 1
      switch c {
      case UInt8(ascii: "\""):
        guard let s = String(validating: out, as: UTF8.self) else { throw fail("invalid UTF-8 in string") }
        return s
      case UInt8(ascii: "\\"):
        guard index < bytes.count else { throw fail("unterminated escape") }
        let e = bytes[index]
        index += 1
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "n"): out.append(0x0a)
        case UInt8(ascii: "r"): out.append(0x0d)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0c)
        case UInt8(ascii: "u"):
          var scalar = try hex4()
          if (0xD800..<0xDC00).contains(scalar) {
            guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"),
              bytes[index + 1] == UInt8(ascii: "u")
            else { throw fail("unpaired surrogate") }
            index += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw fail("unpaired surrogate") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
          guard let u = Unicode.Scalar(scalar) else { throw fail("invalid code point") }
          out.append(contentsOf: String(Character(u)).utf8)
        default: throw fail("invalid escape")
        }
      case 0..<0x20: throw fail("control character in string")
      default: out.append(c)
      }
    }
  }
}
