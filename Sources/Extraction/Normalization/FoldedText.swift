import Domain

/// A document's text folded once for matching, with a map from every folded scalar back to
/// the original scalar it came from, and its tokens indexed by every form they can stand for.
///
/// The stored text is never changed: matches are found here and reported as ranges of the
/// original's Unicode scalars.
final class FoldedText: Sendable {
  /// The original text's scalars, for quoting evidence.
  let original: [Unicode.Scalar]
  /// The folded scalars: whitespace runs collapsed to one space, line breaks to one `\n`.
  let folded: [Unicode.Scalar]
  /// For each folded scalar, the offset of the original scalar it came from.
  let origin: [Int]
  /// The words and numbers, in order.
  let tokens: [Token]
  /// Token positions by every variant they can stand for.
  private let index: [String: [Int]]

  /// Folds a text.
  init(_ text: String) {
    let original = Array(text.unicodeScalars)
    var folded: [Unicode.Scalar] = []
    var origin: [Int] = []
    folded.reserveCapacity(original.count)
    origin.reserveCapacity(original.count)
    var buffer: [Unicode.Scalar] = []
    for (offset, scalar) in original.enumerated() {
      buffer.removeAll(keepingCapacity: true)
      ScalarFolding.fold(scalar, into: &buffer)
      for out in buffer {
        if out == " " || out == "\n" {
          // Collapse runs of blanks; a line break wins over spaces around it.
          if let last = folded.last, last == " " || last == "\n" {
            if out == "\n", last == " " { folded[folded.count - 1] = "\n" }
            continue
          }
          if folded.isEmpty { continue }
        }
        folded.append(out)
        origin.append(offset)
      }
    }
    self.original = original
    self.folded = folded
    self.origin = origin
    self.tokens = FoldedText.tokenize(folded)
    var index: [String: [Int]] = [:]
    for (position, token) in tokens.enumerated() {
      for variant in token.variants { index[variant, default: []].append(position) }
    }
    self.index = index
  }

  private enum Kind { case letter, digit, other }

  private static func kind(_ scalar: Unicode.Scalar) -> Kind {
    if ("0"..."9").contains(scalar) { return .digit }
    if scalar.value < 0x80 {
      return ("a"..."z").contains(scalar) ? .letter : .other
    }
    return scalar.properties.isAlphabetic ? .letter : .other
  }

  private static func tokenize(_ folded: [Unicode.Scalar]) -> [Token] {
    var tokens: [Token] = []
    var sentence = 0
    var line = 0
    var position = 0
    var lastTokenLength = 0
    // Arabic words repeat; their clitic variants are worked out once per distinct word.
    var variantCache: [String: [String]] = [:]
    while position < folded.count {
      let scalar = folded[position]
      let kind = kind(scalar)
      if kind == .other {
        if scalar == "\n" {
          line += 1
          sentence += 1
        } else if scalar == "!" || scalar == "?" || scalar == ";" {
          sentence += 1
        } else if scalar == "." {
          // `U.S.` and `No. 5` do not end a sentence; a full stop after a word does.
          let next = position + 1 < folded.count ? folded[position + 1] : " "
          if lastTokenLength > 1 && (next == " " || next == "\n" || next == "\"") { sentence += 1 }
        }
        position += 1
        continue
      }
      let start = position
      while position < folded.count, FoldedText.kind(folded[position]) == kind { position += 1 }
      let text = String(String.UnicodeScalarView(folded[start..<position]))
      let isArabic = kind == .letter && (0x0600...0x06FF).contains(folded[start].value)
      var variants = [text]
      if isArabic {
        if let cached = variantCache[text] {
          variants = cached
        } else {
          variants = ArabicClitics.variants(of: text)
          variantCache[text] = variants
        }
      }
      tokens.append(
        Token(
          text: text, start: start, end: position, isNumber: kind == .digit, isArabic: isArabic,
          sentence: sentence, line: line,
          variants: variants))
      lastTokenLength = position - start
    }
    return tokens
  }

  /// The folded scalars between token `i - 1` and token `i` (the start of text for `i == 0`).
  func gap(before i: Int) -> ArraySlice<Unicode.Scalar> {
    let from = i == 0 ? 0 : tokens[i - 1].end
    let to = i < tokens.count ? tokens[i].start : folded.count
    return folded[from..<to]
  }

  /// The gap before token `i` as a string (`""` when the tokens touch).
  func gapText(before i: Int) -> String {
    String(String.UnicodeScalarView(gap(before: i)))
  }

  /// Whether tokens `i - 1` and `i` may sit inside one phrase: only blanks, hyphens, an
  /// apostrophe or nothing between them, or the full stop of an abbreviation (`u.s.`).
  func joins(before i: Int) -> Bool {
    guard i > 0, i < tokens.count, tokens[i - 1].line == tokens[i].line else { return false }
    let gap = gap(before: i)
    if gap.allSatisfy({ $0 == " " || $0 == "-" || $0 == "'" }) { return gap.count <= 3 }
    if tokens[i - 1].text.count == 1, gap.allSatisfy({ $0 == "." || $0 == " " }) { return true }
    return false
  }

  /// Where a phrase starts: token positions whose variants include its first word.
  func positions(of word: String) -> [Int] { index[word] ?? [] }

  /// The end (exclusive) of `phrase` matched at token `i`, or nil.
  func match(_ phrase: Phrase, at i: Int) -> Int? {
    let words = phrase.words
    guard i + words.count <= tokens.count else { return nil }
    for (k, word) in words.enumerated() {
      let token = tokens[i + k]
      if k > 0, !joins(before: i + k) { return nil }
      let last = k == words.count - 1
      if last && phrase.prefixMatch {
        guard token.variants.contains(where: { $0.hasPrefix(word) }) else { return nil }
      } else if !token.variants.contains(word) {
        return nil
      }
    }
    return i + words.count
  }

  /// Every match of any phrase of a table, as token ranges with the phrase's value, in text order.
  func matches<Value>(of table: PhraseTable<Value>) -> [(range: Range<Int>, value: Value)] {
    var found: [(range: Range<Int>, value: Value)] = []
    for first in table.firstWords {
      for i in positions(of: first) {
        if let (end, value) = table.longestMatch(in: self, at: i, firstWord: first) {
          found.append((i..<end, value))
        }
      }
    }
    if !table.prefixWords.isEmpty {
      for (i, token) in tokens.enumerated() {
        for entry in table.prefixWords where token.variants.contains(where: { $0.hasPrefix(entry.prefix) }) {
          found.append((i..<(i + 1), entry.value))
          break
        }
      }
    }
    found.sort { ($0.range.lowerBound, $1.range.count) < ($1.range.lowerBound, $0.range.count) }
    // Keep the longest at each start and drop matches nested in an earlier one.
    var result: [(range: Range<Int>, value: Value)] = []
    for match in found {
      if let last = result.last, match.range.lowerBound < last.range.upperBound { continue }
      result.append(match)
    }
    return result
  }

  /// The longest phrase of a table matching at token `i`.
  func longestMatch<Value>(of table: PhraseTable<Value>, at i: Int) -> (end: Int, value: Value)? {
    guard i < tokens.count else { return nil }
    var best: (end: Int, value: Value)?
    for entry in table.prefixWords
    where tokens[i].variants.contains(where: { $0.hasPrefix(entry.prefix) }) {
      best = (i + 1, entry.value)
      break
    }
    for variant in tokens[i].variants {
      if let candidate = table.longestMatch(in: self, at: i, firstWord: variant),
        candidate.end > (best?.end ?? i)
      {
        best = candidate
      }
    }
    return best
  }

  /// The original-scalar range covered by tokens `range`.
  func originalRange(tokens range: Range<Int>) -> Range<Int> {
    let first = tokens[range.lowerBound]
    let last = tokens[range.upperBound - 1]
    return origin[first.start]..<(origin[last.end - 1] + 1)
  }

  /// Evidence for tokens `range`: the original scalars they were folded from.
  func evidence(tokens range: Range<Int>) -> Evidence {
    let scalars = originalRange(tokens: range)
    return Evidence(range: scalars, quote: String(String.UnicodeScalarView(original[scalars])))
  }

  /// A value stated by tokens `range`.
  func stated<Value>(_ value: Value, tokens range: Range<Int>) -> Stated<Value> {
    Stated(value, evidence: evidence(tokens: range))
  }
}
