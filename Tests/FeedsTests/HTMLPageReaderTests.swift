import Domain
import Testing

@testable import Feeds

/// HTML press pages.
@Suite struct HTMLPageReaderTests {
  @Test func pressPageGivesHeadlineDateLanguageAndMainTextWithoutFurniture() throws {
    let reading = InputReader.read(try TestFiles.fixture("feeds/press-page.html"), source: "page.html")
    #expect(reading.format == "html")
    #expect(reading.error == nil)
    let item = try #require(reading.items.first)
    #expect(item.title == "Joint Statement of the Counter ISIS Finance Group")
    #expect(item.publishedText == "2019-11-20T10:00:00-05:00")
    #expect(item.published == CalendarDate(year: 2019, month: 11, day: 20))
    #expect(item.declaredLanguage == "en-US")
    #expect(item.link == "https://example.org/press/cifg-12")
    #expect(
      item.body
        == "November 20, 2019\n\nThe Counter ISIS Finance Group met in Luxembourg on November 19–20, 2019.\n\n"
        + "The meeting gathered 56 members\nand observers from the private sector.\n\nVirtual assets\n\n"
        + "Antiquities trafficking\n\nSee the previous statement.")
    #expect(item.links == ["https://example.org/press/cifg-11"])
  }

  @Test func pageWithoutMainTakesTheBlockWithMostParagraphText() throws {
    let html = """
      <html lang="ar"><head><title>بيان</title></head><body><div id="menu"><p>Home</p></div>
      <div class="content"><p>الفقرة الأولى من البيان.</p><p>الفقرة الثانية.</p></div></body></html>
      """
    let item = try #require(InputReader.read(Array(html.utf8), source: "p.html").items.first)
    #expect(item.title == "بيان")
    #expect(item.declaredLanguage == "ar")
    #expect(item.body == "الفقرة الأولى من البيان.\n\nالفقرة الثانية.")
  }

  @Test func anElementStyledAsTheDateGivesThePublicationTextWhenNoMetaDoes() throws {
    let html = """
      <html lang="ar"><head><title>التحالف</title></head><body><div class="news-details">
      <h1>التحالف الدولي يجدد التزامه</h1><ul class="news-meta"><li class="date">11/22/2019</li>
      <li class="time">00:00</li><li class="update-count">4</li></ul>
      <div class="content"><p>عقدت المجموعة اجتماعها الثاني عشر يومي 19 و20 نوفمبر.</p></div></div></body></html>
      """
    let item = try #require(InputReader.read(Array(html.utf8), source: "p.html").items.first)
    #expect(item.publishedText == "11/22/2019")
    // A meta date still wins, and a class that only contains the letters (`update-count`) is none.
    let withMeta = html.replacingOccurrences(
      of: "<title>", with: "<meta property=\"article:published_time\" content=\"2019-11-21\"><title>")
    #expect(
      InputReader.read(Array(withMeta.utf8), source: "p.html").items.first?.publishedText == "2019-11-21")
    let noDate = html.replacingOccurrences(of: "class=\"date\"", with: "class=\"update\"")
    #expect(InputReader.read(Array(noDate.utf8), source: "p.html").items.first?.publishedText == nil)
  }
}
