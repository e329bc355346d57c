import Domain

/// A text the state holds once, named by its place in a ``TextPool``.
///
/// Four bytes and no reference count: a record of a million sources names its language,
/// group, city, country, chairs and themes this way instead of with six strings.
public struct PooledText: Hashable, Sendable {
  /// The text's place in its pool; 0 is "no text".
  var raw: UInt32

  /// No text (a fact not stated).
  static let none = PooledText(raw: 0)

  /// Whether this names no text.
  var isNone: Bool { raw == 0 }
}

/// Texts held once each, in the order first seen.
///
/// The order makes a pool a pure function of the texts added to it: the same fold gives
/// the same pool, so states compare and snapshot byte for byte. Texts are never removed; a
/// value a re-extraction replaced stays (pools hold few distinct values: languages, groups,
/// places, chair and theme lists, count quotes).
///
/// Looked up by their UTF-8 bytes, so a fold finds a text it has seen straight from the
/// stored payload, without making (and validating) a string first.
public struct TextPool: Hashable, Sendable {
  /// The texts, by place; place 0 is the empty stand-in for "no text".
  private(set) var texts: [String] = [""]
  // Open addressing: each slot is a place (0 empty), probed linearly from the text's hash.
  private var slots = [UInt32](repeating: 0, count: 16)
  private static let seed = UInt64.random(in: .min ... .max)

  /// An empty pool.
  public init() {}

  /// The number of texts held (not counting "no text").
  var count: Int { texts.count - 1 }

  /// The place of `text`, adding it when new.
  mutating func intern(_ text: String) -> PooledText {
    var utf8 = text
    // A string is valid UTF-8, so `make` never refuses.
    return utf8.withUTF8 { bytes in intern(utf8: UnsafeRawBufferPointer(bytes)) { text } } ?? .none
  }

  /// The place of `text` when given, else "no text".
  mutating func intern(_ text: String?) -> PooledText {
    guard let text else { return .none }
    return intern(text)
  }

  /// The place of the text whose UTF-8 is `utf8`; when new, `make` gives the text (nil:
  /// the bytes are not valid UTF-8, and nothing is added).
  mutating func intern(utf8: UnsafeRawBufferPointer, _ make: () -> String?) -> PooledText? {
    let (found, slot) = probe(utf8)
    if let found { return found }
    guard let text = make() else { return nil }
    precondition(texts.count < Int(UInt32.max), "too many distinct texts for one pool")
    let place = UInt32(texts.count)
    texts.append(text)
    slots[slot] = place
    if texts.count * 2 > slots.count { rehash(to: slots.count * 2) }
    return PooledText(raw: place)
  }

  /// The place of `text`, nil when the pool does not hold it.
  func place(of text: String) -> PooledText? {
    var text = text
    return text.withUTF8 { utf8 in probe(UnsafeRawBufferPointer(utf8)).found }
  }

  /// The text at a place; nil for "no text".
  subscript(text: PooledText) -> String? {
    text.isNone ? nil : texts[Int(text.raw)]
  }

  /// Whether `text` names a place in this pool.
  func holds(_ text: PooledText) -> Bool { Int(text.raw) < texts.count }

  /// Makes room for `count` texts.
  mutating func reserveCapacity(_ count: Int) {
    texts.reserveCapacity(count + 1)
    var size = slots.count
    while size < (count + 1) * 2 { size *= 2 }
    if size > slots.count { rehash(to: size) }
  }

  /// Every text but the stand-in, in the order first seen.
  var stored: ArraySlice<String> { texts.dropFirst() }

  /// Two pools are equal when they hold the same texts in the same places.
  public static func == (a: TextPool, b: TextPool) -> Bool { a.texts == b.texts }

  /// Hashes the texts.
  public func hash(into hasher: inout Hasher) { hasher.combine(texts) }

  /// The place holding `utf8`, or the empty slot where it would go.
  private func probe(_ utf8: UnsafeRawBufferPointer) -> (found: PooledText?, slot: Int) {
    let mask = slots.count - 1
    var at = Int(truncatingIfNeeded: TextPool.hash(utf8)) & mask
    while true {
      let place = slots[at]
      if place == 0 { return (nil, at) }
      let held = texts[Int(place)].utf8
      let same = held.withContiguousStorageIfAvailable { $0.elementsEqual(utf8) } ?? held.elementsEqual(utf8)
      if same { return (PooledText(raw: place), at) }
      at = (at + 1) & mask
    }
  }

  private mutating func rehash(to size: Int) {
    slots = [UInt32](repeating: 0, count: size)
    let mask = size - 1
    for place in 1..<texts.count {
      var text = texts[place]
      var at = text.withUTF8 { Int(truncatingIfNeeded: TextPool.hash(UnsafeRawBufferPointer($0))) } & mask
      while slots[at] != 0 { at = (at + 1) & mask }
      slots[at] = UInt32(place)
    }
  }

  /// FNV-1a from a per-process seed, then mixed: cheap for the short texts pools hold.
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash = 0xcbf2_9ce4_8422_2325 ^ seed
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
    hash = (hash ^ (hash >> 33)) &* 0xff51_afd7_ed55_8ccd
    return hash ^ (hash >> 33)
  }
}

extension ByteReader {
  /// A length-prefixed string, pooled: looked up by its bytes, validated only when new.
  mutating func pooledString(in pool: inout TextPool) throws(StoredFormError) -> PooledText {
    let at = offset
    let utf8 = try stringBytes()
    guard let text = pool.intern(utf8: utf8, { ByteReader.validatedString(utf8) }) else {
      throw .malformed("invalid UTF-8", at: at)
    }
    return text
  }
}
