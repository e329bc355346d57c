/// A word or a run of digits of a folded text, with where it sits in the folded scalars.
/// (Plain data, so reading tokens costs no reference counting; the text is
/// ``FoldedText/tokenText(_:)``.)
struct Token: Sendable {
  /// Folded-scalar offsets of the token, end exclusive.
  var start: Int
  var end: Int
  /// Whether the token is a run of ASCII digits.
  var isNumber: Bool
  /// Whether the token is written in Arabic letters (clitics apply).
  var isArabic: Bool
  /// Whether all its scalars are plain (``PlainScalars``): then a scalar is a `Character`.
  var isPlain: Bool
  /// The sentence the token belongs to, counted from 0.
  var sentence: Int
  /// The line (paragraph) the token belongs to, counted from 0.
  var line: Int
  /// The lexicon id of the token's text (``Lexicon/unknown`` when no data file uses it).
  var word: WordID
  /// Where its forms sit in ``FoldedText/forms``: itself, and for Arabic without its clitics.
  var forms: Range<Int>

  /// The number a digit token of at most nine digits spells.
  var number: Int?
  /// How many `Character`s the token holds.
  var characterCount: Int
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
