import Domain

/// Reads the chairs: the countries listed after `co-chaired by`, `برئاسة`… (or before
/// `co-chaired`), in stated order; `hosted by` counts only when no chair is named.
enum ChairReader {
  private static let listWords: Set<String> = [
    "the", "and", "et", "la", "le", "les", "l", "و", "كل", "من", "بين",
  ]
  private static let maxChairs = 8

  /// The chairs and the token ranges of their names (so places do not read them as a venue).
  static func read(_ context: ReadingContext) -> [(code: String, tokens: Range<Int>)] {
    let chairs = read(context, cues: context.data.chairCues)
    return chairs.isEmpty ? read(context, cues: context.data.hostCues) : chairs
  }

  private static func read(_ context: ReadingContext, cues: PhraseTable<Int>) -> [(
    code: String, tokens: Range<Int>
  )] {
    var result: [(code: String, tokens: Range<Int>)] = []
    for cue in context.text.matches(of: cues) {
      let sentence = context.text.tokens[cue.range.lowerBound].sentence
      var list = names(from: cue.range.upperBound, in: sentence, context)
      if list.isEmpty { list = namesEnding(before: cue.range.lowerBound, context) }
      for entry in list where !result.contains(where: { $0.code == entry.code }) {
        result.append(entry)
      }
      if !result.isEmpty { break }
    }
    return result
  }

  /// A list of country names starting at `i`: `the United States, Italy and Saudi Arabia`,
  /// `الولايات المتحدة وإيطاليا والمملكة العربية السعودية`.
  private static func names(from i: Int, in sentence: Int, _ context: ReadingContext)
    -> [(code: String, tokens: Range<Int>)]
  {
    var result: [(code: String, tokens: Range<Int>)] = []
    var position = i
    while result.count < maxChairs, let token = context.token(position), token.sentence == sentence {
      if let (end, code) = context.text.longestMatch(of: context.data.countryNames, at: position) {
        result.append((code, position..<end))
        position = end
        continue
      }
      // Between names only list words and commas; anything else ends the list.
      let word = context.text.tokenText(position)
      guard listWords.contains(word) || (token.isArabic && word == "و") else { break }
      position += 1
    }
    return result
  }

  /// A list that ends right before the cue: `the United States, Italy and Saudi Arabia co-chaired`.
  private static func namesEnding(before cue: Int, _ context: ReadingContext) -> [(
    code: String, tokens: Range<Int>
  )] {
    guard let sentence = context.token(cue)?.sentence else { return [] }
    var start = cue - 1
    while start >= 0, context.text.tokens[start].sentence == sentence { start -= 1 }
    for i in (start + 1)..<cue {
      let list = names(from: i, in: sentence, context)
      if let last = list.last, last.tokens.upperBound <= cue, cue - last.tokens.upperBound <= 2 {
        return list
      }
    }
    return []
  }
}
