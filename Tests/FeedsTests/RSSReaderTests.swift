import Domain
import Testing

@testable import Feeds

/// RSS 2.0 and RSS 1.0 (RDF) reading.
@Suite struct RSSReaderTests {
  @Test func englishFeedGivesChannelAndEveryItemWithEntitiesDecoded() throws {
    let reading = InputReader.read(
      try TestFiles.fixture("feeds/coalition-en.rss.xml"), source: "feeds/en.xml")
    #expect(reading.format == "rss")
    #expect(reading.error == nil)
    #expect(
      reading.feed
        == FeedInfo(
          title: "Global Coalition to Defeat ISIS – Statements", link: "https://example.org/coalition/",
          language: "en-us"))
    #expect(reading.items.count == 3)
    let first = reading.items[0]
    #expect(first.title == "Joint Statement on the Twelfth Meeting of the Counter ISIS Finance Group")
    #expect(first.guid == "cifg-12-en")
    #expect(first.link == "https://example.org/coalition/cifg-12")
    #expect(first.publishedText == "Wed, 20 Nov 2019 10:00:00 -0500")
    #expect(first.published == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(first.declaredLanguage == "en-us")
    #expect(first.feed == reading.feed)
    // content:encoded wins over description; &nbsp; and &ndash; decoded; relative href resolved.
    #expect(
      first.body
        == "The Counter ISIS Finance Group (CIFG) met in Luxembourg on November 19–20, 2019.\n\n"
        + "The meeting was co-chaired by Italy, Saudi Arabia and the United States, and brought together"
        + " 56 members.\n\nRead the list of members.")
    #expect(first.links == ["https://example.org/coalition/members"])
    #expect(reading.items[1].title == "Coalition Ministers Meet in Washington… and Reaffirm Resolve")
    #expect(reading.items[1].body.hasSuffix("as the 80th and 81st members."))
  }

  @Test func permalinkGuidStandsInForMissingLinkAndDcDateIsTheDate() throws {
    let reading = InputReader.read(try TestFiles.fixture("feeds/coalition-en.rss.xml"), source: "en.xml")
    let third = try #require(reading.items.last)
    #expect(third.link == "https://example.org/coalition/cifg-rome")
    #expect(third.publishedText == "2022-02-10T09:00:00+01:00")
    #expect(third.published == CalendarDate(year: 2022, month: 2, day: 10))
    #expect(third.body == "The CIFG met in Rome.\n\nIt discussed the abuse of virtual assets.")
  }

  @Test func arabicFeedInWindows1256DecodesToArabic() throws {
    let reading = InputReader.read(
      try TestFiles.fixture("feeds/cifg-ar.windows-1256.rss.xml"), source: "ar.xml")
    #expect(reading.error == nil)
    #expect(reading.feed?.title == "التحالف الدولي لهزيمة داعش")
    #expect(reading.feed?.language == "ar")
    let item = try #require(reading.items.first)
    #expect(item.title == "بيان مشترك لمجموعة مكافحة تمويل داعش")
    #expect(item.body.hasPrefix("اجتمعت مجموعة مكافحة تمويل داعش في لوكسمبورغ"))
    #expect(item.body.contains("\n\nوشارك في الاجتماع 56 عضوا."))
  }

  @Test func undeclaredHTMLEntitiesKeepTheTextAfterThem() {
    let xml = "<rss><channel><title>a &hellip; b &eacute;t&eacute; &mdash; c</title></channel></rss>"
    #expect(InputReader.read(Array(xml.utf8), source: "x").feed?.title == "a … b été — c")
  }

  @Test func rdfFeedReadsItemsBesideTheChannel() throws {
    let xml = """
      <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
        xmlns:dc="http://purl.org/dc/elements/1.1/">
        <channel rdf:about="https://example.org/"><title>Coalition</title><link>https://example.org/</link>
          <dc:language>en</dc:language></channel>
        <item rdf:about="https://example.org/1"><title>One</title><link>https://example.org/1</link>
          <dc:date>2019-11-20</dc:date><description>Text.</description></item>
      </rdf:RDF>
      """
    let reading = InputReader.read(Array(xml.utf8), source: "x.rdf")
    #expect(reading.format == "rdf")
    #expect(reading.feed == FeedInfo(title: "Coalition", link: "https://example.org/", language: "en"))
    let item = try #require(reading.items.first)
    #expect(item.guid == "https://example.org/1")
    #expect(item.published == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(item.body == "Text.")
  }
}
