import Testing

@testable import Search

/// Queries as the command line takes them: words, phrases and prefixes, folded as the index is.
@Suite struct SearchQueryTests {
  @Test func bareWordsAreSeparateTermsAndQuotedWordsOnePhrase() throws {
    let query = try #require(SearchQuery(#"hawala "virtual assets" finance"#))
    #expect(query.terms == [.phrase(["hawala"]), .phrase(["virtual", "assets"]), .phrase(["finance"])])
    #expect(query.fts5 == #""hawala" AND "virtual assets" AND "finance""#)
  }

  @Test func aTrailingStarMakesAPrefixQuery() throws {
    let query = try #require(SearchQuery("financ*"))
    #expect(query.terms == [.prefix(["financ"])])
    #expect(query.fts5 == #""financ" *"#)
  }

  @Test func aHyphenatedWordIsThePhraseOfItsParts() throws {
    let query = try #require(SearchQuery("Counter-Terrorism"))
    #expect(query.terms == [.phrase(["counter", "terrorism"])])
  }

  @Test func operatorsAndPunctuationAreSearchedAsWordsOrDropped() throws {
    // FTS5 syntax in the input is never run: NEAR, OR, parentheses and colons are plain text.
    let query = try #require(SearchQuery("NEAR(a OR b) title:x"))
    #expect(query.fts5 == #""near a" AND "or" AND "b" AND "title x""#)
  }

  @Test func digitsAreCutFromTheLettersAroundThem() throws {
    // الـ56: the article, a tatweel, the number.
    let query = try #require(SearchQuery("\u{0627}\u{0644}\u{0640}\u{0665}\u{0666} G20"))
    #expect(query.terms == [.phrase(["\u{0627}\u{0644}", "56"]), .phrase(["g", "20"])])
  }

  @Test func aQueryWithoutWordsIsRefused() {
    #expect(SearchQuery("  \"\" *  ") == nil)
    #expect(SearchQuery("--- ؟") == nil)
  }

  @Test func arabicQueriesAreFoldedLikeTheIndex() throws {
    let query = try #require(SearchQuery("\u{0623}\u{0633}\u{0644}\u{062D}\u{0629}"))  // أسلحة
    #expect(query.terms == [.phrase(["\u{0627}\u{0633}\u{0644}\u{062D}\u{0647}"])])  // اسلحه
  }
}
