/// A word or a run of digits of a folded text, with where it sits in the folded scalars.
/// (Plain data, so reading tokens costs no reference counting; the text is
/// ``FoldedText/tokenText(_:)``.)
///
/// Positions and counts are stored in 32 bits (40 bytes a token instead of 88: a text has
/// hundreds of tokens, each written once and read by every reader); a text of 2³¹ scalars
/// would not fit in memory as folded text anyway.
struct Token: Sendable {
  private let storedStart: Int32
  private let storedEnd: Int32
  private let storedSentence: Int32
  private let storedLine: Int32
  private let formStart: Int32
  private let formEnd: Int32
  /// The number, or -1 for none (a number has at most nine digits).
  private let storedNumber: Int32
  private let storedCharacterCount: Int32
  /// The lexicon id of the token's text (``Lexicon/unknown`` when no data file uses it).
  let word: WordID
  /// Whether the token is a run of ASCII digits.
  let isNumber: Bool
  /// Whether the token is written in Arabic letters (clitics apply).
  let isArabic: Bool
  /// Whether all its scalars are plain (``PlainScalars``): then a scalar is a `Character`.
  let isPlain: Bool

  /// A token; `number` is at most nine digits' worth.
  init(
    start: Int, end: Int, isNumber: Bool, isArabic: Bool, isPlain: Bool, sentence: Int, line: Int,
    word: WordID, forms: Range<Int>, number: Int?, characterCount: Int
  ) {
    storedStart = Int32(start)
    storedEnd = Int32(end)
    self.isNumber = isNumber
    self.isArabic = isArabic
    self.isPlain = isPlain
    storedSentence = Int32(sentence)
    storedLine = Int32(line)
    self.word = word
    formStart = Int32(forms.lowerBound)
    formEnd = Int32(forms.upperBound)
    storedNumber = number.map { Int32($0) } ?? -1
    storedCharacterCount = Int32(characterCount)
  }

  /// Folded-scalar offsets of the token, end exclusive.
  var start: Int { Int(storedStart) }
  var end: Int { Int(storedEnd) }
  /// The sentence the token belongs to, counted from 0.
  var sentence: Int { Int(storedSentence) }
  /// The line (paragraph) the token belongs to, counted from 0.
  var line: Int { Int(storedLine) }
  /// Where its forms sit in ``FoldedText/forms``: itself, and for Arabic without its clitics.
  var forms: Range<Int> { Int(formStart)..<Int(formEnd) }
  /// The number a digit token of at most nine digits spells.
  var number: Int? { storedNumber < 0 ? nil : Int(storedNumber) }
  /// How many `Character`s the token holds.
  var characterCount: Int { Int(storedCharacterCount) }
}

/// One form a token can stand for: the folded scalars from `start` to the token's end, after an
/// alef when `afterAlef` (`للقطاع` stands for `القطاع`), and that form's lexicon id.
struct WordForm: Sendable {
  /// The form's lexicon id.
  var id: WordID
  /// The folded-scalar offset where the form's own scalars start.
  var start: Int
  /// Whether an alef precedes them (the article a clitic `ل` swallowed).
  var afterAlef: Bool
}
