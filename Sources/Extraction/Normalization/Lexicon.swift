/// One bit per phrase table (and the number words): which tables some phrase of which starts
/// with a word. Sixty-four: the language data has more than thirty-two tables, and a table
/// left without a bit is tried at every token.
typealias PhraseStarts = UInt64

/// A folded word's number in the ``Lexicon``; ``Lexicon/unknown`` for a word no data file uses.
typealias WordID = Int32

/// Every folded word the language data uses, numbered once at load time, so matching compares
/// numbers instead of Arabic strings (whose hashing and equality run Unicode normalization).
///
/// Words made only of "plain" scalars (``PlainScalars``) are found by their scalars, which for
/// them is exactly String equality; any other word goes through a String-keyed dictionary, so
/// canonical equivalence still decides there.
struct Lexicon: Sendable {
  /// The id of a word the lexicon does not hold.
  static let unknown: WordID = -1

  /// The words' scalar values, end to end; word `i` is `scalars[bounds[i]..<bounds[i + 1]]`.
  private var scalars: [UInt32] = []
  private var bounds: [Int] = [0]
  /// Open addressing over word ids (`-1` free); the count is a power of two.
  private var slots = [WordID](repeating: -1, count: 64)
  /// Every word by its String, for words with scalars outside the plain ones.
  private var byString: [String: WordID] = [:]
  /// For each word, the bits of the phrase tables that have a phrase starting with it
  /// (``PhraseTable/register(bit:in:)``), and of the number words it is one of
  /// (``NumberWords/register(bit:in:)``); words past its end carry none.
  private var phraseStartBits: [PhraseStarts] = []

  /// An empty lexicon.
  init() {}

  /// How many words it holds.
  var count: Int { bounds.count - 1 }

  /// The id of `word`, adding it when new.
  @discardableResult
  mutating func intern(_ word: String) -> WordID {
    if let id = byString[word] { return id }
    let values = word.unicodeScalars.map(\.value)
    let id = WordID(count)
    scalars += values
    bounds.append(scalars.count)
    byString[word] = id
    if count * 2 > slots.count { rehash(slots.count * 2) } else { place(id) }
    return id
  }

  /// The id of a word given as folded scalars, optionally after a leading alef (the `ال` an
  /// Arabic clitic swallowed: `للقطاع` → `القطاع`).
  func id(of word: ArraySlice<Unicode.Scalar>, afterAlef: Bool = false) -> WordID {
    guard PlainScalars.all(word) else {
      var text = afterAlef ? "\u{0627}" : ""
      text.unicodeScalars.append(contentsOf: word)
      return byString[text] ?? Lexicon.unknown
    }
    return word.withUnsafeBufferPointer { id(ofPlain: $0, afterAlef: afterAlef) }
  }

  /// ``id(of:afterAlef:)`` for a word the caller knows is all plain scalars, read in place.
  func id(ofPlain word: UnsafeBufferPointer<Unicode.Scalar>, afterAlef: Bool = false) -> WordID {
    var hash = Lexicon.seed
    if afterAlef { hash = Lexicon.mix(hash, 0x0627) }
    for scalar in word { hash = Lexicon.mix(hash, scalar.value) }
    let length = word.count + (afterAlef ? 1 : 0)
    var slot = firstSlot(hash)
    while true {
      let id = slots[slot]
      if id < 0 { return Lexicon.unknown }
      let start = bounds[Int(id)]
      if bounds[Int(id) + 1] - start == length, equal(word, afterAlef: afterAlef, at: start) { return id }
      slot = (slot + 1) & (slots.count - 1)
    }
  }

  /// The bits of the phrase tables with a phrase starting with word `id`, and of the number
  /// words when it is one (0 for ``unknown``).
  @inline(__always)
  func phraseStarts(_ id: WordID) -> PhraseStarts {
    id >= 0 && Int(id) < phraseStartBits.count ? phraseStartBits[Int(id)] : 0
  }

  /// Records that the table with bit `bit` has a phrase starting with word `id`.
  mutating func markPhraseStart(_ id: WordID, bit: PhraseStarts) {
    guard id >= 0 else { return }
    if Int(id) >= phraseStartBits.count {
      phraseStartBits += [PhraseStarts](repeating: 0, count: Int(id) + 1 - phraseStartBits.count)
    }
    phraseStartBits[Int(id)] |= bit
  }

  /// The id of a word given as a String (for words written in code).
  func id(of word: String) -> WordID { byString[word] ?? Lexicon.unknown }

  /// The scalar values of word `id`.
  func scalars(of id: WordID) -> ArraySlice<UInt32> {
    scalars[bounds[Int(id)]..<bounds[Int(id) + 1]]
  }

  private func equal(_ word: UnsafeBufferPointer<Unicode.Scalar>, afterAlef: Bool, at start: Int) -> Bool {
    var k = start
    if afterAlef {
      guard scalars[k] == 0x0627 else { return false }
      k += 1
    }
    for scalar in word {
      if scalars[k] != scalar.value { return false }
      k += 1
    }
    return true
  }

  private static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

  /// FNV-1a over whole scalar values.
  private static func mix(_ hash: UInt64, _ value: UInt32) -> UInt64 {
    (hash ^ UInt64(value)) &* 0x0000_0100_0000_01b3
  }

  /// The first slot to probe: the high half folded in, since FNV's low bits mix slowly.
  private func firstSlot(_ hash: UInt64) -> Int {
    Int(truncatingIfNeeded: hash ^ (hash >> 32)) & (slots.count - 1)
  }

  private mutating func rehash(_ size: Int) {
    slots = [WordID](repeating: -1, count: size)
    for id in 0..<count { place(WordID(id)) }
  }

  private mutating func place(_ id: WordID) {
    let range = bounds[Int(id)]..<bounds[Int(id) + 1]
    // Words with other scalars are found through `byString` only.
    guard scalars[range].allSatisfy(PlainScalars.contains) else { return }
    var hash = Lexicon.seed
    for value in scalars[range] { hash = Lexicon.mix(hash, value) }
    var slot = firstSlot(hash)
    while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
    slots[slot] = id
  }
}

/// Scalars that are each one `Character`, never join a neighbour into one, and are their own
/// NFC: printable ASCII, Latin-1 and Latin Extended letters below U+0300, and the Arabic
/// letters folding keeps. For text made only of them, scalar comparison is String comparison.
/// (A test checks every pair.)
enum PlainScalars {
  /// Whether the scalar value is plain.
  static func contains(_ value: UInt32) -> Bool {
    switch value {
    case 0x20...0x7E, 0xA1...0x2FF, 0x0621...0x064A, 0x066E...0x066F, 0x0671...0x06D3, 0x06D5,
      0x06EE...0x06EF, 0x06FA...0x06FF:
      return true
    default:
      return false
    }
  }

  /// Whether every scalar is plain.
  static func all(_ scalars: some Sequence<Unicode.Scalar>) -> Bool {
    scalars.allSatisfy { contains($0.value) }
  }
}

/// Words with a value each, by lexicon id: a sorted array, small enough to search in a few steps.
struct WordMap<Value: Sendable>: Sendable {
  private var keys: [WordID] = []
  private var values: [Value] = []

  /// An empty map.
  init() {}

  /// The value of word `id`; setting replaces it.
  subscript(id: WordID) -> Value? {
    get {
      guard let first = keys.first, let last = keys.last, id >= first && id <= last else { return nil }
      let k = position(id)
      return k < keys.count && keys[k] == id ? values[k] : nil
    }
    set {
      let k = position(id)
      if k < keys.count && keys[k] == id {
        if let newValue { values[k] = newValue } else { keys.remove(at: k); values.remove(at: k) }
      } else if let newValue {
        keys.insert(id, at: k)
        values.insert(newValue, at: k)
      }
    }
  }

  /// How many words it holds.
  var count: Int { keys.count }

  /// The words it holds, in id order.
  var ids: [WordID] { keys }

  /// The first position whose key is not below `id`.
  private func position(_ id: WordID) -> Int {
    var low = 0
    var high = keys.count
    while low < high {
      let middle = (low + high) / 2
      if keys[middle] < id { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// A set of words by lexicon id.
struct WordSet: Sendable {
  private var map = WordMap<Bool>()

  /// An empty set.
  init() {}

  /// Whether it holds word `id` (never ``Lexicon/unknown``).
  func contains(_ id: WordID) -> Bool { id != Lexicon.unknown && map[id] != nil }

  /// Adds word `id`.
  mutating func insert(_ id: WordID) { map[id] = true }
}
