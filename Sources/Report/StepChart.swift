import Domain

/// The geometry of one membership-count series as a step chart: a count holds from the day
/// it is dated until the next one.
///
/// A qualified count is not drawn as a value: "over 80" is a lower bound (an upward mark,
/// and the level after it dashed), "nearly 80" an upper bound, "about 80" an open mark.
/// Pure geometry, so the drawing is tested without a browser.
package struct StepChart: Hashable, Sendable {
  /// What a count point says about the true number.
  package enum Bound: String, Hashable, Sendable {
    /// The number itself.
    case exact
    /// At least the number ("over 80").
    case lower
    /// At most the number ("nearly 80").
    case upper
    /// Roughly the number ("about 80").
    case approximate

    /// The bound a stated qualifier means.
    package init(_ qualifier: CountQualifier) {
      switch qualifier {
      case .exact: self = .exact
      case .over: self = .lower
      case .under: self = .upper
      case .about: self = .approximate
      }
    }
  }

  /// One stated count of the series.
  package struct Point: Hashable, Sendable {
    /// The day it is dated.
    package var date: CalendarDate
    /// The number.
    package var value: Int
    /// How it is qualified.
    package var qualifier: CountQualifier
    /// The page anchor of its evidence (or correction), if any.
    package var anchor: String?

    /// Creates a point.
    package init(date: CalendarDate, value: Int, qualifier: CountQualifier, anchor: String? = nil) {
      self.date = date
      self.value = value
      self.qualifier = qualifier
      self.anchor = anchor
    }
  }

  /// Where a point is drawn and how.
  package struct Mark: Hashable, Sendable {
    /// The centre.
    package var x: Double
    /// The centre.
    package var y: Double
    /// Exact, lower or upper bound, or approximate.
    package var bound: Bound
    /// The point drawn.
    package var point: Point
  }

  /// A straight piece of the step line.
  package struct Segment: Hashable, Sendable {
    /// Start.
    package var x1: Double
    /// Start.
    package var y1: Double
    /// End.
    package var x2: Double
    /// End.
    package var y2: Double
    /// The bound of the level it draws (dashed unless exact).
    package var bound: Bound
    /// Whether it carries the last count on to the end of the axis (no newer count yet).
    package var carried: Bool
  }

  /// The chart's size in pixels.
  package var width: Double
  /// The chart's size in pixels.
  package var height: Double
  /// The plot area's left edge (the value axis is drawn there).
  package var plotLeft: Double
  /// The plot area's bottom edge (the time axis is drawn there).
  package var plotBottom: Double
  /// The plot area's right edge.
  package var plotRight: Double
  /// The plot area's top edge.
  package var plotTop: Double
  /// The step line: a level for each point, then a riser to the next.
  package var segments: [Segment]
  /// One mark per point, oldest first.
  package var marks: [Mark]
  /// The years along the bottom.
  package var xTicks: [Tick]
  /// The values up the side.
  package var yTicks: [Tick]

  /// Lays out `points` (any order) on a time axis from `first` to `last` (the report's
  /// shared axis: pass the same days to every chart), in a `width` × `height` box.
  package init(
    points: [Point], first: CalendarDate, last: CalendarDate, width: Double = 640, height: Double = 180
  ) {
    self.width = width
    self.height = height
    plotLeft = 44
    plotRight = width - 12
    plotTop = 12
    plotBottom = height - 24
    let time = TimeScale(first: first, last: last, left: plotLeft, right: plotRight)
    let values = ValueScale(maximum: points.map(\.value).max() ?? 0, bottom: plotBottom, top: plotTop)
    xTicks = time.yearTicks()
    yTicks = values.ticks
    let sorted = points.sorted { ($0.date, $0.value) < ($1.date, $1.value) }
    marks = sorted.map { p in
      Mark(x: time.x(p.date), y: values.y(p.value), bound: Bound(p.qualifier), point: p)
    }
    segments = []
    for (i, mark) in marks.enumerated() {
      if i + 1 < marks.count {
        let next = marks[i + 1]
        segments.append(
          Segment(x1: mark.x, y1: mark.y, x2: next.x, y2: mark.y, bound: mark.bound, carried: false))
        if next.y != mark.y {
          segments.append(
            Segment(x1: next.x, y1: mark.y, x2: next.x, y2: next.y, bound: next.bound, carried: false))
        }
      } else if time.x(last) > mark.x {
        segments.append(
          Segment(x1: mark.x, y1: mark.y, x2: time.x(last), y2: mark.y, bound: mark.bound, carried: true))
      }
    }
  }
}
