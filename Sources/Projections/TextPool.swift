import Domain
import StoredForm

/// A text the state holds once, named by its place in a ``TextPool``.
///
/// Four bytes and no reference count: a record of a million sources names its language,
/// group, city, country, chairs and themes this way instead of with six strings.
package struct PooledText: Hashable, Sendable {
  /// The text's place in its pool; 0 is "no text".
  package var raw: UInt32

  /// The text at `raw` in its pool (a snapshot's).
  package init(raw: UInt32) { self.raw = raw }

  /// No text (a fact not stated).
  package static let none = PooledText(raw: 0)

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
package struct TextPool: Hashable, Sendable {
  /// The texts, by place; place 0 is the empty stand-in for "no text".
  private(set) var texts: [String] = [""]
  // Every text's UTF-8 end to end, and where each ends (by place), so a probe compares
  // bytes without touching the strings.
  private var utf8: [UInt8] = []
  private var ends: [Int] = [0]
  // Open addressing: each slot is the text's place (low 32 bits, 0 empty) under 32 more
  // bits of its hash, probed linearly from the hash.
  private var slots = [UInt64](repeating: 0, count: 16)
  private static let seed = UInt64.random(in: .min ... .max)

  /// An empty pool.
  package init() {}

  /// The number of texts held (not counting "no text").
  package var count: Int { texts.count - 1 }

  /// The place of `text`, adding it when new.
  package mutating func intern(_ text: String) -> PooledText {
    var bytes = text
    // A string is valid UTF-8, so `make` never refuses.
    return bytes.withUTF8 { intern(utf8: UnsafeRawBufferPointer($0)) { text } } ?? .none
  }

  /// The place of `text` when given, else "no text".
  mutating func intern(_ text: String?) -> PooledText {
    guard let text else { return .none }
    return intern(text)
  }

  /// The place of the text whose UTF-8 is `bytes`; when new, `make` gives the text (nil:
  /// the bytes are not valid UTF-8, and nothing is added).
  mutating func intern(utf8 bytes: UnsafeRawBufferPointer, _ make: () -> String?) -> PooledText? {
    let hash = TextPool.hash(bytes)
    let (found, slot) = probe(bytes, hash: hash)
    if let found { return found }
    guard let text = make() else { return nil }
    precondition(texts.count < Int(UInt32.max), "too many distinct texts for one pool")
    let place = UInt32(texts.count)
    texts.append(text)
    utf8.append(contentsOf: bytes)
    ends.append(utf8.count)
    slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(place)
    if texts.count * 2 > slots.count { rehash(to: slots.count * 2) }
    return PooledText(raw: place)
  }

  /// The place of `text`, nil when the pool does not hold it.
  func place(of text: String) -> PooledText? {
    var bytes = text
    return bytes.withUTF8 { buffer in
      let raw = UnsafeRawBufferPointer(buffer)
      return probe(raw, hash: TextPool.hash(raw)).found
    }
  }

  /// The text at a place; nil for "no text".
  subscript(text: PooledText) -> String? {
    text.isNone ? nil : texts[Int(text.raw)]
  }

  /// Whether `text` names a place in this pool.
  package func holds(_ text: PooledText) -> Bool { Int(text.raw) < texts.count }

  /// Makes room for `count` texts.
  package mutating func reserveCapacity(_ count: Int) {
    texts.reserveCapacity(count + 1)
    ends.reserveCapacity(count + 1)
    var size = slots.count
    while size < (count + 1) * 2 { size *= 2 }
    if size > slots.count { rehash(to: size) }
  }

  /// Every text but the stand-in, in the order first seen.
  package var stored: ArraySlice<String> { texts.dropFirst() }

  /// Two pools are equal when they hold the same texts in the same places.
  package static func == (a: TextPool, b: TextPool) -> Bool { a.texts == b.texts }

  /// Hashes the texts.
  package func hash(into hasher: inout Hasher) { hasher.combine(texts) }

  /// The place holding `bytes`, or the empty slot where it would go.
  private func probe(_ bytes: UnsafeRawBufferPointer, hash: UInt64) -> (found: PooledText?, slot: Int) {
    let mask = slots.count - 1
    let tag = hash & 0xFFFF_FFFF_0000_0000
    var at = Int(truncatingIfNeeded: hash) & mask
    while true {
      let slot = slots[at]
      if slot == 0 { return (nil, at) }
      if slot & 0xFFFF_FFFF_0000_0000 == tag {
        let place = Int(slot & 0xFFFF_FFFF)
        let (start, end) = (ends[place - 1], ends[place])
        let same =
          end - start == bytes.count
          && utf8.withUnsafeBytes { held in
            TextPool.equal(UnsafeRawBufferPointer(rebasing: held[start..<end]), bytes)
          }
        if same { return (PooledText(raw: UInt32(place)), at) }
      }
      at = (at + 1) & mask
    }
  }

  private mutating func rehash(to size: Int) {
    slots = [UInt64](repeating: 0, count: size)
    let mask = size - 1
    utf8.withUnsafeBytes { all in
      for place in 1..<texts.count {
        let hash = TextPool.hash(UnsafeRawBufferPointer(rebasing: all[ends[place - 1]..<ends[place]]))
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at] != 0 { at = (at + 1) & mask }
        slots[at] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(place)
      }
    }
  }

  /// Whether two runs of bytes are equal, eight bytes a step (with an overlapping last step):
  /// `elementsEqual` compares one byte a step, and in a rebuild the pool's comparisons were
  /// most of its probes' time.
  static func equal(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    let count = a.count
    guard count == b.count else { return false }
    guard count >= 8, let p = a.baseAddress, let q = b.baseAddress else { return a.elementsEqual(b) }
    var at = 0
    while at + 8 < count {
      guard
        p.loadUnaligned(fromByteOffset: at, as: UInt64.self)
          == q.loadUnaligned(fromByteOffset: at, as: UInt64.self)
      else { return false }
      at += 8
    }
    let last = count - 8
    return p.loadUnaligned(fromByteOffset: last, as: UInt64.self)
      == q.loadUnaligned(fromByteOffset: last, as: UInt64.self)
  }

  /// A per-process-seeded hash of short texts, eight bytes at a time.
  private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
    var hash = seed ^ UInt64(bytes.count) &* 0x9E37_79B9_7F4A_7C15
    var at = 0
    while at + 8 <= bytes.count {
      hash = (hash ^ bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* 0xff51_afd7_ed55_8ccd
      hash ^= hash >> 32
      at += 8
    }
    var tail: UInt64 = 0
    while at < bytes.count {
      tail = tail << 8 | UInt64(bytes[at])
      at += 1
    }
    hash = (hash ^ tail) &* 0xc4ce_b9fe_1a85_ec53
    return hash ^ (hash >> 29)
  }
}

extension TextPool {
  /// A stored string, pooled: looked up by its bytes, validated only when new.
  mutating func pooled(_ value: StoredString) throws(StoredFormError) -> PooledText {
    guard let text = intern(utf8: value.utf8, { ByteReader.validatedString(value.utf8) }) else {
      throw .malformed("invalid UTF-8", at: value.offset)
    }
    return text
  }
}
