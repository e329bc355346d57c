import Domain
import Projections
import Testing

@testable import Report

@Suite struct ReportPageTests {
  /// A log with an Arabic original, an English translation, a correction, a retraction and
  /// counts, so every section of the page has something to show.
  func sample() -> ReportLog {
    var log = ReportLog()
    log.ingest(
      "ar", language: "ar", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg",
      chairs: ["IT", "SA", "US"], themes: ["antiquities"], counts: [(56, .exact, .members)],
      link: "https://example.org/ar", title: "البيان المشترك", quotes: ["city": "في لوكسمبورغ"])
    log.ingest(
      "en", translation: true, published: "2019-11-21", ordinal: 12, start: "2019-11-19", city: "Brussels",
      counts: [(40, .over, .members)])
    let gone = log.ingest("gone", published: "2020-06-03", ordinal: 13, start: "2020-06-03", virtual: true)
    log.correct("cifg-12", "chairs", "IT,SA,US", reason: "per the joint statement")
    log.retract(gone, reason: "withdrawn by the publisher")
    return log
  }

  @Test func aQuoteHoldingAScriptTagIsShownEscapedNeverRun() {
    var log = ReportLog()
    log.ingest(
      "x", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg",
      title: "<script>alert('title')</script>", quotes: ["city": "<script>alert(1)</script> & <img src=x>"])
    log.correct("cifg-12", "city", "<b>Lux</b>", reason: "</td><script>alert(2)</script>")
    let page = ReportPage.html(log.report())
    #expect(!page.lowercased().contains("<script"))
    #expect(!page.contains("<img"))
    #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;img src=x&gt;"))
    #expect(page.contains("&lt;/td&gt;&lt;script&gt;alert(2)&lt;/script&gt;"))
    #expect(page.contains("&lt;b&gt;Lux&lt;/b&gt;"))
  }

  @Test func thePageLoadsNothingFromOutsideItself() {
    let page = ReportPage.html(sample().report())
    for reference in ["src=", "<link", "url(", "@import", "<script", "<iframe", "<object"] {
      #expect(!page.lowercased().contains(reference), "\(reference)")
    }
    #expect(page.contains("Content-Security-Policy\" content=\"default-src 'none'"))
  }

  @Test func everyLinkWithinThePageLeadsToAnAnchorOnIt() throws {
    let page = ReportPage.html(sample().report())
    let ids = Set(page.matches(of: /id="([^"]+)"/).map { String($0.1) })
    let targets = Set(page.matches(of: /href="#([^"]+)"/).map { String($0.1) })
    #expect(targets.count > 10)
    #expect(targets.subtracting(ids).isEmpty, "\(targets.subtracting(ids).sorted())")
  }

  @Test func arabicTextIsIsolatedAndLaidOutInItsOwnDirection() {
    let page = ReportPage.html(sample().report())
    #expect(page.contains("<q dir=\"auto\" lang=\"ar\">في لوكسمبورغ</q>"))
    #expect(page.contains("<bdi dir=\"auto\" lang=\"ar\">البيان المشترك</bdi>"))
  }

  @Test func aLinkThatIsNotWebIsShownAsTextNotFollowed() {
    var log = ReportLog()
    log.ingest("x", published: "2019-11-20", ordinal: 12, start: "2019-11-19", link: "javascript:alert(1)")
    let page = ReportPage.html(log.report())
    #expect(!page.contains("href=\"javascript"))
    #expect(page.contains("javascript:alert(1)"))
  }

  @Test func eachSectionShowsItsPart() {
    let page = ReportPage.html(sample().report())
    #expect(page.contains("<svg class=\"chart timeline\""))
    #expect(page.contains("<svg class=\"chart steps\""))
    #expect(page.contains("<svg class=\"chart bars\""))
    #expect(!page.contains("m-cifg-13"), "the virtual meeting was retracted")
    #expect(page.contains("per the joint statement"))
    #expect(page.contains("withdrawn by the publisher"))
    #expect(page.contains("<td class=\"conflict\">"), "Luxembourg and Brussels conflict")
    #expect(page.contains("class=\"mark lower"), "over 40 is drawn as a lower bound")
  }

  @Test func anEmptyArchiveGivesAPageThatSaysSo() {
    let page = ReportPage.html(ReportLog().report())
    #expect(page.contains("No meetings."))
    #expect(page.contains("No counts."))
    #expect(!page.contains("<svg class=\"chart"))
  }

  @Test func theSamePageComesOutOfTheSameState() {
    let log = sample()
    #expect(ReportPage.html(log.report()) == ReportPage.html(log.report()))
  }
}
