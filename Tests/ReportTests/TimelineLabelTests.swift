import Domain
import Projections
import Testing

@testable import Report

/// The timeline's labels never overprint, however dense the archive, and stay readable on a
/// phone.
@Suite struct TimelineLabelTests {
  /// A dense archive: 1,250 meetings over ten years (as 50,000 generated releases hold),
  /// many a few days apart.
  func dense() -> [Meeting] {
    var log = ReportLog()
    for i in 0..<1250 {
      let start = CalendarDate(year: 2015, month: 1, day: 1)?.adding(days: i * 37 % 3650 + i % 20)
      log.ingest(
        "m\(i)", published: start?.adding(days: 1).description ?? "2015-01-02", ordinal: i + 1,
        start: start?.description)
    }
    return log.view().meetings
  }

  @Test(arguments: [960.0, 360.0])
  func noTwoLabelBoxesOverlapOnADenseArchive(_ width: Double) throws {
    let meetings = dense()
    let days = meetings.compactMap(\.start)
    let first = try #require(days.min()), last = try #require(days.max())
    let chart = TimelineChart(meetings: meetings, first: first, last: last, width: width)
    let boxes = chart.labelBoxes
    #expect(boxes.count > 20, "thinning keeps labels where there is room")
    #expect(boxes.count < chart.marks.count, "a dense archive has labels to thin")
    for i in boxes.indices {
      for j in boxes.indices where j > i {
        #expect(!boxes[i].overlaps(boxes[j]), "labels \(i) and \(j) overlap: \(boxes[i]) \(boxes[j])")
      }
      #expect(boxes[i].left >= 0 && boxes[i].right <= chart.width && boxes[i].top >= 0)
    }
    #expect(chart.marks.count == meetings.count, "every meeting keeps its mark, labelled or not")
  }

  @Test func theOverlapCheckIsNotBlind() {
    let a = TimelineChart.box("12", centre: 100, baseline: 20, fontSize: 11)
    #expect(a.overlaps(TimelineChart.box("13", centre: 110, baseline: 20, fontSize: 11)))
    #expect(!a.overlaps(TimelineChart.box("13", centre: 130, baseline: 20, fontSize: 11)))
    #expect(!a.overlaps(TimelineChart.box("13", centre: 100, baseline: 45, fontSize: 11)))
  }

  @Test func aPhoneGetsATimelineWhoseLabelsAreAtLeastElevenPixels() {
    // 360 px wide, less the 12 px padding each side under the phone media query.
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    let narrow = TimelineChart(
      meetings: log.view().meetings, first: day("2019-01-01"), last: day("2020-01-01"), width: 360)
    #expect(narrow.fontSize * (360 - 24) / narrow.width >= 11)
    let page = ReportPage.html(log.report())
    #expect(
      page.contains(
        "<figure class=\"narrow\"><svg class=\"chart timeline\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 360 "
      ))
    #expect(ReportStyle.css.contains("figure.narrow svg text.label { font-size: 12px; }"))
  }

  func day(_ iso: String) -> CalendarDate { CalendarDate(iso: iso) ?? CalendarDate(daysSinceEpoch: 0) }
}
