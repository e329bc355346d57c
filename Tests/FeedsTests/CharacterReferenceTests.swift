import Testing

@testable import Feeds

/// Character references and raw bytes that stand for control characters: XML follows XML 1.0
/// (what its `Char` production excludes becomes U+FFFD), HTML follows the HTML standard.
@Suite struct CharacterReferenceTests {
  static func rss(title: String, description: String = "text") -> [UInt8] {
    Array(
      """
      <?xml version="1.0"?>
      <rss version="2.0"><channel><title>c</title><item><title>\(title)</title><guid>g</guid>
      <description>\(description)</description></item></channel></rss>
      """.utf8)
  }

  @Test func xmlReferencesToNonCharactersAreReadAsTheReplacementCharacter() throws {
    let reading = InputReader.read(
      Self.rss(title: "a&#27;b&#x1B;c&#0;d&#xFFFE;e&#x8;f&#x202E;g"), source: "x.xml")
    #expect(reading.error == nil)
    #expect(
      try #require(reading.items.first).title == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}e\u{FFFD}f\u{202E}g")
  }

  @Test func xmlRawControlBytesAreReadAsTheReplacementCharacterAndLinesStayTheInputs() throws {
    let reading = InputReader.read(Self.rss(title: "a\u{1B}[2Jb\u{7}c"), source: "x.xml")
    #expect(reading.error == nil)
    #expect(try #require(reading.items.first).title == "a\u{FFFD}[2Jb\u{FFFD}c")
    let broken = InputReader.read(Array("<rss>\n\u{1B}<channel>\n<item>".utf8), source: "cut.xml")
    #expect(broken.error?.line == 3, "\(String(describing: broken.error))")
  }

  @Test func xmlStillMapsWindows1252ReferencesAndKeepsTabsAndNewlines() throws {
    let reading = InputReader.read(Self.rss(title: "it&#146;s", description: "a&#9;b&#10;c"), source: "x.xml")
    let item = try #require(reading.items.first)
    #expect(item.title == "it\u{2019}s")
    #expect(!item.body.unicodeScalars.contains("\u{FFFD}"))
  }

  @Test func htmlNumericReferencesFollowTheHTMLStandard() throws {
    // Null, surrogate and out-of-range references become U+FFFD; 0x80–0x9F take windows-1252's
    // characters; other controls are a parse error but are kept (shown visibly on output).
    #expect(MarkupTokenizer.scalar(for: 0, dialect: .html) == 0xFFFD)
    #expect(MarkupTokenizer.scalar(for: 0xD800, dialect: .html) == 0xFFFD)
    #expect(MarkupTokenizer.scalar(for: 0x110000, dialect: .html) == 0xFFFD)
    #expect(MarkupTokenizer.scalar(for: 0x80, dialect: .html) == 0x20AC)
    #expect(MarkupTokenizer.scalar(for: 0x81, dialect: .html) == 0x81)
    #expect(MarkupTokenizer.scalar(for: 0x1B, dialect: .html) == 0x1B)
    let page = "<html><body><article><h1>T</h1><p>a&#0;b&#x80;c&#27;d&#xD800;e</p></article></body></html>"
    let body = try #require(InputReader.read(Array(page.utf8), source: "p.html").items.first).body
    #expect(body.contains("a\u{FFFD}b\u{20AC}c\u{1B}d\u{FFFD}e"), "\(body.debugDescription)")
  }
}
