import Domain
import Projections
import Testing

@testable import Report

/// The report says what it shows in words a reader uses: what a count counts, a time to the
/// second, a meeting's chairs on one line.
@Suite struct ReportWordsTests {
  @Test func aCountPointsTooltipNamesWhatItCounts() {
    var log = ReportLog()
    log.ingest(
      "a", published: "2015-05-08", ordinal: 3, start: "2015-05-07", counts: [(30, .over, .attendees)])
    let page = ReportPage.html(log.report())
    // Dated by its meeting's last day.
    #expect(page.contains("<title>2015-05-07: over 30 attendees</title>"))
    #expect(!page.contains("over 30 members"))
  }

  @Test func chartTitlesAndCountsNameTheKindInWordsNotItsJSONName() {
    var log = ReportLog()
    log.ingest(
      "a", published: "2019-11-20", ordinal: 12, start: "2019-11-19",
      counts: [(80, .about, .countriesAndOrganizations), (56, .exact, .membersAndObservers)])
    let page = ReportPage.html(log.report())
    #expect(page.contains("cifg · countries and organizations</h3>"))
    #expect(page.contains("cifg · members and observers</h3>"))
    #expect(page.contains("about 80 countries and organizations"))
    #expect(!page.contains("countries_and_organizations"))
    #expect(!page.contains("members_and_observers"))
  }

  @Test func timestampsAreShownToTheSecond() {
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.correct("cifg-12", "city", "Luxembourg City")
    let page = ReportPage.html(log.report())
    // The test log records seq N at 1_700_000_000 s and N µs.
    #expect(page.contains("(recorded 2023-11-14 22:13:20 UTC)"))
    #expect(page.contains("<td class=\"time\" data-label=\"Recorded\">2023-11-14 22:13:20 UTC</td>"))
    #expect(!page.contains(".000002Z") && !page.contains(".000001Z"))
  }

  @Test func aMeetingsChairsStayOnOneLine() {
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", chairs: ["IT", "SA", "US"])
    let page = ReportPage.html(log.report())
    #expect(page.contains("class=\"chairs\"><a href=\"#ev-"))
    #expect(ReportStyle.css.contains("table.meetings td.chairs, td.time { white-space: nowrap; }"))
  }
}
