import Domain
import Projections
import Testing

@testable import Report

@Suite struct ReportModelTests {
  @Test func eachMeetingFieldLinksToTheQuoteItWasReadFrom() throws {
    var log = ReportLog()
    let id = log.ingest(
      "seed", language: "ar", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg",
      chairs: ["US", "IT"], quotes: ["city": "في لوكسمبورغ", "chairs": "برئاسة"])
    let report = log.report()
    let meeting = try #require(report.meetings.first)
    let city = try #require(meeting.fields["city"]?.first)
    #expect(city.text == "Luxembourg")
    let link = try #require(city.link)
    #expect(link.hover == "في لوكسمبورغ")
    let document = try #require(report.documents.first { $0.record.id == id })
    let evidence = try #require(document.evidence.first { $0.anchor == link.anchor })
    #expect(
      evidence.field == "city" && evidence.value == "Luxembourg" && evidence.evidence.quote == "في لوكسمبورغ")
    #expect(meeting.fields["chairs"]?.map(\.text) == ["IT", "US"])
    #expect(meeting.fields["chairs"]?.allSatisfy { $0.link != nil } == true)
  }

  @Test func aOneDayMeetingsEndLinksToTheQuoteOfItsStart() throws {
    var log = ReportLog()
    log.ingest("a", published: "2020-06-03", ordinal: 13, start: "2020-06-03", quotes: ["start": "on 3 June"])
    let end = try #require(log.report().meetings.first?.fields["end"]?.first)
    #expect(end.link?.hover == "on 3 June")
  }

  @Test func aCorrectedFieldLinksToTheCorrection() throws {
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Brussels")
    log.correct("cifg-12", "city", "Luxembourg", reason: "per the host ministry")
    let report = log.report()
    let city = try #require(report.meetings.first?.fields["city"]?.first)
    #expect(city.text == "Luxembourg")
    #expect(city.link == FactLink(anchor: "corr-2", hover: "correction: per the host ministry"))
    let correction = try #require(report.corrections.first)
    #expect(correction.anchor == "corr-2" && correction.target == "m-cifg-12")
  }

  @Test func disagreeingSourcesBecomeAConflictLinkedFromTheField() throws {
    var log = ReportLog()
    let en = log.ingest("en", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    let ar = log.ingest(
      "ar", language: "ar", translation: true, published: "2019-11-21", ordinal: 12, start: "2019-11-19",
      city: "Brussels")
    let report = log.report()
    let meeting = try #require(report.meetings.first)
    let anchor = try #require(meeting.conflicted["city"])
    let conflict = try #require(report.conflicts.first { $0.anchor == anchor })
    #expect(conflict.conflict.chosen == "Luxembourg")
    #expect(conflict.targetAnchor == meeting.anchor)
    #expect(conflict.holders[en.description] == HTML.anchor("doc", en.short))
    #expect(conflict.holders[ar.description] == HTML.anchor("doc", ar.short))
  }

  @Test func countPointsFormSeriesPerGroupAndKindEachLinkedToItsQuote() throws {
    var log = ReportLog()
    log.ingest(
      "a", published: "2019-04-17", ordinal: 10, start: "2019-04-16",
      counts: [(40, .over, .members), (90, .about, .attendees)], quotes: ["count": "more than 40 members"])
    log.ingest(
      "b", published: "2019-11-20", ordinal: 12, start: "2019-11-19", counts: [(56, .exact, .members)])
    let report = log.report()
    #expect(report.series.map { "\($0.group)/\($0.counts.rawValue)" } == ["cifg/attendees", "cifg/members"])
    let members = report.series[1]
    #expect(members.points.map(\.point.value) == [40, 56])
    let over = members.points[0]
    #expect(over.point.qualifier == .over)
    #expect(over.link?.hover == "more than 40 members")
    #expect(over.anchor == "pt-cifg-members-2019-04-16", "dated by the meeting")
  }

  @Test func aCorrectionOfACountPointNamesThePointAsItsTarget() throws {
    var log = ReportLog()
    log.ingest(
      "a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", counts: [(55, .exact, .members)])
    log.correct("members/cifg/2019-11-19", "value", "56")
    let report = log.report()
    #expect(report.corrections.first?.target == "pt-cifg-members-2019-11-19")
    #expect(report.series.first?.points.first?.link?.anchor == "corr-2")
  }

  @Test func retractedDocumentsAreListedAndNoLongerStand() throws {
    var log = ReportLog()
    let id = log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    log.retract(id, reason: "withdrawn by the publisher")
    let report = log.report()
    #expect(report.meetings.isEmpty)
    #expect(report.retractions.map(\.retraction.reason) == ["withdrawn by the publisher"])
    #expect(report.documents.first?.standing == false)
  }

  @Test func aReportAsOfADateListsOnlyWhatWasPublishedByThen() {
    var log = ReportLog()
    log.ingest(
      "a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", counts: [(56, .exact, .members)])
    log.ingest(
      "b", published: "2020-11-11", ordinal: 14, start: "2020-11-10", counts: [(70, .exact, .members)])
    let report = log.report(asOf: "2019-12-31")
    #expect(report.asOf == CalendarDate(iso: "2019-12-31"))
    #expect(report.meetings.map(\.meeting.id) == ["cifg-12"])
    #expect(report.documents.count == 1)
    #expect(report.series.first?.points.count == 1)
  }

  @Test func theSharedTimeAxisCoversEveryMeetingAndCount() throws {
    var log = ReportLog()
    log.ingest("a", published: "2015-03-19", ordinal: 1, start: "2015-03-19")
    log.ingest(
      "b", published: "2024-02-08", ordinal: 20, start: "2024-02-07", counts: [(62, .exact, .attendees)])
    let axis = try #require(log.report().axis)
    let (first, last) = try (
      #require(CalendarDate(iso: "2015-03-19")), #require(CalendarDate(iso: "2024-02-08"))
    )
    #expect(axis.lowerBound < first && axis.upperBound > last)
  }
}
