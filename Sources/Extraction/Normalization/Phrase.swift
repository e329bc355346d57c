import Foundation

/// A pattern as folded words: `القطاع غير الربحي`, `front compan*` (a trailing `*` lets the
/// last word continue).
struct Phrase: Hashable, Sendable {
  /// The folded words.
  var words: [String]
  /// Whether the last word only needs to start the token.
  var prefixMatch: Bool

  /// Folds a pattern as written in a data file; nil when it holds no word.
  init?(_ pattern: String) {
    var text = pattern.trimmingCharacters(in: .whitespaces)
    prefixMatch = text.hasSuffix("*")
    if prefixMatch { text.removeLast() }
    let folded = FoldedText(text)
    words = folded.tokens.indices.map(folded.tokenText)
    if words.isEmpty { return nil }
  }
}

/// A folded word kept as text and as scalar values, for prefix tests on token forms.
struct FoldedWord: Sendable {
  /// The word.
  var text: String
  /// Its scalar values.
  var scalars: [UInt32]
  /// Whether all its scalars are plain (``PlainScalars``), so scalars compare as Characters.
  var isPlain: Bool

  /// A folded word.
  init(_ text: String) {
    self.text = text
    scalars = text.unicodeScalars.map(\.value)
    isPlain = scalars.allSatisfy(PlainScalars.contains)
  }
}

/// Phrases with values, looked up by the lexicon id of their first word.
///
/// Stored flat — word ids in one array, phrases as plain records chained by first word — so
/// that matching copies no references.
struct PhraseTable<Value: Sendable>: Sendable {
  /// One phrase: its word ids `words[wordStart..<wordEnd]`, its last word as a prefix
  /// (`prefixes[prefix]`, or `-1`), its value, and the next phrase with the same first word.
  private struct Entry {
    var wordStart: Int32
    var wordEnd: Int32
    var prefix: Int32
    var value: Int32
    var next: Int32
  }

  /// For each word id, the first phrase starting with it (`-1`: none), and the last (for adding).
  private var heads: [Int32] = []
  private var tails: [Int32] = []
  private var entries: [Entry] = []
  private var words: [WordID] = []
  private var prefixes: [FoldedWord] = []
  private var values: [Value] = []
  /// One-word phrases ending in `*`: they cannot be looked up by a whole first word.
  private(set) var prefixWords: [(prefix: FoldedWord, value: Value)] = []
  /// Each prefix word's first scalar when the word is plain and not empty, else 0: a plain
  /// token none of whose forms starts with it cannot match.
  private var prefixFirstScalars: [UInt32] = []

  /// The table's bit in ``Lexicon/phraseStarts(_:)``, or 0 before it is registered (then every
  /// token is tried as a start).
  private(set) var bit: PhraseStarts = 0

  /// An empty table.
  init() {}

  /// Gives the table its bit and marks every first word of its phrases with it in `lexicon`,
  /// so that matching skips, by one bit test, the tokens no phrase of the table starts with.
  /// Call it once the table is complete; a table given no bit (0) is matched without the test.
  mutating func register(bit: PhraseStarts, in lexicon: inout Lexicon) {
    self.bit = bit
    for (id, head) in heads.enumerated() where head >= 0 { lexicon.markPhraseStart(WordID(id), bit: bit) }
  }

  /// Whether a token whose forms start the tables `starts` (``FoldedText/phraseStarts``) can
  /// begin a match: always for a table without a bit, or with one-word prefix phrases (any
  /// token may start those).
  @inline(__always)
  func mayStart(_ starts: PhraseStarts) -> Bool { bit == 0 || !prefixWords.isEmpty || starts & bit != 0 }

  /// Whether some phrase starts with word `id`.
  @inline(__always)
  func hasFirstWord(_ id: WordID) -> Bool { head(id) >= 0 }

  /// Whether the table holds no phrase.
  var isEmpty: Bool { entries.isEmpty && prefixWords.isEmpty }

  @inline(__always)
  private func head(_ id: WordID) -> Int32 {
    id >= 0 && Int(id) < heads.count ? heads[Int(id)] : -1
  }

  /// Adds a phrase, numbering its words in `lexicon`; returns false when the pattern holds no word.
  @discardableResult
  mutating func add(_ pattern: String, _ value: Value, lexicon: inout Lexicon) -> Bool {
    guard let phrase = Phrase(pattern), let first = phrase.words.first else { return false }
    // A phrase added after registering may start with an unmarked word: match without the bit.
    bit = 0
    if phrase.words.count == 1 && phrase.prefixMatch {
      let word = FoldedWord(first)
      prefixWords.append((word, value))
      prefixFirstScalars.append(word.isPlain ? word.scalars.first ?? 0 : 0)
      return true
    }
    let wordStart = Int32(words.count)
    words += phrase.words.map { lexicon.intern($0) }
    var prefix: Int32 = -1
    if phrase.prefixMatch, let last = phrase.words.last {
      prefix = Int32(prefixes.count)
      prefixes.append(FoldedWord(last))
    }
    let index = Int32(entries.count)
    entries.append(
      Entry(
        wordStart: wordStart, wordEnd: Int32(words.count), prefix: prefix, value: Int32(values.count),
        next: -1))
    values.append(value)
    // Phrases with one first word are tried in the order they were added: the first of
    // equally long matches wins.
    let id = Int(words[Int(wordStart)])
    if id >= heads.count {
      heads += [Int32](repeating: -1, count: id + 1 - heads.count)
      tails += [Int32](repeating: -1, count: id + 1 - tails.count)
    }
    if heads[id] < 0 { heads[id] = index } else { entries[Int(tails[id])].next = index }
    tails[id] = index
    return true
  }

  /// The value of the first one-word prefix phrase (`cryptocurrenc*`) token `i` matches.
  func prefixWordMatch(in text: FoldedText, at i: Int) -> Value? {
    for n in prefixWords.indices {
      let first = prefixFirstScalars[n]
      if first != 0, text.tokens[i].isPlain, !text.has(i, formStartingWith: first) { continue }
      if text.has(i, formWithPrefix: prefixWords[n].prefix) { return prefixWords[n].value }
    }
    return nil
  }

  /// The longest phrase starting with word `firstWord` that matches at token `i`.
  func longestMatch(in text: FoldedText, at i: Int, firstWord: WordID) -> (end: Int, value: Value)? {
    var next = head(firstWord)
    var best: (end: Int, value: Int32)?
    while next >= 0 {
      let entry = entries[Int(next)]
      if let end = match(entry, in: text, at: i), end > (best?.end ?? i) { best = (end, entry.value) }
      next = entry.next
    }
    return best.map { ($0.end, values[Int($0.value)]) }
  }

  /// The end (exclusive) of phrase `entry` matched at token `i`, or nil.
  private func match(_ entry: Entry, in text: FoldedText, at i: Int) -> Int? {
    let count = Int(entry.wordEnd - entry.wordStart)
    guard i + count <= text.tokens.count else { return nil }
    for k in 0..<count {
      // The word first: comparing ids is cheaper than reading the gap, and most phrases that
      // share a first word (`the …`) part at the second.
      if k == count - 1, entry.prefix >= 0 {
        guard text.has(i + k, formWithPrefix: prefixes[Int(entry.prefix)]) else { return nil }
      } else if !text.has(i + k, form: words[Int(entry.wordStart) + k]) {
        return nil
      }
      if k > 0, !text.joins(before: i + k) { return nil }
    }
    return i + count
  }
}
