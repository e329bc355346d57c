import Crypto

/// A document's identity: the SHA-256 of its normalized text, written `sha256:` + hex.
///
/// The same text ingested twice is one document, whatever file or feed it came from.
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible {
  // The digest as four big-endian words, held inline: an id costs 32 bytes and no
  // allocation, and ids are copied, compared and hashed on every read.
  private let w0: UInt64
  private let w1: UInt64
  private let w2: UInt64
  private let w3: UInt64

  /// The 32 bytes of the digest.
  public var digest: [UInt8] {
    var out = [UInt8]()
    out.reserveCapacity(32)
    for word in [w0, w1, w2, w3] {
      for shift in stride(from: 56, through: 0, by: -8) {
        out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift)))
      }
    }
    return out
  }

  /// Wraps a digest; nil unless it is exactly 32 bytes.
  public init?(digest: [UInt8]) {
    guard digest.count == 32 else { return nil }
    self.init(words: digest)
  }

  /// Wraps exactly 32 digest bytes read in place (a stored id: no array is made for it).
  @usableFromInline
  package init(digestBytes digest: UnsafeRawBufferPointer) {
    precondition(digest.count == 32, "a digest is 32 bytes, not \(digest.count)")
    w0 = UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 0, as: UInt64.self))
    w1 = UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    w2 = UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 16, as: UInt64.self))
    w3 = UInt64(bigEndian: digest.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
  }

  /// An id from exactly 32 bytes.
  private init(words digest: [UInt8]) {
    func word(_ at: Int) -> UInt64 {
      var w: UInt64 = 0
      for i in at..<at + 8 { w = w << 8 | UInt64(digest[i]) }
      return w
    }
    w0 = word(0)
    w1 = word(8)
    w2 = word(16)
    w3 = word(24)
  }

  /// The identity of a normalized text.
  public init(text: String) {
    self.init(words: Array(SHA256.hash(data: Array(text.utf8))))
  }

  /// Parses `sha256:` followed by 64 lowercase or uppercase hex digits.
  public init?(_ text: some StringProtocol) {
    guard text.hasPrefix("sha256:"), let bytes = Hex.decode(text.dropFirst(7)), bytes.count == 32
    else { return nil }
    self.init(digest: bytes)
  }

  /// The first eight bytes of the digest as a big-endian word: uniformly random, for
  /// tables of documents that hash ids themselves.
  public var leadingWord: UInt64 { w0 }

  /// Hashes the first eight bytes of the digest: they are already uniformly random, and
  /// dictionaries of documents are hashed on every read.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(w0)
  }

  /// Whether two ids are the same digest.
  public static func == (lhs: DocumentID, rhs: DocumentID) -> Bool {
    lhs.w0 == rhs.w0 && lhs.w1 == rhs.w1 && lhs.w2 == rhs.w2 && lhs.w3 == rhs.w3
  }

  /// `sha256:` + lowercase hex.
  public var description: String {
    // Written in place, a word at a time: the diff and the JSON views write one per source.
    String(unsafeUninitializedCapacity: 71) { out in
      for (i, c) in "sha256:".utf8.enumerated() { out[i] = c }
      func hex(_ word: UInt64, at start: Int) {
        for i in 0..<16 {
          let nibble = UInt8(truncatingIfNeeded: word >> UInt64(60 - 4 * i)) & 0xf
          out[start + i] = nibble &+ (nibble < 10 ? 48 : 87)  // "0" + n, or "a" + n - 10
        }
      }
      hex(w0, at: 7)
      hex(w1, at: 23)
      hex(w2, at: 39)
      hex(w3, at: 55)
      return 71
    }
  }

  /// The first 12 hex digits, enough to tell documents apart on a terminal.
  public var short: String { String(Hex.encode(digest).prefix(12)) }

  /// Orders chronologically (digests: byte-wise).
  public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool {
    (lhs.w0, lhs.w1, lhs.w2, lhs.w3) < (rhs.w0, rhs.w1, rhs.w2, rhs.w3)
  }
}

/// Lowercase hexadecimal, the form every digest takes in JSON and on the terminal.
public enum Hex {
  private static let digits = Array("0123456789abcdef".utf8)

  /// The lowercase hex form of some bytes.
  public static func encode(_ bytes: some Sequence<UInt8>) -> String {
    var out = [UInt8]()
    out.reserveCapacity(64)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes a hex string spells; nil on an odd length or a non-hex character.
  public static func decode(_ text: some StringProtocol) -> [UInt8]? {
    let utf8 = Array(text.utf8)
    guard utf8.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
      default: return nil
      }
    }
    var out = [UInt8]()
    out.reserveCapacity(utf8.count / 2)
    var index = 0
    while index < utf8.count {
      guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
      out.append(high << 4 | low)
      index += 2
    }
    return out
  }
}
