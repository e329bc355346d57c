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

  @Test func cliticsAreStrippedForMatchingOnly() {
    #expect(ArabicClitics.variants(of: "وايطاليا").contains("ايطاليا"))
    #expect(ArabicClitics.variants(of: "للقطاع").contains("القطاع"))
    #expect(ArabicClitics.variants(of: "والعملات").contains("العملات"))
    #expect(!ArabicClitics.variants(of: "ايطاليا").contains("طاليا"))
  }
}
