import Foundation

extension ThemeVocabulary {
  /// The bundled vocabulary, extended by `extraThemes` when given: what read commands need
  /// to name theme kinds, without loading the rest of the language data.
  package static func bundled(extraThemes: URL? = nil) throws(ExtractionError) -> ThemeVocabulary {
    guard let url = Bundle.module.url(forResource: "themes", withExtension: "json", subdirectory: "Resources")
    else { throw .missingResource(file: "themes.json") }
    var vocabulary = try ThemeVocabulary(contentsOf: url)
    if let extraThemes {
      vocabulary = try vocabulary.extended(by: ThemeVocabulary(contentsOf: extraThemes))
    }
    return vocabulary
  }
}
