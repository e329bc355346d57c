/// A search query: terms that must all occur, each a word, a word prefix (`fin*`) or a phrase
/// (`"virtual assets"`), folded as the index is.
///
/// A word that folds into several (`counter-terrorism`, `ISIS/Daesh`) is the phrase of them.
package struct SearchQuery: Hashable, Sendable {
  /// One term of a query.
  package enum Term: Hashable, Sendable {
    /// Folded words that must follow one another (one word for a plain term).
    case phrase([String])
    /// Folded words that must follow one another, the last one only as a prefix.
    case prefix([String])

    /// The words of the term.
    package var words: [String] {
      switch self {
      case .phrase(let w), .prefix(let w): w
      }
    }
  }

  /// The terms, in the order written.
  package var terms: [Term]

  /// Parses the command line's query; nil when it holds no word to look for.
  package init?(_ text: String) {
    var terms: [Term] = []
    // Split into quoted phrases and bare words; an unclosed quote runs to the end.
    var parts: [(text: String, quoted: Bool)] = []
    var current = ""
    var quoted = false
    for character in text {
      if character == "\"" || character == "“" || character == "”" || character == "«" || character == "»" {
        if !current.isEmpty { parts.append((current, quoted)) }
        current = ""
        quoted.toggle()
      } else if !quoted, character.isWhitespace {
        if !current.isEmpty { parts.append((current, false)) }
        current = ""
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { parts.append((current, quoted)) }
    for part in parts {
      let words = SearchText(part.text).words.map(\.text)
      guard !words.isEmpty else { continue }
      let isPrefix = !part.quoted && part.text.hasSuffix("*")
      terms.append(isPrefix ? .prefix(words) : .phrase(words))
    }
    guard !terms.isEmpty else { return nil }
    self.terms = terms
  }

  /// The query in FTS5's syntax: every term a quoted string (so no word is read as an
  /// operator), prefixes starred, all joined by AND.
  package var fts5: String {
    terms.map { term in
      // Words hold only letters and digits (``SearchText/words``): never a quote to escape.
      let quoted = "\"" + term.words.joined(separator: " ") + "\""
      if case .prefix = term { return quoted + " *" }
      return quoted
    }.joined(separator: " AND ")
  }
}
