import Testing

@testable import Search

/// Arabic spellings vary in real releases; one folding of the text and the query makes each
/// variant find the others.
@Suite struct ArabicMatchingTests {
  /// Whether a document written `text` is found by `query`, and the other way round.
  func matchBothWays(_ text: String, _ query: String) throws -> Bool {
    let forward = try found(query, in: try index([text])) == [1]
    let backward = try found(text, in: try index([query])) == [1]
    return forward && backward
  }

  @Test func alefFormsMatchEachOther() throws {
    // أسلحة · إسلحة · آسلحة · اسلحة (hamza above, below, madda, bare)
    for variant in ["\u{0625}", "\u{0622}", "\u{0627}"] {
      #expect(
        try matchBothWays(
          "\u{0623}\u{0633}\u{0644}\u{062D}\u{0629}", variant + "\u{0633}\u{0644}\u{062D}\u{0629}"))
    }
  }

  @Test func taaMarbutaMatchesHaa() throws {
    #expect(
      try matchBothWays(
        "\u{0627}\u{0644}\u{0645}\u{062C}\u{0645}\u{0648}\u{0639}\u{0629}",
        "\u{0627}\u{0644}\u{0645}\u{062C}\u{0645}\u{0648}\u{0639}\u{0647}"))
  }

  @Test func alefMaqsuraMatchesYaa() throws {
    #expect(
      try matchBothWays(
        "\u{0645}\u{0633}\u{062A}\u{0648}\u{0649}", "\u{0645}\u{0633}\u{062A}\u{0648}\u{064A}"))
  }

  @Test func harakatAreIgnored() throws {
    // تَمْوِيل with fatha, sukun and kasra, against تمويل.
    #expect(
      try matchBothWays(
        "\u{062A}\u{064E}\u{0645}\u{0652}\u{0648}\u{0650}\u{064A}\u{0644}",
        "\u{062A}\u{0645}\u{0648}\u{064A}\u{0644}"))
  }

  @Test func tatweelIsIgnored() throws {
    #expect(
      try matchBothWays(
        "\u{062A}\u{0640}\u{0640}\u{0645}\u{0648}\u{064A}\u{0644}", "\u{062A}\u{0645}\u{0648}\u{064A}\u{0644}"
      ))
  }

  @Test func easternDigitsMatchWesternOnes() throws {
    #expect(try matchBothWays("\u{0665}\u{0666}", "56"))
    #expect(try matchBothWays("\u{06F2}\u{06F0}\u{06F1}\u{06F9}", "2019"))
  }

  @Test func anArabicPhraseMatchesAcrossVariants() throws {
    // "مكافحة تمويل" written with harakat and a tatweel in the text.
    let text =
      "\u{0645}\u{064F}\u{0643}\u{0627}\u{0641}\u{062D}\u{0629} \u{062A}\u{0640}\u{0645}\u{0648}\u{064A}\u{0644} \u{062F}\u{0627}\u{0639}\u{0634}"
    let index = try index([text])
    #expect(
      try found(
        "\"\u{0645}\u{0643}\u{0627}\u{0641}\u{062D}\u{0647} \u{062A}\u{0645}\u{0648}\u{064A}\u{0644}\"",
        in: index) == [1])
    #expect(
      try found(
        "\"\u{062A}\u{0645}\u{0648}\u{064A}\u{0644} \u{0645}\u{0643}\u{0627}\u{0641}\u{062D}\u{0647}\"",
        in: index
      ).isEmpty)
  }
}
