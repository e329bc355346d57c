import Foundation

/// Cities (from `places.json`) and countries (Foundation's ICU region names in English and
/// Arabic, plus the file's variants) as phrase tables.
struct Gazetteer: Sendable {
  var cities: [(name: String, country: String)] = []
  var cityNames = PhraseTable<Int>()
  var countryNames = PhraseTable<String>()
  var demonyms = PhraseTable<String>()

  init(_ file: DataFiles.Places, lexicon: inout Lexicon) throws(ExtractionError) {
    let excluded = Set(file.excludedRegions)
    let regions = Set(
      Locale.Region.isoRegions.map(\.identifier).filter {
        $0.count == 2 && $0.allSatisfy(\.isLetter) && !excluded.contains($0)
      })
    let locales = [Locale(identifier: "en"), Locale(identifier: "ar"), Locale(identifier: "fr")]
    for code in regions.sorted() {
      for locale in locales {
        if let name = locale.localizedString(forRegionCode: code) {
          countryNames.add(name, code, lexicon: &lexicon)
        }
      }
    }
    for (code, variants) in file.countryVariants.sorted(by: { $0.key < $1.key }) {
      guard regions.contains(code) else {
        throw .badEntry(file: "places.json", entry: code, reason: "not an ISO 3166-1 alpha-2 region")
      }
      for variant in variants where !countryNames.add(variant, code, lexicon: &lexicon) {
        throw .badEntry(file: "places.json", entry: variant, reason: "the name holds no word")
      }
    }
    for (code, adjectives) in file.demonyms.sorted(by: { $0.key < $1.key }) {
      guard regions.contains(code) else {
        throw .badEntry(file: "places.json", entry: code, reason: "not an ISO 3166-1 alpha-2 region")
      }
      for adjective in adjectives where !demonyms.add(adjective, code, lexicon: &lexicon) {
        throw .badEntry(file: "places.json", entry: adjective, reason: "the adjective holds no word")
      }
    }
    for city in file.cities {
      guard regions.contains(city.country) else {
        throw .badEntry(file: "places.json", entry: city.name, reason: "unknown country \(city.country)")
      }
      let index = cities.count
      cities.append((city.name, city.country))
      for alias in [city.name] + city.aliases where !cityNames.add(alias, index, lexicon: &lexicon) {
        throw .badEntry(file: "places.json", entry: city.name, reason: "alias \"\(alias)\" holds no word")
      }
    }
    // A capital named by its country (`بالعاصمة الفرنسية`, `the French capital`): each phrase
    // with each of the country's adjectives in the phrase's script.
    for (code, name) in file.capitals.sorted(by: { $0.key < $1.key }) {
      guard let index = cities.firstIndex(where: { $0.name == name && $0.country == code }) else {
        throw .badEntry(file: "places.json", entry: name, reason: "not a city of \(code) in the list")
      }
      for phrase in file.capitalPhrases {
        for adjective in file.demonyms[code] ?? [] where Self.isArabic(adjective) == Self.isArabic(phrase) {
          let alias = phrase.replacingOccurrences(of: "{}", with: adjective)
          if !cityNames.add(alias, index, lexicon: &lexicon) {
            throw .badEntry(file: "places.json", entry: phrase, reason: "the phrase holds no word")
          }
        }
      }
    }
  }

  private static func isArabic(_ text: String) -> Bool {
    text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }
  }
}
