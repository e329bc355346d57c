/// Names a document's language: the declared tag's primary subtag (`ar-SA` → `ar`), else the
/// script (Arabic letters → `ar`), else French or English by their commonest words.
enum LanguageIdentifier {
  private static let french: Set<String> = [
    "le", "la", "les", "des", "du", "et", "est", "une", "pour", "avec", "sur",
  ]
  private static let english: Set<String> = ["the", "and", "of", "to", "is", "with", "for", "on", "its"]

  static func language(declared: String?, text: String) -> String {
    if let declared {
      let primary =
        declared.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
      if (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) { return primary }
    }
    var arabic = 0
    var latin = 0
    for scalar in text.unicodeScalars {
      if (0x0600...0x06FF).contains(scalar.value) || (0x0750...0x077F).contains(scalar.value) {
        arabic += 1
      } else if scalar.properties.isAlphabetic && scalar.value < 0x0250 {
        latin += 1
      }
    }
    if arabic > latin { return "ar" }
    var frenchWords = 0
    var englishWords = 0
    for word in text.lowercased().split(whereSeparator: { !$0.isLetter }) {
      if french.contains(String(word)) { frenchWords += 1 }
      if english.contains(String(word)) { englishWords += 1 }
    }
    return frenchWords > englishWords ? "fr" : "en"
  }
}
