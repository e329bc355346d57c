/// A few words of a document around where a query matches it, with the matching words marked.
///
/// Cut from the original text (not the folded one the index holds), so it reads as published;
/// runs of whitespace become one space. Marks are ranges of the snippet's Unicode scalars.
package struct Snippet: Hashable, Sendable {
  /// The words, with `…` where the text goes on.
  package var text: String
  /// The matched words, as ranges of `text`'s Unicode scalars, in order.
  package var marks: [Range<Int>]

  /// The snippet split at its marks: each piece and whether it is a match.
  package var pieces: [(text: String, marked: Bool)] {
    let scalars = Array(text.unicodeScalars)
    var out: [(String, Bool)] = []
    var at = 0
    func piece(_ range: Range<Int>, _ marked: Bool) {
      guard !range.isEmpty else { return }
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[range])
      out.append((String(view), marked))
    }
    for mark in marks {
      piece(at..<mark.lowerBound, false)
      piece(mark, true)
      at = mark.upperBound
    }
    piece(at..<scalars.count, false)
    return out
  }

  /// The snippet of `text` for `query`: about `words` words from a little before the place
  /// where most of the query's terms match close together; the text's first words when it
  /// does not match (a match in the title only).
  package init(of text: String, for query: SearchQuery, words: Int = 32) {
    let original = Array(text.unicodeScalars)
    let folded = SearchText(original)
    let all = folded.words
    let matched = Snippet.matches(of: query, in: all.map(\.text))
    // The window start that covers the most distinct terms, the earliest among equals.
    var start = 0
    if let first = matched.first {
      start = first.words.lowerBound
      var best = 0
      // The first matches only: a word on every line of a long text need not be tried everywhere.
      for candidate in matched.prefix(64) {
        let window = candidate.words.lowerBound..<(candidate.words.lowerBound + words)
        let terms = Set(matched.prefix(256).filter { window.contains($0.words.lowerBound) }.map(\.term)).count
        if terms > best {
          best = terms
          start = candidate.words.lowerBound
        }
      }
      start = max(0, start - words / 4)
    }
    let end = min(all.count, start + words)
    guard start < end else {
      self.init(text: "", marks: [])
      return
    }
    func originalRange(_ word: SearchWord) -> Range<Int> {
      folded.origin[word.folded.lowerBound]..<(folded.origin[word.folded.upperBound - 1] + 1)
    }
    let from = originalRange(all[start]).lowerBound
    // To the text's end after its last word (a full stop), else to the end of the last word.
    var to = originalRange(all[end - 1]).upperBound
    if end == all.count {
      to = original.count
      while to > from, original[to - 1].properties.isWhitespace { to -= 1 }
    }
    let markedWords = matched.map(\.words).filter { $0.lowerBound < end && $0.upperBound > start }
    var marks: [Range<Int>] = []
    for words in markedWords {
      let lower = originalRange(all[max(words.lowerBound, start)]).lowerBound
      let upper = originalRange(all[min(words.upperBound, end) - 1]).upperBound
      if let last = marks.last, last.upperBound >= lower {
        marks[marks.count - 1] = last.lowerBound..<max(last.upperBound, upper)
      } else {
        marks.append(lower..<upper)
      }
    }
    // Copy, whitespace runs made one space, marks moved with the scalars.
    var out = String.UnicodeScalarView()
    var position: [Int: Int] = [:]
    var count = 0
    if start > 0 {
      out.append("…")
      out.append(" ")
      count = 2
    }
    var lastBlank = false
    for offset in from..<to {
      let scalar = original[offset]
      let blank = scalar.properties.isWhitespace
      if blank && lastBlank { continue }
      position[offset] = count
      out.append(blank ? " " : scalar)
      count += 1
      lastBlank = blank
    }
    position[to] = count
    if end < all.count {
      out.append(" ")
      out.append("…")
    }
    let moved = marks.compactMap { mark -> Range<Int>? in
      guard let lower = position[mark.lowerBound], let upper = position[mark.upperBound] else { return nil }
      return lower..<upper
    }
    self.init(text: String(out), marks: moved)
  }

  package init(text: String, marks: [Range<Int>]) {
    self.text = text
    self.marks = marks
  }

  /// Where each term matches: the range of words and the term's index, in word order.
  static func matches(of query: SearchQuery, in words: [String]) -> [(words: Range<Int>, term: Int)] {
    var out: [(words: Range<Int>, term: Int)] = []
    for (index, term) in query.terms.enumerated() {
      let wanted = term.words
      guard !wanted.isEmpty, wanted.count <= words.count else { continue }
      for i in 0...(words.count - wanted.count) {
        var ok = true
        for (k, w) in wanted.enumerated() {
          let last = k == wanted.count - 1
          if case .prefix = term, last ? !words[i + k].hasPrefix(w) : words[i + k] != w {
            ok = false
            break
          }
          if case .phrase = term, words[i + k] != w {
            ok = false
            break
          }
        }
        if ok { out.append((i..<(i + wanted.count), index)) }
      }
    }
    return out.sorted { ($0.words.lowerBound, $0.term) < ($1.words.lowerBound, $1.term) }
  }
}
