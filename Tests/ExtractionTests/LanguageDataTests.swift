import Domain
import Foundation
import Testing

@testable import Extraction

/// The bundled data files: every file loads and every entry parses; user theme files extend
/// the vocabulary, and a bad one is refused with its name in the error.
@Suite struct LanguageDataTests {
  @Test func everyBundledFileLoadsAndEveryEntryParses() throws {
    // The loader checks each entry (patterns hold words, months 1–12, ISO countries, theme
    // kinds, group parents) and throws naming the file and entry otherwise.
    let data = try LanguageData.bundled()
    #expect(data.groupIDs.contains("cifg") && data.groupIDs.contains("coalition"))
    #expect(data.cities.count > 190)
    #expect(data.themes.themes.count >= 20)
  }

  @Test func everyResourceFileIsOneTheLoaderReads() throws {
    let directory = try #require(
      Bundle.module.url(forResource: "groups", withExtension: "json", subdirectory: "Resources")
    ).deletingLastPathComponent()
    let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
      $0.hasSuffix(".json")
    }
    #expect(Set(files) == Set(LanguageData.fileNames.map { $0 + ".json" }))
  }

  @Test func everyCityAndCountryPatternMatchesItself() throws {
    let data = try LanguageData.bundled()
    let directory = try #require(
      Bundle.module.url(forResource: "places", withExtension: "json", subdirectory: "Resources"))
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: directory)) as? [String: Any])
    for city in json["cities"] as? [[String: Any]] ?? [] {
      for alias in [city["name"] as? String ?? ""] + (city["aliases"] as? [String] ?? []) {
        let text = FoldedText(alias, lexicon: data.lexicon)
        let match = text.longestMatch(of: data.cityNames, at: 0)
        #expect(match?.end == text.tokens.count, "city alias \(alias)")
      }
    }
  }

  @Test func everyThemePatternMatchesItself() throws {
    let data = try LanguageData.bundled()
    for theme in data.themes.themes {
      for pattern in theme.english + theme.arabic {
        let text = FoldedText(pattern.replacingOccurrences(of: "*", with: ""), lexicon: data.lexicon)
        let found = text.matches(of: data.themePatterns).contains {
          data.themes.themes[$0.value].id == theme.id
        }
        #expect(found, "theme \(theme.id) pattern \(pattern)")
      }
    }
  }

  @Test func bundledDataFilesDecodeInADirectoryToo() throws {
    let directory = try #require(
      Bundle.module.url(forResource: "groups", withExtension: "json", subdirectory: "Resources")
    ).deletingLastPathComponent()
    let data = try LanguageData(directory: directory)
    #expect(data.groupIDs == (try LanguageData.bundled()).groupIDs)
  }

  private func temporaryFile(_ contents: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("themes-\(UUID().uuidString).json")
    try contents.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func userThemeFileExtendsTheVocabulary() throws {
    let url = try temporaryFile(
      #"{"themes":[{"id":"art-trade","kind":"method","en":["art dealers"],"ar":["تجار الفن"]},"#
        + #"{"id":"region/africa","kind":"region","en":["mozambique"],"ar":[]}]}"#)
    defer { try? FileManager.default.removeItem(at: url) }
    let extractor = try Extractor(extraThemes: url)
    #expect(extractor.themes.kind(of: "art-trade") == .method)
    let document = Domain.Document(
      source: "t", format: "text-dump", language: "en", text: "They discussed art dealers in Mozambique.")
    #expect(extractor.facts(in: document).themes.map(\.value) == ["art-trade", "region/africa"])
  }

  @Test func badThemeFileIsRefusedNamingTheFile() throws {
    let url = try temporaryFile(#"{"themes":[{"id":"x","kind":"weather","en":["rain"],"ar":[]}]}"#)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect {
      try Extractor(extraThemes: url)
    } throws: { error in
      "\(error)".contains(url.lastPathComponent) && "\(error)".contains("weather")
    }
    let broken = try temporaryFile("{not json")
    defer { try? FileManager.default.removeItem(at: broken) }
    #expect {
      try Extractor(extraThemes: broken)
    } throws: { error in
      "\(error)".contains(broken.lastPathComponent)
    }
  }

  @Test func everyPhraseTableHasItsBit() throws {
    // A table past the last bit is matched by trying every token (ingest ran a third slower).
    #expect(try LanguageData.bundled().tablesWithoutBit == 0)
  }
}
