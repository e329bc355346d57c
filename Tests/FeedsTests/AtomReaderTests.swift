import Domain
import Testing

@testable import Feeds

/// Atom 1.0 reading: text constructs, `xml:base`, `xml:lang`.
@Suite struct AtomReaderTests {
  @Test func atomFeedResolvesXMLBaseAndRendersXHTMLContent() throws {
    let reading = InputReader.read(try TestFiles.fixture("feeds/coalition.atom.xml"), source: "a.atom")
    #expect(reading.format == "atom")
    #expect(reading.error == nil)
    #expect(
      reading.feed
        == FeedInfo(
          title: "Coalition Press Releases", link: "https://example.org/coalition/releases/", language: "en"))
    let first = try #require(reading.items.first)
    #expect(first.title == "Counter ISIS Finance Group Meets in Riyadh")
    #expect(first.link == "https://example.org/coalition/releases/cifg-2024")
    #expect(first.guid == "urn:example:coalition:cifg-2024")
    #expect(first.publishedText == "2024-07-24T18:00:00+03:00")
    #expect(first.published == CalendarDate(year: 2024, month: 7, day: 24))
    #expect(
      first.body
        == "The Counter ISIS Finance Group met in Riyadh on July 24, 2024.\n\n"
        + "Members discussed virtual assets and threats in Africa.")
    #expect(first.links == ["https://example.org/coalition/themes/virtual-assets"])
  }

  @Test func entryLanguageAndHTMLContentAndUpdatedAsDate() throws {
    let reading = InputReader.read(try TestFiles.fixture("feeds/coalition.atom.xml"), source: "a.atom")
    let second = try #require(reading.items.last)
    #expect(second.declaredLanguage == "fr")
    #expect(second.body == "Le groupe s'est réuni à Riyad.")
    #expect(second.publishedText == "2024-07-26T09:00:00Z")
  }

  @Test func plainTextTitleKeepsAngleBrackets() {
    let xml = """
      <feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text">1 &lt; 2 &amp; &lt;b&gt;</title>
      <id>x</id></entry></feed>
      """
    #expect(InputReader.read(Array(xml.utf8), source: "x").items.first?.title == "1 < 2 & <b>")
  }
}
