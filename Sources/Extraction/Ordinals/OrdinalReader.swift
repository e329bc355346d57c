import Domain

/// Reads the meeting's ordinal: `the twelfth meeting`, `12th meeting`, `inaugural meeting`,
/// `الاجتماع الثاني عشر`, `الاجتماع الـ12`, `الاجتماع رقم (12)` — only next to a word for
/// meeting, so `the first day` is not read.
enum OrdinalReader {
  /// Tokens that may stand between an English ordinal and its noun (`twelfth CIFG meeting`).
  private static let maxGapWords = 3
  private static let blockers: Set<String> = ["day", "days", "of", "time", "week", "year", "and", "in", "at"]

  static func read(_ context: ReadingContext) -> Stated<Int>? {
    let text = context.text
    for noun in text.matches(of: context.data.ordinalNouns) {
      if let found = arabicAfter(noun.range.upperBound, context) { return found }
      if let found = englishBefore(noun.range.lowerBound, context),
        !(found.value == 1 && isSuperlative(after: noun.range.upperBound, context))
      {
        return found
      }
    }
    return nil
  }

  /// `the first ministerial held in Africa`: "first" ranks the meeting among those held
  /// somewhere, it does not number the series.
  private static func isSuperlative(after i: Int, _ context: ReadingContext) -> Bool {
    guard context.token(i) != nil, context.sameSentence(i - 1, i) else { return false }
    return ["held", "ever", "outside", "hosted", "since"].contains(context.text.tokenText(i))
  }

  /// An English ordinal ending up to three words before the noun at `nounStart`.
  private static func englishBefore(_ nounStart: Int, _ context: ReadingContext) -> Stated<Int>? {
    var end = nounStart
    for _ in 0...maxGapWords {
      guard end > 0, context.text.joins(before: end) || end == nounStart else { return nil }
      if let (value, start) = englishOrdinal(endingAt: end, context) {
        return context.text.stated(value, tokens: start..<end)
      }
      end -= 1
      guard let token = context.token(end), !token.isArabic, !token.isNumber,
        !blockers.contains(context.text.tokenText(end)), context.sameSentence(end, nounStart)
      else { return nil }
    }
    return nil
  }

  /// The English ordinal whose last token is `end - 1`: `twelfth`, `twenty-first`, `12th`.
  static func englishOrdinal(endingAt end: Int, _ context: ReadingContext) -> (Int, Int)? {
    let words = context.data.ordinals
    guard let last = context.token(end - 1) else { return nil }
    if words.englishSuffixes.contains(last.word), let number = context.token(end - 2),
      number.end == last.start, let value = number.number, (1...200).contains(value)
    {
      return (value, end - 2)
    }
    guard let unit = words.englishWords[last.word] else { return nil }
    if unit < 10, let tens = context.token(end - 2).flatMap({ words.englishTens[$0.word] }),
      context.text.joins(before: end - 1)
    {
      return (tens + unit, end - 2)
    }
    return (unit, end - 1)
  }

  /// An Arabic ordinal right after the noun (one descriptive word may sit between:
  /// `الاجتماع الوزاري الثاني`).
  private static func arabicAfter(_ start: Int, _ context: ReadingContext) -> Stated<Int>? {
    for skip in 0...1 {
      let at = start + skip
      guard context.sameSentence(start - 1, at) else { return nil }
      if let (value, end) = arabicOrdinal(at: at, context) {
        return context.text.stated(value, tokens: at..<end)
      }
    }
    return nil
  }

  /// `الثاني عشر`, `الحادي والعشرين`, `العشرون`, `الـ12`, `ال 12`, `رقم (12)` at token `i`.
  static func arabicOrdinal(at i: Int, _ context: ReadingContext) -> (Int, Int)? {
    let words = context.data.ordinals
    guard let token = context.token(i), token.isArabic else { return nil }
    if words.digitMarkers.contains(token.word), let number = context.token(i + 1),
      let value = number.number, (1...200).contains(value), context.sameSentence(i, i + 1),
      number.start - token.end <= 2
    {
      return (value, i + 2)
    }
    if let tens = words.arabicTens[token.word] { return (tens, i + 1) }
    guard let unit = words.arabicUnits[token.word] else { return nil }
    if let next = context.token(i + 1), context.text.joins(before: i + 1) {
      if unit < 10, words.arabicTeens.contains(next.word) { return (10 + unit, i + 2) }
      if unit < 10,
        let tens = context.text.forms(of: i + 1).lazy.compactMap({ words.arabicTens[$0.id] }).first,
        context.text.token(i + 1, startsWith: "و")
      {
        return (tens + unit, i + 2)
      }
    }
    return (unit, i + 1)
  }
}
