import Testing

@testable import Search

/// Snippets are cut from the original text around the matches, the matched words marked.
@Suite struct SnippetTests {
  func marked(_ snippet: Snippet) -> [String] { snippet.pieces.filter(\.marked).map(\.text) }

  @Test func theMatchedWordsAreMarkedAsTheyAreWritten() throws {
    let snippet = Snippet(of: "The CIFG discussed Hawala networks.", for: try #require(SearchQuery("hawala")))
    #expect(snippet.text == "The CIFG discussed Hawala networks.")
    #expect(marked(snippet) == ["Hawala"])
  }

  @Test func aPhraseIsMarkedWholeAndAPrefixMarksTheWholeWord() throws {
    let text = "Members discussed virtual assets and the financing of ISIS."
    let snippet = Snippet(of: text, for: try #require(SearchQuery(#""virtual assets" financ*"#)))
    #expect(marked(snippet) == ["virtual assets", "financing"])
  }

  @Test func arabicMatchesAreMarkedInTheOriginalSpelling() throws {
    // The text has harakat and a taa marbuta; the query neither.
    let word = "\u{062A}\u{064E}\u{0645}\u{0648}\u{064A}\u{0644}"
    let text =
      "\u{0645}\u{0643}\u{0627}\u{0641}\u{062D}\u{0629} " + word + " \u{062F}\u{0627}\u{0639}\u{0634}"
    let snippet = Snippet(
      of: text, for: try #require(SearchQuery("\u{062A}\u{0645}\u{0648}\u{064A}\u{0644}")))
    #expect(marked(snippet) == [word])
  }

  @Test func aLongTextIsCutAroundTheMatchWithEllipsesAndOneSpaceForAnyBlanks() throws {
    let before = (1...100).map { "w\($0)" }.joined(separator: " ")
    let after = (101...200).map { "w\($0)" }.joined(separator: "\n\n")
    let snippet = Snippet(
      of: before + "  antiquities\n\n" + after, for: try #require(SearchQuery("antiquities")))
    #expect(snippet.text.hasPrefix("… "))
    #expect(snippet.text.hasSuffix(" …"))
    #expect(snippet.text.contains("w100 antiquities w101 w102"))
    #expect(!snippet.text.contains("\n"))
    #expect(marked(snippet) == ["antiquities"])
  }

  @Test func aTextThatDoesNotMatchGivesItsFirstWordsUnmarked() throws {
    let snippet = Snippet(of: "Only the title matched.", for: try #require(SearchQuery("hawala")))
    #expect(snippet.text == "Only the title matched.")
    #expect(snippet.marks.isEmpty)
  }
}
