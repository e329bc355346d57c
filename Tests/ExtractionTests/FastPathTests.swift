import Foundation
import Testing

@testable import Extraction

/// The shortcuts extraction takes for speed give what the String and Foundation rules give.
@Suite struct FastPathTests {
  private static let plain: [Unicode.Scalar] = (0...0x06FF).compactMap { value in
    PlainScalars.contains(UInt32(value)) ? Unicode.Scalar(UInt32(value)) : nil
  }

  @Test func plainScalarsAreCharactersOfTheirOwnInEveryPair() {
    for scalar in FastPathTests.plain {
      let text = String(scalar)
      #expect(text.count == 1 && text.precomposedStringWithCanonicalMapping == text, "U+\(scalar.value)")
      #expect(scalar.properties.canonicalCombiningClass == .notReordered)
    }
    var bad: [String] = []
    for a in FastPathTests.plain {
      for b in FastPathTests.plain {
        var pair = String(a)
        pair.unicodeScalars.append(b)
        if pair.count != 2 || pair.precomposedStringWithCanonicalMapping != pair {
          bad.append("U+\(a.value) U+\(b.value)")
        }
      }
    }
    #expect(bad.isEmpty, "\(bad.prefix(10))")
  }

  @Test func arabicLettersFoldingKeepsAreAlphabetic() {
    for value in Array(0x0621...0x064A) + Array(0x0674...0x06D3) {
      let scalar = Unicode.Scalar(UInt32(value))
      #expect(scalar?.properties.isAlphabetic == true, "U+\(value)")
    }
  }

  @Test func cliticFormsAreTheVariantsOfTheStringRules() throws {
    let data = try LanguageData.bundled()
    var words = Set<String>()
    for pattern in data.themes.themes.flatMap(\.arabic) {
      for token in FoldedText(pattern).tokens where token.isArabic { words.insert(token.text) }
    }
    if let labeled = TestSupport.fixturesDirectory()?.appendingPathComponent("labeled"),
      let names = try? FileManager.default.contentsOfDirectory(atPath: labeled.path)
    {
      for name in names where name.hasSuffix(".txt") {
        let text = (try? String(contentsOf: labeled.appendingPathComponent(name), encoding: .utf8)) ?? ""
        for token in FoldedText(text).tokens where token.isArabic { words.insert(token.text) }
      }
    }
    words.formUnion(["وللقطاع", "للقطاع", "فبالدول", "والاجتماع", "ولل", "لل", "وال", "ال", "ا", "وب"])
    var buffer: [(start: Int, afterAlef: Bool)] = []
    for word in words.sorted() {
      let scalars = Array(word.unicodeScalars)
      guard PlainScalars.all(scalars) else { continue }
      ArabicClitics.forms(scalars, 0, scalars.count, into: &buffer)
      let forms = buffer.map {
        (($0.afterAlef ? "ا" : "") + String(String.UnicodeScalarView(scalars[$0.start...])))
      }
      #expect(forms == ArabicClitics.variants(of: word), "\(word)")
    }
  }

  @Test func lexiconFindsWordsByScalarsAndAfterAnAlef() {
    var lexicon = Lexicon()
    let words = ["القطاع", "the", "ايطاليا", "中文", "cafe"] + (0..<200).map { "w\($0)" }
    let ids = words.map { lexicon.intern($0) }
    #expect(Set(ids).count == words.count)
    for (word, id) in zip(words, ids) {
      #expect(lexicon.intern(word) == id)
      #expect(lexicon.id(of: Array(word.unicodeScalars)[...]) == id)
      #expect(lexicon.id(of: word) == id)
    }
    #expect(lexicon.id(of: Array("لقطاع".unicodeScalars)[...], afterAlef: true) == ids[0])
    #expect(lexicon.id(of: Array("القطاع".unicodeScalars)[...], afterAlef: true) == Lexicon.unknown)
    #expect(lexicon.id(of: Array("absent".unicodeScalars)[...]) == Lexicon.unknown)
  }

  @Test func wordMapsAndSetsFindWhatWasPut() {
    var map = WordMap<Int>()
    for id in [5, 1, 9, 3, 7] as [WordID] { map[id] = Int(id) * 10 }
    #expect(map[3] == 30 && map[9] == 90 && map[4] == nil && map[Lexicon.unknown] == nil)
    map[3] = nil
    #expect(map[3] == nil && map.count == 4)
    var set = WordSet()
    set.insert(2)
    #expect(set.contains(2) && !set.contains(3) && !set.contains(Lexicon.unknown))
  }
}
