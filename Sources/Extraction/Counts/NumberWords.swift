/// The cardinal number words of `numbers.json`, folded (`fifty-six`, `ستة وخمسون`).
struct NumberWords: Sendable {
  var units = WordMap<Int>()
  var tens = WordMap<Int>()
  var hundreds = WordMap<Int>()
  /// The bit its words carry in ``Lexicon/phraseStarts(_:)`` (0 before it is registered):
  /// a token with no form carrying it is no number word, told without looking it up.
  private(set) var bit: PhraseStarts = 0

  /// Gives the number words `bit` in `lexicon` (once every word is in).
  mutating func register(bit: PhraseStarts, in lexicon: inout Lexicon) {
    self.bit = bit
    for id in units.ids + tens.ids + hundreds.ids { lexicon.markPhraseStart(id, bit: bit) }
  }

  init(_ file: DataFiles.Numbers, lexicon: inout Lexicon) throws(ExtractionError) {
    for words in [file.english, file.arabic] {
      for (source, target) in [
        (words.units, \NumberWords.units), (words.tens, \.tens), (words.hundreds, \.hundreds),
      ] {
        for (text, value) in source {
          guard let phrase = Phrase(text), value > 0 else {
            throw .badEntry(file: "numbers.json", entry: text, reason: "expected a word and a positive value")
          }
          self[keyPath: target][lexicon.intern(phrase.words.joined(separator: " "))] = value
        }
      }
    }
    // Arabic number words take the article when they follow a defined noun (`الدول التسع
    // والأربعين`); the clitics a token sheds leave `ال` on.
    for (source, target) in [
      (file.arabic.units, \NumberWords.units), (file.arabic.tens, \.tens), (file.arabic.hundreds, \.hundreds),
    ] {
      for (text, value) in source where !text.hasPrefix("ال") {
        guard let phrase = Phrase("ال" + text), phrase.words.count == 1 else { continue }
        self[keyPath: target][lexicon.intern(phrase.words[0])] = value
      }
    }
  }
}
