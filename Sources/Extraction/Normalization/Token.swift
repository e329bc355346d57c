/// A word or a run of digits of a folded text, with where it sits in the folded scalars.
struct Token: Sendable {
  /// The folded text of the token.
  var text: String
  /// Folded-scalar offsets of the token, end exclusive.
  var start: Int
  var end: Int
  /// Whether the token is a run of ASCII digits.
  var isNumber: Bool
  /// Whether the token is written in Arabic letters (clitics apply).
  var isArabic: Bool
  /// The sentence the token belongs to, counted from 0.
  var sentence: Int
  /// The line (paragraph) the token belongs to, counted from 0.
  var line: Int
  /// The folded forms the token can stand for: itself, and for Arabic without its clitics.
  var variants: [String]

  /// The number a digit token spells.
  var number: Int? { isNumber && text.count <= 9 ? Int(text) : nil }
}
