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
    words = FoldedText(text).tokens.map(\.text)
    if words.isEmpty { return nil }
  }
}

/// Phrases with values, looked up by their first word.
struct PhraseTable<Value: Sendable>: Sendable {
  private var byFirstWord: [String: [(phrase: Phrase, value: Value)]] = [:]
  /// One-word phrases ending in `*`: they cannot be looked up by a whole first word.
  private(set) var prefixWords: [(prefix: String, value: Value)] = []

  /// An empty table.
  init() {}

  /// The first words of all phrases.
  var firstWords: Dictionary<String, [(phrase: Phrase, value: Value)]>.Keys { byFirstWord.keys }

  /// Whether some phrase starts with `word`.
  func hasFirstWord(_ word: String) -> Bool { byFirstWord[word] != nil }

  /// Whether the table holds no phrase.
  var isEmpty: Bool { byFirstWord.isEmpty && prefixWords.isEmpty }

  /// Adds a phrase; returns false when the pattern holds no word.
  @discardableResult
  mutating func add(_ pattern: String, _ value: Value) -> Bool {
    guard let phrase = Phrase(pattern), let first = phrase.words.first else { return false }
    if phrase.words.count == 1 && phrase.prefixMatch {
      prefixWords.append((first, value))
      return true
    }
    byFirstWord[first, default: []].append((phrase, value))
    return true
  }

  /// The longest phrase starting with `firstWord` that matches at token `i`.
  func longestMatch(in text: FoldedText, at i: Int, firstWord: String) -> (end: Int, value: Value)? {
    guard let candidates = byFirstWord[firstWord] else { return nil }
    var best: (end: Int, value: Value)?
    for candidate in candidates {
      if let end = text.match(candidate.phrase, at: i), end > (best?.end ?? i) {
        best = (end, candidate.value)
      }
    }
    return best
  }
}
