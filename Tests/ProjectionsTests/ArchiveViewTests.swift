import Domain
import Testing

@testable import Projections

@Suite("Timeline resolution")
struct TimelineTests {
  @Test("the original-language release wins over a translation, and the disagreement is listed")
  func originalBeatsTranslation() throws {
    var log = LogBuilder()
    let ar = log.ingest(
      "ar text", language: "ar", translation: true, published: "2019-11-21", ordinal: 12,
      start: "2019-11-19", city: "Amman")
    let en = log.ingest(
      "en text", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    let meeting = try #require(log.view().meetings.first)
    #expect(meeting.id == "cifg-12")
    #expect(meeting.city == "Luxembourg")
    #expect(meeting.sources.map(\.document) == [en, ar])
    let conflict = try #require(meeting.conflicts.first { $0.field == "city" })
    #expect(conflict.chosen == "Luxembourg")
    #expect(conflict.values.map(\.value) == ["Luxembourg", "Amman"])
    #expect(conflict.values.map(\.by) == [[en.description], [ar.description]])
  }

  @Test("a translation is linked to the original at its stated link, else to the meeting's original")
  func translationsLinkToOriginals() throws {
    var log = LogBuilder()
    let first = log.ingest(
      "en 1", published: "2019-11-20", ordinal: 12, start: "2019-11-19", link: "https://x/a")
    let second = log.ingest(
      "en 2", published: "2019-11-21", ordinal: 12, start: "2019-11-19", link: "https://x/b")
    let linked = log.ingest(
      "ar 1", language: "ar", translation: true, published: "2019-11-22", ordinal: 12, start: "2019-11-19",
      originalLink: "https://x/a")
    let unlinked = log.ingest(
      "fr 1", language: "fr", translation: true, published: "2019-11-22", ordinal: 12, start: "2019-11-19")
    let sources = try #require(log.view().meetings.first).sources
    let original = Dictionary(uniqueKeysWithValues: sources.map { ($0.document, $0.original) })
    #expect(original[linked] == first)
    #expect(original[unlinked] == second, "the first original by precedence: the newest")
    #expect(original[first] == .some(nil))
  }

  @Test("a correction wins over every extraction, and the latest correction wins")
  func correctionsWin() throws {
    var log = LogBuilder()
    log.ingest("en", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.correct("cifg-12", [("city", "Brussels")])
    log.correct("cifg-12", [("city", "Paris"), ("country", "FR")])
    let meeting = try #require(log.view().meetings.first)
    #expect(meeting.city == "Paris")
    #expect(meeting.country == "FR")
    #expect(meeting.provenance["city"] == .corrected(seq: 3))
  }

  @Test("a correction effective after the as-of date does not apply yet")
  func effectiveDate() throws {
    var log = LogBuilder()
    log.ingest("en", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.correct("cifg-12", [("city", "Brussels")], effective: "2020-06-01")
    #expect(log.view(asOf: "2020-01-01").meetings.first?.city == "Luxembourg")
    #expect(log.view(asOf: "2020-06-01").meetings.first?.city == "Brussels")
  }

  @Test("a retracted document leaves every projection")
  func retraction() {
    var log = LogBuilder()
    let doc = log.ingest(
      "en", published: "2019-11-20", ordinal: 12, start: "2019-11-19", counts: [(56, .members)])
    #expect(log.view().meetings.count == 1)
    log.retract(doc)
    #expect(log.view().meetings.isEmpty)
    #expect(log.view().membership.isEmpty)
    #expect(log.state.sources[doc] != nil, "the document stays in the state")
  }

  @Test("the latest revision of a release stands; the earlier one does not")
  func revisions() throws {
    var log = LogBuilder()
    let first = log.ingest(
      "v1", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Lux", guid: "g")
    let second = log.ingest(
      "v2", published: "2019-11-21", ordinal: 12, start: "2019-11-19", city: "Luxembourg", guid: "g",
      revises: first)
    let meeting = try #require(log.view().meetings.first)
    #expect(meeting.sources.map(\.document) == [second])
    #expect(meeting.city == "Luxembourg")
    #expect(meeting.conflicts.isEmpty)
  }

  @Test("as-of keeps only documents published and meetings started by that date")
  func validTime() {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    log.ingest("b", published: "2020-03-01", ordinal: 13, start: "2020-10-01")
    log.ingest("c", published: "2020-11-01", ordinal: 13, start: "2020-10-01")
    #expect(log.view(asOf: "2019-11-19").meetings.isEmpty, "published the next day")
    #expect(log.view(asOf: "2019-12-31").meetings.map(\.id) == ["cifg-12"])
    #expect(log.view(asOf: "2020-09-30").meetings.map(\.id) == ["cifg-12"], "announced, not started")
    #expect(log.view(asOf: "2020-10-01").meetings.map(\.id) == ["cifg-12", "cifg-13"])
  }

  @Test("a source with a date but no ordinal joins the meeting that started that day")
  func dateOnlySourceJoins() throws {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    log.ingest("b", published: "2019-11-22", start: "2019-11-19", city: "Luxembourg")
    log.ingest("c", published: "2021-01-01", start: "2020-12-01")
    let ids = log.view().meetings.map(\.id)
    #expect(ids == ["cifg-12", "cifg-2020-12-01"])
    #expect(log.view().meetings.first?.city == "Luxembourg")
  }
}

@Suite("Membership and themes")
struct MembershipAndThemeTests {
  @Test("members and attendees are separate series, dated by the meeting's last day")
  func seriesKeptApart() {
    var log = LogBuilder()
    log.ingest(
      "a", published: "2019-11-25", ordinal: 12, start: "2019-11-19", end: "2019-11-20",
      counts: [(56, .members), (80, .attendees)])
    let points = log.view().membership
    #expect(points.map(\.key.counts) == [.attendees, .members])
    #expect(points.allSatisfy { $0.key.date == CalendarDate(iso: "2019-11-20") })
    #expect(points.map(\.value) == [80, 56])
  }

  @Test("a count correction sets the value and records the disagreement")
  func countCorrection() throws {
    var log = LogBuilder()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-20", counts: [(56, .members)])
    log.correct("members/cifg/2019-11-20", [("value", "57")])
    let point = try #require(log.view().membership.first)
    #expect(point.value == 57)
    #expect(point.conflicts.first?.values.map(\.value) == ["56", "57"])
  }

  @Test("a count naming its group is that group's, dated by the meeting it was stated for")
  func countOfAnotherGroup() throws {
    var log = LogBuilder()
    log.ingest(
      "a", published: "2021-12-03", group: "small-group", start: "2021-12-02", counts: [(84, .members)],
      countsOf: "coalition")
    log.ingest(
      "b", published: "2021-12-10", group: "small-group", start: "2021-12-09", counts: [(30, .attendees)])
    let points = log.view().membership
    #expect(points.map(\.key.target) == ["members/coalition/2021-12-02", "members/small-group/2021-12-09"])
    #expect(points.map(\.value) == [84, 30])
    // A correction and a blame name the Coalition's point.
    log.correct("members/coalition/2021-12-02", [("value", "85")])
    #expect(log.view().membership.first?.value == 85)
    let blame = try #require(log.state.blame("members/coalition/2021-12-02"))
    #expect(blame.fields.first?.events.first?.value == "84")
  }

  @Test("themes are counted per meeting, not per document")
  func themesPerMeeting() throws {
    var log = LogBuilder()
    log.ingest("en", published: "2019-11-20", ordinal: 12, start: "2019-11-19", themes: ["antiquities"])
    log.ingest(
      "ar", language: "ar", translation: true, published: "2019-11-20", ordinal: 12, start: "2019-11-19",
      themes: ["antiquities"])
    log.ingest("next", published: "2021-03-02", ordinal: 13, start: "2021-03-01", themes: ["antiquities"])
    let stat = try #require(log.view().themes.first)
    #expect(stat.meetings == 2)
    #expect(stat.byYear == [2019: 1, 2021: 1])
    #expect(stat.first == CalendarDate(iso: "2019-11-19"))
    #expect(stat.last == CalendarDate(iso: "2021-03-01"))
  }
}
