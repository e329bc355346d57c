/// Reads a cardinal number at a token: digits (`56`, `الـ56`) or words (`fifty-six`,
/// `ستة وخمسون`).
struct NumberReader {
  let context: ReadingContext

  /// The number starting at token `i` and the position after it.
  func number(at i: Int) -> (value: Int, end: Int)? {
    guard i < context.text.tokens.count else { return nil }
    let token = context.text.tokens[i]
    if token.isNumber {
      guard let value = token.number, value > 0, value < 100_000 else { return nil }
      // A year (`since 2014, its members`) counts nothing.
      if token.characterCount == 4, (1900...2100).contains(value) { return nil }
      // `2. Partners`: a numbered list's marker opening a line.
      if i == 0 || context.text.tokens[i - 1].line != token.line,
        let next = context.token(i + 1), next.line == token.line,
        [".", ")"].contains(context.text.gapText(before: i + 1).trimmingBlanks)
      {
        return nil
      }
      if let next = context.token(i + 1), next.start == token.end, !next.isArabic { return nil }
      let gapAfter = i + 1 < context.text.tokens.count ? context.text.gapText(before: i + 1) : ""
      if gapAfter.hasPrefix("%") || gapAfter.hasPrefix(".") && (context.token(i + 1)?.isNumber ?? false) {
        return nil
      }
      return (value, i + 1)
    }
    return words(at: i)
  }

  /// `fifty-six`, `eighty`, `one hundred`, `ستة وخمسون`, `خمسين`.
  private func words(at i: Int) -> (value: Int, end: Int)? {
    guard context.token(i) != nil else { return nil }
    // Most tokens are no number word: their bit says so without a look-up.
    let bit = context.data.numbers.bit
    if bit != 0, context.text.phraseStarts[i] & bit == 0 { return nil }
    let words = context.data.numbers
    func value(_ table: WordMap<Int>, _ i: Int) -> Int? {
      for form in context.text.forms(of: i) {
        if let value = table[form.id] { return value }
      }
      return nil
    }
    if let hundred = value(words.hundreds, i) {
      return (hundred, i + 1)
    }
    if let tens = value(words.tens, i) {
      if let next = context.token(i + 1), context.text.joins(before: i + 1),
        let unit = words.units[next.word],
        unit < 10
      {
        return (tens + unit, i + 2)
      }
      return (tens, i + 1)
    }
    guard let unit = value(words.units, i) else { return nil }
    // `أربعة عشر`, `أحد عشر`: a unit before ten is a teen.
    if unit < 10, let next = context.token(i + 1), next.isArabic, context.text.joins(before: i + 1),
      value(words.units, i + 1) == 10
    {
      return (unit + 10, i + 2)
    }
    // Arabic puts the unit first: `ستة وخمسون`.
    if unit < 10, let next = context.token(i + 1), next.isArabic, context.text.token(i + 1, startsWith: "و"),
      context.text.joins(before: i + 1),
      let tens = context.text.forms(of: i + 1).dropFirst().lazy.compactMap({ words.tens[$0.id] }).first
    {
      return (tens + unit, i + 2)
    }
    if context.token(i + 1) != nil, context.text.joins(before: i + 1),
      context.text.tokenText(i + 1) == "hundred"
    {
      return (unit * 100, i + 2)
    }
    return (unit, i + 1)
  }
}
