/// The ordinal words of `ordinals.json`, folded: English words and tens, digit suffixes,
/// Arabic units (both genders), the teen word and tens.
struct OrdinalWords: Sendable {
  var englishWords = WordMap<Int>()
  var englishTens = WordMap<Int>()
  var englishSuffixes = WordSet()
  var arabicUnits = WordMap<Int>()
  var arabicTeens = WordSet()
  var arabicTens = WordMap<Int>()
  var digitMarkers = WordSet()

  init(_ file: DataFiles.Ordinals, lexicon: inout Lexicon) throws(ExtractionError) {
    func word(_ text: String) throws(ExtractionError) -> WordID {
      guard let phrase = Phrase(text), phrase.words.count == 1, let folded = phrase.words.first else {
        throw .badEntry(file: "ordinals.json", entry: text, reason: "expected exactly one word")
      }
      return lexicon.intern(folded)
    }
    func map(_ words: [String: Int]) throws(ExtractionError) -> WordMap<Int> {
      var result = WordMap<Int>()
      for (text, value) in words {
        guard value > 0 else {
          throw .badEntry(file: "ordinals.json", entry: text, reason: "an ordinal is positive")
        }
        result[try word(text)] = value
      }
      return result
    }
    englishWords = try map(file.english.words)
    englishTens = try map(file.english.tens)
    arabicUnits = try map(file.arabic.units)
    arabicTens = try map(file.arabic.tens)
    for suffix in file.english.suffixes { englishSuffixes.insert(try word(suffix)) }
    for teen in file.arabic.teens { arabicTeens.insert(try word(teen)) }
    for marker in file.arabic.digitMarkers { digitMarkers.insert(try word(marker)) }
  }
}
