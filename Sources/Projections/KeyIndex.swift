/// Dense numbers (0, 1, 2, …, in the order first seen) for keys of two 64-bit words.
///
/// The views group a million sources by meeting and by count series on every read; a
/// dictionary would hash each key with SipHash, which costs more than the rest of the
/// grouping. This is open addressing with a multiplicative hash, seeded per process so
/// crafted documents cannot pile their keys on one slot.
struct KeyIndex {
  private var slots: [Int32]
  private var keys: [(UInt64, UInt64)] = []
  private static let seed = UInt64.random(in: .min ... .max) | 1

  /// An index with room for about `capacity` keys before it grows.
  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size *= 2 }
    slots = [Int32](repeating: -1, count: size)
    keys.reserveCapacity(capacity)
  }

  /// The number of keys.
  var count: Int { keys.count }

  /// The number of `key`, given it the next one when new.
  mutating func number(of key: (UInt64, UInt64)) -> (number: Int, isNew: Bool) {
    let (found, slot) = probe(key)
    if let found { return (found, false) }
    precondition(keys.count < Int(Int32.max), "too many keys")
    slots[slot] = Int32(keys.count)
    keys.append(key)
    if keys.count * 2 > slots.count { grow() }
    return (keys.count - 1, true)
  }

  /// The number of `key`, nil when it has none.
  func number(ifAny key: (UInt64, UInt64)) -> Int? { probe(key).found }

  private func probe(_ key: (UInt64, UInt64)) -> (found: Int?, slot: Int) {
    let mask = slots.count - 1
    var at = KeyIndex.hash(key) & mask
    while true {
      let number = slots[at]
      if number < 0 { return (nil, at) }
      if keys[Int(number)] == key { return (Int(number), at) }
      at = (at + 1) & mask
    }
  }

  private mutating func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (number, key) in keys.enumerated() {
      var at = KeyIndex.hash(key) & mask
      while slots[at] >= 0 { at = (at + 1) & mask }
      slots[at] = Int32(number)
    }
  }

  private static func hash(_ key: (UInt64, UInt64)) -> Int {
    var h = (key.0 ^ seed) &* 0x9E37_79B9_7F4A_7C15
    h = (h ^ key.1 ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
    return Int(truncatingIfNeeded: h ^ (h >> 32))
  }
}
