import Foundation
import Testing

@testable import Extraction

/// Folding for matching (reference/arabic.md) and the map back to the stored text's scalars.
@Suite struct NormalizationTests {
  private func folded(_ text: String) -> String {
    String(String.UnicodeScalarView(FoldedText(text).folded))
  }

  @Test func alefFormsHarakatAndTatweelFoldAway() {
    #expect(folded("إِيطاليـــا") == "ايطاليا")
    #expect(folded("آثار أوروبا") == "اثار اوروبا")
    #expect(folded("الثانيِ") == "الثاني")
  }

  @Test func taMarbutaAndAlefMaqsuraFoldForKeys() {
    #expect(folded("الثانية عشرة") == "الثانيه عشره")
    #expect(folded("الأولى") == "الاولي")
  }

  @Test func arabicIndicDigitsAndPunctuationBecomeAscii() {
    #expect(folded("٢٠١٩، ۱۲؛ ؟") == "2019, 12; ?")
    #expect(folded("١٬٠٠٠") == "1000")
  }

  @Test func formatCharactersDropAndNoBreakSpacesCollapse() {
    #expect(folded("a\u{200F}b\u{00A0}\u{00A0}c") == "ab c")
    #expect(folded("one  \n  two") == "one\ntwo")
  }

  @Test func presentationFormsAndLatinCaseFold() {
    // U+FEFB is the lam-alef ligature; NFKC spells it out.
    #expect(folded("\u{FEFB}") == "لا")
    #expect(folded("Réunion LUXEMBOURG") == "reunion luxembourg")
  }

  @Test func quotesAndDashesHaveOneForm() {
    #expect(folded("“a” «b» 16–17") == "\"a\" \"b\" 16-17")
  }

  @Test func evidenceMapsBackToTheUnfoldedScalars() throws {
    let text = "في اجتماعِهـا الثانيِ عشر\u{200F} في لوكسمبورغ"
    var lexicon = Lexicon()
    var table = PhraseTable<Int>()
    table.add("لوكسمبورغ", 1, lexicon: &lexicon)
    table.add("الثاني عشر", 2, lexicon: &lexicon)
    let folded = FoldedText(text, lexicon: lexicon)
    let matches = folded.matches(of: table)
    #expect(matches.count == 2)
    let scalars = Array(text.unicodeScalars)
    for match in matches {
      let evidence = folded.evidence(tokens: match.range)
      #expect(String(String.UnicodeScalarView(scalars[evidence.range])) == evidence.quote)
    }
    #expect(folded.evidence(tokens: matches[0].range).quote == "الثانيِ عشر")
  }

  /// Matches of `table` in `text` as (folded text, value) pairs.
  private func found(_ table: PhraseTable<Int>, in text: String, lexicon: Lexicon) -> [String] {
    let folded = FoldedText(text, lexicon: lexicon)
    return folded.matches(of: table).map { match in
      folded.tokens[match.range].indices.map(folded.tokenText).joined(separator: " ") + "=\(match.value)"
    }
  }

  @Test func registeredTablesFindWhatUnregisteredOnesFind() {
    var lexicon = Lexicon()
    var cities = PhraseTable<Int>()
    cities.add("kuwait city", 1, lexicon: &lexicon)
    cities.add("للقطاع الخاص", 2, lexicon: &lexicon)
    var cues = PhraseTable<Int>()
    cues.add("met in", 3, lexicon: &lexicon)
    let text = "They met in Kuwait City; وللقطاع الخاص دور. Kuwait alone, city alone."
    let before = found(cities, in: text, lexicon: lexicon)
    cities.register(bit: 1, in: &lexicon)
    cues.register(bit: 2, in: &lexicon)
    #expect(before == ["kuwait city=1", "وللقطاع الخاص=2"])
    #expect(found(cities, in: text, lexicon: lexicon) == before)
    #expect(found(cues, in: text, lexicon: lexicon) == ["met in=3"])
  }

  @Test func aPhraseAddedAfterRegisteringIsStillFound() {
    var lexicon = Lexicon()
    var table = PhraseTable<Int>()
    table.add("kuwait city", 1, lexicon: &lexicon)
    table.register(bit: 1, in: &lexicon)
    table.add("doha", 2, lexicon: &lexicon)
    #expect(found(table, in: "in Doha and Kuwait City", lexicon: lexicon) == ["doha=2", "kuwait city=1"])
  }

  @Test func oneWordPrefixPhrasesAreTriedAtEveryToken() {
    var lexicon = Lexicon()
    var table = PhraseTable<Int>()
    table.add("virtual assets", 1, lexicon: &lexicon)
    table.add("cryptocurrenc*", 2, lexicon: &lexicon)
    table.register(bit: 1, in: &lexicon)
    #expect(
      found(table, in: "cryptocurrencies and virtual assets", lexicon: lexicon)
        == ["cryptocurrencies=2", "virtual assets=1"])
  }

  @Test func cliticsAreStrippedForMatchingOnly() {
    #expect(ArabicClitics.variants(of: "وايطاليا").contains("ايطاليا"))
    #expect(ArabicClitics.variants(of: "للقطاع").contains("القطاع"))
    #expect(ArabicClitics.variants(of: "والعملات").contains("العملات"))
    #expect(!ArabicClitics.variants(of: "ايطاليا").contains("طاليا"))
  }
}
