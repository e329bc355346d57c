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

/// A phrase with its words as lexicon ids, and its last word kept whole when it is a prefix.
struct CompiledPhrase: Sendable {
  /// The words' ids.
  var words: [WordID]
  /// The last word, when it only needs to start the token.
  var prefix: FoldedWord?
}

/// Phrases with values, looked up by the lexicon id of their first word.
struct PhraseTable<Value: Sendable>: Sendable {
  /// For each word id, where its phrases sit in `candidates` (`-1`: none start with it).
  private var slots: [Int32] = []
  private var candidates: [[(phrase: CompiledPhrase, value: Value)]] = []
  /// One-word phrases ending in `*`: they cannot be looked up by a whole first word.
  private(set) var prefixWords: [(prefix: FoldedWord, value: Value)] = []

  /// An empty table.
  init() {}

  /// Whether some phrase starts with word `id`.
  @inline(__always)
  func hasFirstWord(_ id: WordID) -> Bool { slot(id) >= 0 }

  /// Whether the table holds no phrase.
  var isEmpty: Bool { candidates.isEmpty && prefixWords.isEmpty }

  @inline(__always)
  private func slot(_ id: WordID) -> Int32 {
    id >= 0 && Int(id) < slots.count ? slots[Int(id)] : -1
  }

  /// Adds a phrase, numbering its words in `lexicon`; returns false when the pattern holds no word.
  @discardableResult
  mutating func add(_ pattern: String, _ value: Value, lexicon: inout Lexicon) -> Bool {
    guard let phrase = Phrase(pattern), let first = phrase.words.first else { return false }
    if phrase.words.count == 1 && phrase.prefixMatch {
      prefixWords.append((FoldedWord(first), value))
      return true
    }
    let ids = phrase.words.map { lexicon.intern($0) }
    let compiled = CompiledPhrase(
      words: ids, prefix: phrase.prefixMatch ? phrase.words.last.map(FoldedWord.init) : nil)
    let id = Int(ids[0])
    if id >= slots.count { slots += [Int32](repeating: -1, count: id + 1 - slots.count) }
    if slots[id] < 0 {
      slots[id] = Int32(candidates.count)
      candidates.append([])
    }
    candidates[Int(slots[id])].append((compiled, value))
    return true
  }

  /// The longest phrase starting with word `firstWord` that matches at token `i`.
  func longestMatch(in text: FoldedText, at i: Int, firstWord: WordID) -> (end: Int, value: Value)? {
    let index = slot(firstWord)
    guard index >= 0 else { return nil }
    var best: (end: Int, value: Value)?
    for candidate in candidates[Int(index)] {
      if let end = text.match(candidate.phrase, at: i), end > (best?.end ?? i) {
        best = (end, candidate.value)
      }
    }
    return best
  }
}
