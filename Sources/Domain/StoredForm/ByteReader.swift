/// Reads the primitives ``ByteWriter`` writes, refusing truncated or malformed input.
public struct ByteReader: ~Copyable {
  private let bytes: [UInt8]
  /// The offset of the next byte to read.
  public private(set) var offset: Int

  /// A reader over bytes, from the given offset.
  public init(_ bytes: [UInt8], offset: Int = 0) {
    self.bytes = bytes
    self.offset = offset
  }

  /// Whether every byte has been read.
  public var isAtEnd: Bool { offset == bytes.count }

  /// One byte.
  public mutating func byte() throws(StoredFormError) -> UInt8 {
    guard offset < bytes.count else { throw .truncated(at: offset) }
    defer { offset += 1 }
    return bytes[offset]
  }

  /// A fixed number of raw bytes.
  public mutating func raw(_ count: Int) throws(StoredFormError) -> [UInt8] {
    guard count >= 0, count <= bytes.count - offset else { throw .truncated(at: offset) }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  /// An unsigned LEB128 varint of at most 10 bytes.
  public mutating func varint() throws(StoredFormError) -> UInt64 {
    var result: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let start = offset
      let b = try byte()
      guard shift < 64, shift < 63 || b <= 1 else { throw .malformed("varint too long", at: start) }
      result |= UInt64(b & 0x7f) << shift
      if b & 0x80 == 0 { return result }
      shift += 7
    }
  }

  /// A zigzag-encoded signed integer.
  public mutating func int() throws(StoredFormError) -> Int {
    let v = try varint()
    return Int(Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1))))
  }

  /// A varint that must fit a non-negative `Int` (counts and lengths).
  public mutating func count() throws(StoredFormError) -> Int {
    let start = offset
    let v = try varint()
    guard v <= UInt64(bytes.count) else { throw .malformed("count \(v) exceeds the value", at: start) }
    return Int(v)
  }

  /// A bool byte, 0 or 1.
  public mutating func bool() throws(StoredFormError) -> Bool {
    let start = offset
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw .malformed("bool is neither 0 nor 1", at: start)
    }
  }

  /// A length-prefixed UTF-8 string; invalid UTF-8 is an error, not a repair.
  public mutating func string() throws(StoredFormError) -> String {
    let length = try count()
    let start = offset
    guard length <= bytes.count - offset else { throw .truncated(at: offset) }
    offset += length
    guard let text = String(validating: bytes[start..<start + length], as: UTF8.self) else {
      throw .malformed("invalid UTF-8", at: start)
    }
    return text
  }

  /// Skips a length-prefixed string without decoding it (the lazy path over document text).
  public mutating func skipString() throws(StoredFormError) {
    let length = try count()
    guard length <= bytes.count - offset else { throw .truncated(at: offset) }
    offset += length
  }

  /// An optional written by ``ByteWriter/optional(_:_:)``.
  public mutating func optional<T>(
    _ read: (inout ByteReader) throws(StoredFormError) -> T
  ) throws(StoredFormError) -> T? {
    let start = offset
    switch try byte() {
    case 0: return nil
    case 1: return try read(&self)
    default: throw .malformed("optional flag is neither 0 nor 1", at: start)
    }
  }

  /// An array written by ``ByteWriter/array(_:_:)``.
  public mutating func array<T>(
    _ read: (inout ByteReader) throws(StoredFormError) -> T
  ) throws(StoredFormError) -> [T] {
    let n = try count()
    var out = [T]()
    out.reserveCapacity(n)
    for _ in 0..<n { out.append(try read(&self)) }
    return out
  }
}

/// Why stored bytes could not be read back as an event.
public enum StoredFormError: Error, Hashable, CustomStringConvertible {
  /// The bytes end before the value does.
  case truncated(at: Int)
  /// A byte sequence that no writer produces.
  case malformed(String, at: Int)
  /// A payload version this build does not know (written by a newer Communique).
  case unknownVersion(UInt8)
  /// An event type byte this build does not know.
  case unknownType(UInt8)

  /// One line saying what is wrong and where.
  public var description: String {
    switch self {
    case .truncated(let at): "stored value truncated at byte \(at)"
    case .malformed(let what, let at): "stored value malformed at byte \(at): \(what)"
    case .unknownVersion(let v): "unknown payload version \(v)"
    case .unknownType(let t): "unknown event type \(t)"
    }
  }
}
