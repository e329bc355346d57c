import Domain
import Projections
import Testing

@testable import Report

private func day(_ iso: String) -> CalendarDate {
  CalendarDate(iso: iso) ?? CalendarDate(daysSinceEpoch: 0)
}

@Suite struct ChartGeometryTests {
  let first = day("2015-01-01")
  let last = day("2021-01-01")

  @Test func aCountHoldsUntilTheNextOneThenRisesToIt() throws {
    let chart = StepChart(
      points: [
        .init(date: day("2019-11-20"), value: 56, qualifier: .exact),
        .init(date: day("2015-10-21"), value: 36, qualifier: .exact),
      ], first: first, last: last)
    #expect(chart.marks.map(\.point.value) == [36, 56], "points are drawn oldest first")
    let (older, newer) = (chart.marks[0], chart.marks[1])
    #expect(newer.y < older.y, "a larger count is drawn higher")
    #expect(older.x < newer.x)
    let level = try #require(chart.segments.first)
    #expect(level == .init(x1: older.x, y1: older.y, x2: newer.x, y2: older.y, bound: .exact, carried: false))
    let riser = chart.segments[1]
    #expect(riser == .init(x1: newer.x, y1: older.y, x2: newer.x, y2: newer.y, bound: .exact, carried: false))
    let tail = try #require(chart.segments.last)
    #expect(tail.carried && tail.y1 == newer.y && tail.x2 == chart.plotRight)
    #expect(chart.segments.count == 3)
  }

  @Test func anOverCountIsALowerBoundMarkAndTheLevelAfterItIsALowerBound() throws {
    let chart = StepChart(
      points: [
        .init(date: day("2019-04-17"), value: 40, qualifier: .over),
        .init(date: day("2019-11-20"), value: 56, qualifier: .exact),
      ], first: first, last: last)
    let bound = chart.marks[0]
    #expect(bound.bound == .lower)
    let scale = ValueScale(maximum: 56, bottom: chart.plotBottom, top: chart.plotTop)
    #expect(bound.y == scale.y(40), "the mark sits at the stated number, not above it")
    #expect(chart.segments[0].bound == .lower)
    #expect(chart.segments[1].bound == .exact, "the riser to an exact count is exact")
  }

  @Test func nearlyAndAboutAreAnUpperBoundAndAnApproximation() {
    #expect(StepChart.Bound(.under) == .upper)
    #expect(StepChart.Bound(.about) == .approximate)
    #expect(StepChart.Bound(.exact) == .exact)
  }

  @Test func theLargestCountLeavesRoomAboveItForALowerBoundArrow() throws {
    let chart = StepChart(
      points: [.init(date: day("2020-01-01"), value: 80, qualifier: .over)], first: first, last: last)
    let mark = try #require(chart.marks.first)
    #expect(mark.y - chart.plotTop >= 14, "the arrow is 14 pixels tall")
  }

  @Test func equalCountsInARowNeedNoRiser() {
    let chart = StepChart(
      points: [
        .init(date: day("2019-01-01"), value: 80, qualifier: .over),
        .init(date: day("2020-01-01"), value: 80, qualifier: .over),
      ], first: first, last: last)
    #expect(chart.segments.count == 2)
    #expect(chart.segments.allSatisfy { $0.y1 == $0.y2 })
  }

  @Test func theValueAxisEndsOnARoundNumberAboveTheLargestCount() {
    let scale = ValueScale(maximum: 56, bottom: 100, top: 0)
    #expect(scale.top == 80 && scale.step == 20)
    #expect(scale.ticks.map(\.label) == ["0", "20", "40", "60", "80"])
    #expect(scale.y(0) == 100 && scale.y(80) == 0 && scale.y(40) == 50)
    #expect(ValueScale(maximum: 0, bottom: 1, top: 0).top >= 1)
  }

  @Test func theTimeAxisPadsItsDatesAndTicksEachNewYear() throws {
    let scale = try #require(
      TimeScale(covering: [day("2019-11-19"), day("2015-03-19")], left: 0, right: 600))
    #expect(scale.first < day("2015-03-19") && scale.last > day("2019-11-19"))
    #expect(scale.yearTicks().map(\.label) == ["2016", "2017", "2018", "2019", "2020"])
    #expect(scale.x(scale.first) == 0 && scale.x(scale.last) == 600)
    #expect(TimeScale(covering: [CalendarDate](), left: 0, right: 1) == nil)
  }

  @Test func aLongAxisThinsItsYearTicks() {
    let scale = TimeScale(first: day("1950-06-01"), last: day("2020-06-01"), left: 0, right: 600)
    let ticks = scale.yearTicks(maximum: 12)
    #expect(ticks.count <= 12 && ticks.count >= 6)
    #expect(ticks.allSatisfy { (Int($0.label) ?? 1) % 10 == 0 })
  }

  @Test func theTimelineHasALanePerGroupAndMarksVirtualMeetings() throws {
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 12, start: "2019-11-19", city: "Luxembourg")
    log.ingest("b", published: "2020-06-03", ordinal: 13, start: "2020-06-03", virtual: true)
    log.ingest("c", published: "2020-07-01", ordinal: nil, start: nil)
    let meetings = log.view().meetings
    let chart = TimelineChart(meetings: meetings, first: day("2019-01-01"), last: day("2021-01-01"))
    #expect(chart.lanes.map(\.group) == ["cifg"])
    #expect(chart.marks.map(\.meeting) == ["cifg-12", "cifg-13"])
    #expect(chart.marks.map(\.virtual) == [false, true])
    #expect(chart.marks.map(\.label) == ["12", "13"])
    #expect(chart.marks.allSatisfy { $0.width >= 6 })
  }

  @Test func labelsOfMeetingsCloseTogetherAlternateAboveAndBelowTheLane() {
    var log = ReportLog()
    log.ingest("a", published: "2019-11-20", ordinal: 11, start: "2019-10-16")
    log.ingest("b", published: "2019-11-20", ordinal: 12, start: "2019-11-19")
    log.ingest("c", published: "2024-01-01", ordinal: 20, start: "2024-01-01")
    let chart = TimelineChart(
      meetings: log.view().meetings, first: day("2015-01-01"), last: day("2025-01-01"))
    let y = chart.lanes[0].y
    #expect(chart.marks.map { $0.labelY < y } == [true, false, true])
  }

  @Test func barsAreProportionalToTheirValues() {
    let chart = BarChart(rows: [("virtual-assets", 4), ("antiquities", 2), ("none", 0)])
    #expect(chart.bars[1].width * 2 == chart.bars[0].width)
    #expect(chart.bars[2].width == 0)
    #expect(chart.bars[0].x == chart.labelWidth)
    #expect(chart.bars[0].y < chart.bars[1].y)
  }
}
