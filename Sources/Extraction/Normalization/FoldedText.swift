import Domain

/// A document's text folded once for matching, with a map from every folded scalar back to
/// the original scalar it came from, and its tokens with every form they can stand for.
///
/// The stored text is never changed: matches are found here and reported as ranges of the
/// original's Unicode scalars. Forms carry lexicon ids, so phrase tables compare numbers.
final class FoldedText: Sendable {
  /// The original text's scalars, for quoting evidence.
  let original: [Unicode.Scalar]
  /// The folded scalars: whitespace runs collapsed to one space, line breaks to one `\n`.
  let folded: [Unicode.Scalar]
  /// For each folded scalar, the offset of the original scalar it came from.
  let origin: [Int]
  /// The words and numbers, in order.
  let tokens: [Token]
  /// The forms of every token, token after token (``Token/forms`` says which are whose).
  let forms: [WordForm]
  /// For each token, the bits of the phrase tables some phrase of which starts with one of its
  /// forms, and of the number words when a form is one (``Lexicon/phraseStarts(_:)``): one test
  /// tells a table or the number reader to skip the token.
  let phraseStarts: [PhraseStarts]
  /// For each bit `b` of ``phraseStarts``, the tokens carrying it, in order:
  /// `startingTokens[startingBounds[b]..<startingBounds[b + 1]]`. A table's scan visits only
  /// those (a few in a hundred tokens), instead of testing every token's bits.
  let startingTokens: [Int32]
  let startingBounds: [Int32]

  /// Folds a text; token forms get their ids from `lexicon` (an empty one gives none).
  init(_ text: String, lexicon: Lexicon = Lexicon()) {
    let original = FoldedText.scalars(of: text)
    let (folded, origin) = FoldedText.fold(original)
    self.original = original
    self.folded = folded
    self.origin = origin
    (self.tokens, self.forms, self.phraseStarts) = FoldedText.tokenize(
      folded, origin: origin, original: original, lexicon: lexicon)
    (self.startingTokens, self.startingBounds) = FoldedText.tokensByBit(phraseStarts)
  }

  /// ``startingTokens`` and ``startingBounds`` of `starts`: counted per bit, then placed.
  static func tokensByBit(_ starts: [PhraseStarts]) -> (tokens: [Int32], bounds: [Int32]) {
    let bits = PhraseStarts.bitWidth
    var bounds = [Int32](repeating: 0, count: bits + 1)
    // Counted and placed through pointers: an array's every change checked its uniqueness.
    let total = bounds.withUnsafeMutableBufferPointer { bounds in
      for var word in starts {
        while word != 0 {
          bounds[word.trailingZeroBitCount + 1] += 1
          word &= word - 1
        }
      }
      for b in 0..<bits { bounds[b + 1] += bounds[b] }
      return Int(bounds[bits])
    }
    // No tokens: the empty array, since initializing one of capacity 0 writes its count into
    // the shared empty storage (ThreadSanitizer reports it when two texts are folded at once).
    guard total > 0 else { return ([], bounds) }
    let tokens = [Int32](unsafeUninitializedCapacity: total) { buffer, count in
      withUnsafeTemporaryAllocation(of: Int32.self, capacity: bits) { next in
        for b in 0..<bits { next[b] = bounds[b] }
        for (i, start) in starts.enumerated() {
          var word = start
          while word != 0 {
            let b = word.trailingZeroBitCount
            buffer.initializeElement(at: Int(next[b]), to: Int32(i))
            next[b] += 1
            word &= word - 1
          }
        }
      }
      count = total
    }
    return (tokens, bounds)
  }

  /// `Array(text.unicodeScalars)` in one pass over the UTF-8 (the generic copy counts the
  /// scalars first, then decodes them again). A String's UTF-8 is always valid.
  static func scalars(of text: String) -> [Unicode.Scalar] {
    var text = text
    return text.withUTF8 { utf8 in
      [Unicode.Scalar](unsafeUninitializedCapacity: utf8.count) { buffer, count in
        var i = 0
        var n = 0
        while i < utf8.count {
          buffer.initializeElement(at: n, to: decodeScalar(utf8, at: &i))
          n += 1
        }
        count = n
      }
    }
  }

  /// The scalar whose valid UTF-8 starts at `i`; `i` moves past it.
  @inline(__always)
  static func decodeScalar(_ utf8: UnsafeBufferPointer<UInt8>, at i: inout Int) -> Unicode.Scalar {
    let lead = UInt32(utf8[i])
    var value: UInt32
    if lead < 0x80 {
      value = lead
      i += 1
    } else if lead < 0xE0 {
      value = (lead & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F)
      i += 2
    } else if lead < 0xF0 {
      value = (lead & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F)
      i += 3
    } else {
      value = (lead & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12 | UInt32(utf8[i + 2] & 0x3F) << 6
      value |= UInt32(utf8[i + 3] & 0x3F)
      i += 4
    }
    return unsafeBitCast(value, to: Unicode.Scalar.self)
  }

  /// The folded scalars and, for each, the offset of the original scalar it came from.
  static func fold(_ original: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int]) {
    foldSingles(original) ?? foldAny(original)
  }

  /// ``fold(_:)`` of a text whose every scalar folds to at most one (``ScalarFolding/single(_:)``,
  /// nearly every text), written in place: the output is never longer than the input. Nil at
  /// the first scalar that takes a decomposition.
  static func foldSingles(_ original: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int])? {
    let capacity = original.count
    var length = 0
    var complete = true
    var origin: [Int] = []
    let folded = [Unicode.Scalar](unsafeUninitializedCapacity: capacity) { out, outCount in
      origin = [Int](unsafeUninitializedCapacity: capacity) { offsets, offsetCount in
        original.withUnsafeBufferPointer { scalars in
          // Whether the last scalar written is a blank: runs of blanks collapse into it.
          var lastIsBlank = false
          for offset in 0..<scalars.count {
            guard let single = ScalarFolding.single(scalars[offset]) else {
              complete = false
              return
            }
            guard let scalar = single else { continue }
            if scalar == " " || scalar == "\n" {
              // A line break wins over spaces around it; nothing blank leads.
              if lastIsBlank {
                if scalar == "\n" { out[length - 1] = "\n" }
                continue
              }
              if length == 0 { continue }
              lastIsBlank = true
            } else {
              lastIsBlank = false
            }
            out.initializeElement(at: length, to: scalar)
            offsets.initializeElement(at: length, to: offset)
            length += 1
          }
        }
        offsetCount = complete ? length : 0
      }
      outCount = complete ? length : 0
    }
    return complete ? (folded, origin) : nil
  }

  /// ``fold(_:)`` of any text, decompositions included.
  static func foldAny(_ original: [Unicode.Scalar]) -> ([Unicode.Scalar], [Int]) {
    var folded: [Unicode.Scalar] = []
    var origin: [Int] = []
    folded.reserveCapacity(original.count)
    origin.reserveCapacity(original.count)
    var buffer: [Unicode.Scalar] = []
    func append(_ out: Unicode.Scalar, _ offset: Int) {
      if out == " " || out == "\n" {
        // Collapse runs of blanks; a line break wins over spaces around it.
        if let last = folded.last, last == " " || last == "\n" {
          if out == "\n", last == " " { folded[folded.count - 1] = "\n" }
          return
        }
        if folded.isEmpty { return }
      }
      folded.append(out)
      origin.append(offset)
    }
    for offset in original.indices {
      let scalar = original[offset]
      if let single = ScalarFolding.single(scalar) {
        if let out = single { append(out, offset) }
        continue
      }
      buffer.removeAll(keepingCapacity: true)
      ScalarFolding.fold(scalar, into: &buffer)
      for out in buffer { append(out, offset) }
    }
    return (folded, origin)
  }

  /// What a folded scalar is to the tokenizer: tokens are runs of letters or of digits.
  enum Kind { case letter, digit, other }

  /// The kind of a folded scalar.
  @inline(__always)
  static func kind(_ scalar: Unicode.Scalar) -> Kind {
    let value = scalar.value
    if value < 0x80 {
      if value >= 0x30 && value <= 0x39 { return .digit }
      return value >= 0x61 && value <= 0x7A ? .letter : .other
    }
    // The Arabic letters folding keeps are all alphabetic (a test checks it).
    if (0x0621...0x064A).contains(value) || (0x0674...0x06D3).contains(value) { return .letter }
    return scalar.properties.isAlphabetic ? .letter : .other
  }

  /// A line of at least this many tokens that a single line break ends right after a lowercase
  /// word was wrapped: text copied from a PDF (`Co-chaired by Italy, Saudi Arabia, and the` /
  /// `United States`). Its sentence goes on.
  static let wrappedLineTokens = 8

  private static func tokenize(
    _ folded: [Unicode.Scalar], origin: [Int], original: [Unicode.Scalar], lexicon: Lexicon
  ) -> ([Token], [WordForm], [PhraseStarts]) {
    var tokens: [Token] = []
    var forms: [WordForm] = []
    var phraseStarts: [PhraseStarts] = []
    // Room made once instead of growing (and copying) each array about ten times: a token and
    // the blank after it take about six scalars, so a quarter of them is ample for statements;
    // a text of shorter words grows the arrays as before.
    let expected = folded.count / 4 + 1
    tokens.reserveCapacity(expected)
    forms.reserveCapacity(expected)
    phraseStarts.reserveCapacity(expected)
    var clitics: [(start: Int, afterAlef: Bool)] = []
    var sentence = 0
    var line = 0
    var position = 0
    var lastTokenLength = 0
    var lineTokens = 0
    var lastWordIsLowercase = false
    // Read in place: slicing the array for every word retained and released its storage.
    folded.withUnsafeBufferPointer { scalars in
      while position < scalars.count {
        let scalar = scalars[position]
        let kind = kind(scalar)
        if kind == .other {
          if scalar == "\n" {
            if !(lineTokens >= wrappedLineTokens && lastWordIsLowercase
              && !isParagraphBreak(at: origin[position], original))
            {
              sentence += 1
            }
            line += 1
            lineTokens = 0
          } else if scalar == "!" || scalar == "?" || scalar == ";" {
            sentence += 1
          } else if scalar == "." {
            // `U.S.` and `No. 5` do not end a sentence; a full stop after a word does.
            let next = position + 1 < scalars.count ? scalars[position + 1] : " "
            if lastTokenLength > 1 && (next == " " || next == "\n" || next == "\"") { sentence += 1 }
          }
          position += 1
          continue
        }
        let start = position
        var isPlain = true
        while position < scalars.count, FoldedText.kind(scalars[position]) == kind {
          if isPlain && !PlainScalars.contains(scalars[position].value) { isPlain = false }
          position += 1
        }
        let word = UnsafeBufferPointer(rebasing: scalars[start..<position])
        let isArabic = kind == .letter && (0x0600...0x06FF).contains(scalars[start].value)
        let first = forms.count
        if !isArabic {
          let id = isPlain ? lexicon.id(ofPlain: word) : lexicon.id(of: folded[start..<position])
          forms.append(WordForm(id: id, start: start, afterAlef: false))
        } else if isPlain {
          ArabicClitics.forms(folded, start, position, into: &clitics)
          for form in clitics {
            let id = lexicon.id(
              ofPlain: UnsafeBufferPointer(rebasing: scalars[form.start..<position]),
              afterAlef: form.afterAlef)
            forms.append(WordForm(id: id, start: form.start, afterAlef: form.afterAlef))
          }
        } else {
          // Other scalars may join into one Character: the String rules decide, as they always did.
          for variant in ArabicClitics.variants(of: string(folded[start..<position])) {
            let count = variant.unicodeScalars.count
            let suffix = folded[(position - count)..<position]
            let form =
              suffix.elementsEqual(variant.unicodeScalars)
              ? WordForm(id: lexicon.id(of: variant), start: position - count, afterAlef: false)
              : WordForm(id: lexicon.id(of: variant), start: position - count + 1, afterAlef: true)
            forms.append(form)
          }
        }
        var number: Int?
        if kind == .digit, position - start <= 9 {
          number = word.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
        }
        tokens.append(
          Token(
            start: start, end: position, isNumber: kind == .digit, isArabic: isArabic, isPlain: isPlain,
            sentence: sentence, line: line, word: forms[first].id, forms: first..<forms.count, number: number,
            characterCount: isPlain ? position - start : string(folded[start..<position]).count))
        lastTokenLength = position - start
        lineTokens += 1
        // A line ending in a lowercase Latin word may be wrapped; a title ends in a capital.
        // (Tested only at a line's end: the case lookup is not free.)
        lastWordIsLowercase =
          position < scalars.count && scalars[position] == "\n" && kind == .letter && !isArabic
          && original[origin[start]].properties.isLowercase
        var starts: PhraseStarts = 0
        for k in first..<forms.count { starts |= lexicon.phraseStarts(forms[k].id) }
        phraseStarts.append(starts)
      }
    }
    return (tokens, forms, phraseStarts)
  }

  /// Whether the line break at original offset `i` is one of two or more (a blank line between
  /// paragraphs), blanks between them allowed.
  static func isParagraphBreak(at i: Int, _ original: [Unicode.Scalar]) -> Bool {
    var k = i + 1
    while k < original.count, original[k] == " " || original[k] == "\t" || original[k] == "\r" { k += 1 }
    return k < original.count && original[k] == "\n"
  }

  /// A String of scalars, written as UTF-8 in one go.
  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    var count = 0
    for scalar in scalars { count += UTF8.width(scalar) }
    return String(unsafeUninitializedCapacity: count) { buffer in
      var i = 0
      for scalar in scalars {
        UTF8.encode(scalar) { unit in
          buffer[i] = unit
          i += 1
        }
      }
      return i
    }
  }

  /// The folded text of token `i`.
  func tokenText(_ i: Int) -> String { FoldedText.string(folded[tokens[i].start..<tokens[i].end]) }

  /// Whether token `i` starts with `scalar` (a `Character` of its own), as `hasPrefix` says.
  func token(_ i: Int, startsWith scalar: Unicode.Scalar) -> Bool {
    let token = tokens[i]
    return token.isPlain ? folded[token.start] == scalar : tokenText(i).hasPrefix(String(scalar))
  }

  /// The forms token `i` can stand for: itself first, then (Arabic) without its clitics.
  func forms(of i: Int) -> ArraySlice<WordForm> { forms[tokens[i].forms] }

  /// Whether token `i` can stand for word `id`.
  func has(_ i: Int, form id: WordID) -> Bool {
    guard id != Lexicon.unknown else { return false }
    for k in tokens[i].forms where forms[k].id == id { return true }
    return false
  }

  /// Whether some form of token `i` starts with scalar `value` (plain tokens only).
  func has(_ i: Int, formStartingWith value: UInt32) -> Bool {
    for k in tokens[i].forms {
      let form = forms[k]
      if form.afterAlef ? value == 0x0627 : folded[form.start].value == value { return true }
    }
    return false
  }

  /// Whether some form of token `i` starts with the folded word `prefix`.
  func has(_ i: Int, formWithPrefix prefix: FoldedWord) -> Bool {
    let token = tokens[i]
    guard token.isPlain, prefix.isPlain else {
      return forms(of: i).contains { formString($0, end: token.end).hasPrefix(prefix.text) }
    }
    return forms(of: i).contains { form in
      let length = token.end - form.start + (form.afterAlef ? 1 : 0)
      guard length >= prefix.scalars.count else { return false }
      var k = form.start
      for (n, value) in prefix.scalars.enumerated() {
        if n == 0 && form.afterAlef {
          guard value == 0x0627 else { return false }
          continue
        }
        guard folded[k].value == value else { return false }
        k += 1
      }
      return true
    }
  }

  private func formString(_ form: WordForm, end: Int) -> String {
    (form.afterAlef ? "\u{0627}" : "") + FoldedText.string(folded[form.start..<end])
  }

  /// The folded scalars between token `i - 1` and token `i` (the start of text for `i == 0`).
  func gap(before i: Int) -> ArraySlice<Unicode.Scalar> {
    let from = i == 0 ? 0 : tokens[i - 1].end
    let to = i < tokens.count ? tokens[i].start : folded.count
    return folded[from..<to]
  }

  /// The gap before token `i` as a string (`""` when the tokens touch).
  func gapText(before i: Int) -> String {
    FoldedText.string(gap(before: i))
  }

  /// Whether tokens `i - 1` and `i` may sit inside one phrase: only blanks, hyphens, an
  /// apostrophe or nothing between them, or the full stop of an abbreviation (`u.s.`).
  func joins(before i: Int) -> Bool {
    guard i > 0, i < tokens.count, tokens[i - 1].line == tokens[i].line else { return false }
    let gap = gap(before: i)
    // Quotation marks may stand around a name inside a phrase: `تمويل تنظيم "داعش"`.
    if gap.allSatisfy({ $0 == " " || $0 == "-" || $0 == "'" || $0 == "\"" }) { return gap.count <= 3 }
    if tokens[i - 1].characterCount == 1, gap.allSatisfy({ $0 == "." || $0 == " " }) { return true }
    return false
  }

  /// Every match of any phrase of a table, as token ranges with the phrase's value, in text
  /// order: the longest at each start, none nested in an earlier one.
  func matches<Value>(of table: PhraseTable<Value>) -> [(range: Range<Int>, value: Value)] {
    var result: [(range: Range<Int>, value: Value)] = []
    // A table whose every match starts at a token with its bit visits just those tokens:
    // the others are the ones the loop below would step over.
    if table.bit.nonzeroBitCount == 1, table.prefixWords.isEmpty {
      let b = table.bit.trailingZeroBitCount
      var i = 0
      for k in Int(startingBounds[b])..<Int(startingBounds[b + 1]) {
        let start = Int(startingTokens[k])
        guard start >= i else { continue }
        if let best = firstWordMatch(of: table, at: start) {
          result.append((start..<best.end, best.value))
          i = best.end
        } else {
          i = start + 1
        }
      }
      return result
    }
    // With one-word prefix phrases every token is tried; a token without the table's bit
    // starts none of its other phrases, so only the prefix phrases are tried there.
    let bit = table.bit.nonzeroBitCount == 1 ? table.bit : 0
    var i = 0
    while i < tokens.count {
      guard table.mayStart(phraseStarts[i]) else {
        i += 1
        continue
      }
      var best = bit == 0 || phraseStarts[i] & bit != 0 ? firstWordMatch(of: table, at: i) : nil
      if best == nil, !table.prefixWords.isEmpty, let value = table.prefixWordMatch(in: self, at: i) {
        best = (i + 1, value)
      }
      if let best {
        result.append((i..<best.end, best.value))
        i = best.end
      } else {
        i += 1
      }
    }
    return result
  }

  /// The longest phrase of a table looked up by a form of token `i` as its first word.
  @inline(__always)
  private func firstWordMatch<Value>(of table: PhraseTable<Value>, at i: Int) -> (end: Int, value: Value)? {
    var best: (end: Int, value: Value)?
    for k in tokens[i].forms where table.hasFirstWord(forms[k].id) {
      if let candidate = table.longestMatch(in: self, at: i, firstWord: forms[k].id),
        candidate.end > (best?.end ?? i)
      {
        best = candidate
      }
    }
    return best
  }

  /// The longest phrase of a table matching at token `i`.
  func longestMatch<Value>(of table: PhraseTable<Value>, at i: Int) -> (end: Int, value: Value)? {
    guard i < tokens.count, table.mayStart(phraseStarts[i]) else { return nil }
    var best: (end: Int, value: Value)?
    if !table.prefixWords.isEmpty, let value = table.prefixWordMatch(in: self, at: i) {
      best = (i + 1, value)
    }
    for k in tokens[i].forms where table.hasFirstWord(forms[k].id) {
      if let candidate = table.longestMatch(in: self, at: i, firstWord: forms[k].id),
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

  /// The tokens evidence read from `evidence` covers, found by its original range.
  func tokens(of evidence: Evidence) -> Range<Int>? {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if origin[tokens[middle].start] < evidence.range.lowerBound { low = middle + 1 } else { high = middle }
    }
    var end = low
    while end < tokens.count, origin[tokens[end].start] < evidence.range.upperBound { end += 1 }
    return low < end ? low..<end : nil
  }

  /// Evidence for tokens `range`: the original scalars they were folded from.
  func evidence(tokens range: Range<Int>) -> Evidence {
    let scalars = originalRange(tokens: range)
    return Evidence(range: scalars, quote: FoldedText.string(original[scalars]))
  }

  /// A value stated by tokens `range`.
  func stated<Value>(_ value: Value, tokens range: Range<Int>) -> Stated<Value> {
    Stated(value, evidence: evidence(tokens: range))
  }
}
