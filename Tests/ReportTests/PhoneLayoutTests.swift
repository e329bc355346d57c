import Domain
import Projections
import Testing

@testable import Report

/// On a phone (360–420 px) the page does not scroll sideways: tables become cards whose cells
/// say their column, the stats row wraps, and Arabic is laid out right to left.
@Suite struct PhoneLayoutTests {
  func page() -> String {
    var log = ReportLog()
    log.ingest(
      "ar", language: "ar", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg",
      chairs: ["IT", "SA", "US"], themes: ["antiquities"], counts: [(56, .exact, .members)],
      title: "البيان المشترك")
    log.correct("cifg-12", "city", "Luxembourg City")
    return ReportPage.html(log.report())
  }

  @Test func tablesBecomeCardsOnAPhoneEachCellNamedByItsColumn() {
    let page = page()
    #expect(page.contains("<table class=\"meetings stack\">"))
    #expect(page.contains("<table class=\"points stack\">"))
    #expect(page.contains("data-label=\"Place\"") && page.contains("data-label=\"Reason\""))
    let css = ReportStyle.css
    #expect(css.contains("@media (max-width: 640px)"))
    #expect(css.contains("table.stack thead { display: none; }"))
    #expect(css.contains("content: attr(data-label)"))
  }

  @Test func theStatsRowAndTheNavigationWrap() {
    #expect(ReportStyle.css.contains(".summary { display: flex; flex-wrap: wrap;"))
    #expect(ReportStyle.css.contains("nav { display: flex; flex-wrap: wrap;"))
    #expect(ReportStyle.css.contains("code, .meta { overflow-wrap: anywhere; }"))
    #expect(ReportStyle.css.contains("td, q, .text { overflow-wrap: break-word; }"))
  }

  @Test func aMeetingMarkIsALinkSoATapShowsWhatAHoverShows() {
    let page = page()
    #expect(page.contains("<a href=\"#m-cifg-12\"><rect class=\"meeting"))
    #expect(page.contains("tap or hover a meeting"))
  }

  @Test func anArabicTitleIsRightToLeft() {
    #expect(page().contains("<h3 dir=\"rtl\"><bdi dir=\"auto\" lang=\"ar\">البيان المشترك</bdi>"))
  }
}
