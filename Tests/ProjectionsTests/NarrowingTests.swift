import Domain
import Testing

@testable import Projections

@Suite("Narrowing a view to a group and a span of days")
struct NarrowingTests {
  /// Two CIFG meetings, one of the Coalition, each with a count and a theme.
  func log() -> LogBuilder {
    var log = LogBuilder()
    log.ingest(
      "a", published: "2019-04-17", ordinal: 11, start: "2019-04-16", end: "2019-04-17",
      themes: ["hawala"], counts: [(40, .members)])
    log.ingest(
      "b", published: "2019-11-20", ordinal: 12, start: "2019-11-19", end: "2019-11-20",
      themes: ["virtual-assets"], counts: [(56, .members)])
    log.ingest(
      "c", published: "2019-11-14", group: "coalition", ordinal: 9, start: "2019-11-14",
      themes: ["hawala"], counts: [(81, .members)])
    return log
  }

  @Test("--group keeps one group's meetings, counts and themes")
  func group() {
    let view = log().view().narrowed(ViewNarrowing(group: "coalition"))
    #expect(view.meetings.map(\.id) == ["coalition-9"])
    #expect(view.membership.map(\.key.group) == ["coalition"])
    #expect(view.themes.map(\.theme) == ["hawala"])
    #expect(view.themes.first?.meetings == 1)
  }

  @Test("--since and --until keep the meetings that touch the span and the counts dated in it")
  func span() {
    let full = log().view()
    let view = full.narrowed(
      ViewNarrowing(since: CalendarDate(iso: "2019-04-17"), until: CalendarDate(iso: "2019-11-18")))
    #expect(view.meetings.map(\.id) == ["cifg-11", "coalition-9"], "cifg-11 ends on the first day")
    #expect(view.membership.map(\.value).contains(81) && !view.membership.map(\.value).contains(56))
    #expect(view.themes.map(\.theme) == ["hawala"], "virtual-assets was discussed only after")
    let late = full.narrowed(ViewNarrowing(since: CalendarDate(iso: "2019-11-20")))
    #expect(late.meetings.map(\.id) == ["cifg-12"])
  }

  @Test("a narrowed view lists only its meetings' conflicts")
  func conflicts() {
    var log = log()
    log.ingest("d", published: "2019-11-21", ordinal: 12, start: "2019-11-19", city: "Brussels")
    log.ingest("e", published: "2019-11-22", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    #expect(Set(log.view().conflictListings().map(\.target)) == ["cifg-12"])
    #expect(log.view().narrowed(ViewNarrowing(group: "coalition")).conflictListings().isEmpty)
  }

  @Test("no narrowing is the view itself, and the view names its groups")
  func nothing() {
    let view = log().view()
    #expect(view.narrowed(ViewNarrowing()) == view)
    #expect(view.groups == ["cifg", "coalition"])
  }
}
