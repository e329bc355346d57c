import Crypto

/// A document's identity: the SHA-256 of its normalized text, written `sha256:` + hex.
///
/// The same text ingested twice is one document, whatever file or feed it came from.
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The 32 bytes of the digest.
  public let digest: [UInt8]

  /// Wraps a digest; nil unless it is exactly 32 bytes.
  public init?(digest: [UInt8]) {
    guard digest.count == 32 else { return nil }
    self.digest = digest
  }

  /// The identity of a normalized text.
  public init(text: String) {
    digest = Array(SHA256.hash(data: Array(text.utf8)))
  }

  /// Parses `sha256:` followed by 64 lowercase or uppercase hex digits.
  public init?(_ text: some StringProtocol) {
    guard text.hasPrefix("sha256:"), let bytes = Hex.decode(text.dropFirst(7)), bytes.count == 32
    else { return nil }
    digest = bytes
  }

  /// Hashes the first eight bytes of the digest: they are already uniformly random, and
  /// dictionaries of documents are hashed on every read.
  public func hash(into hasher: inout Hasher) {
    var word: UInt64 = 0
    for byte in digest.prefix(8) { word = word << 8 | UInt64(byte) }
    hasher.combine(word)
  }

  /// `sha256:` + lowercase hex.
  public var description: String { "sha256:" + Hex.encode(digest) }

  /// The first 12 hex digits, enough to tell documents apart on a terminal.
  public var short: String { String(Hex.encode(digest).prefix(12)) }

  /// Orders chronologically (digests: byte-wise).
  public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool {
    lhs.digest.lexicographicallyPrecedes(rhs.digest)
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
