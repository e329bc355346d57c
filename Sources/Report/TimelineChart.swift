import Domain
import Projections

/// The geometry of the meeting timeline: one lane per group, one mark per meeting from its
/// first to its last day, labelled with its ordinal.
///
/// Labels never overlap: a label is drawn only where its box clears every label already
/// drawn in its lane, above the lane first, then below it; the others are thinned out. A
/// thinned meeting keeps its mark, a link whose tooltip and target name it, so it is one tap
/// away. Thinning was chosen over grouping by year (which hides the dates a timeline is for)
/// and over a row per year (which makes the page grow with the years): the chart keeps one
/// fixed size however dense the archive, and its labels stay at the font size they are set.
/// Meetings without a start date cannot be placed and are left out.
package struct TimelineChart: Hashable, Sendable {
  /// A group's row.
  package struct Lane: Hashable, Sendable {
    /// The group's slug.
    package var group: String
    /// The lane's centre line.
    package var y: Double
    /// Where the group's name is written (left of the lane, or above it in a narrow chart).
    package var nameX: Double
    /// The name's baseline.
    package var nameY: Double
  }

  /// One meeting's mark.
  package struct Mark: Hashable, Sendable {
    /// The meeting id (`cifg-12`).
    package var meeting: String
    /// Left edge (the first day).
    package var x: Double
    /// Width (at least a few pixels, for a one-day meeting).
    package var width: Double
    /// The lane's centre line.
    package var y: Double
    /// Whether it was held virtually (drawn hollow).
    package var virtual: Bool
    /// The ordinal; empty when none is stated or when the label was thinned out.
    package var label: String
    /// The baseline of the label: above the lane, or below it when a neighbour is close.
    package var labelY: Double
  }

  /// A drawn label's box, in the chart's pixels.
  package struct Box: Hashable, Sendable {
    /// Left, right, top and bottom edges.
    package var left: Double, right: Double, top: Double, bottom: Double

    /// Whether two boxes share any area.
    package func overlaps(_ other: Box) -> Bool {
      left < other.right && other.left < right && top < other.bottom && other.top < bottom
    }
  }

  /// The chart's size in pixels.
  package var width: Double
  /// The chart's size in pixels.
  package var height: Double
  /// Where the lanes' names end and the time axis begins.
  package var plotLeft: Double
  /// One lane per group, in order of the group's first meeting.
  package var lanes: [Lane]
  /// One mark per placed meeting, in timeline order.
  package var marks: [Mark]
  /// The years along the bottom.
  package var xTicks: [Tick]
  /// The baseline of the time axis.
  package var axisY: Double
  /// The font size of the labels, in the chart's pixels (the page draws them at this size).
  package var fontSize: Double

  /// The height of a lane.
  static let laneHeight = 56.0
  /// Below this width the chart is laid out for a phone: names above the lanes, bigger type.
  package static let narrowWidth = 600.0

  /// Lays out `meetings` on the axis from `first` to `last` in a box `width` pixels wide.
  package init(meetings: [Meeting], first: CalendarDate, last: CalendarDate, width: Double = 960) {
    self.width = width
    let narrow = width < TimelineChart.narrowWidth
    fontSize = narrow ? 12 : 11
    plotLeft = narrow ? 8 : 124
    let top = narrow ? 46.0 : 30.0
    let time = TimeScale(first: first, last: last, left: plotLeft, right: width - 12)
    var groups: [String] = []
    for m in meetings where m.start != nil && !groups.contains(m.group) { groups.append(m.group) }
    let laneStep = TimelineChart.laneHeight + (narrow ? 16 : 0)
    lanes = groups.enumerated().map { i, g in
      let y = top + Double(i) * laneStep
      return Lane(group: g, y: y, nameX: 8, nameY: narrow ? y - 28 : y + 4)
    }
    axisY = top + Double(max(1, groups.count)) * laneStep - 18
    height = axisY + 24
    xTicks = time.yearTicks(maximum: narrow ? 5 : 12)
    var drawn: [String: [Box]] = [:]
    marks = []
    for m in meetings {
      guard let start = m.start, let lane = lanes.first(where: { $0.group == m.group }) else { continue }
      let x = time.x(start)
      let end = max(time.x(m.end ?? start), x)
      let centre = (x + end) / 2
      var label = m.ordinal.map(String.init) ?? ""
      var labelY = lane.y - 12
      if !label.isEmpty {
        var placed = false
        for y in [lane.y - 12, lane.y + 12 + fontSize] {
          let box = TimelineChart.box(label, centre: centre, baseline: y, fontSize: fontSize)
          let inside = box.left >= 0 && box.right <= width
          if inside && !(drawn[m.group] ?? []).contains(where: { $0.overlaps(box) }) {
            labelY = y
            drawn[m.group, default: []].append(box)
            placed = true
            break
          }
        }
        if !placed { label = "" }
      }
      marks.append(
        Mark(
          meeting: m.id, x: x, width: max(6, end - x), y: lane.y, virtual: m.virtual == true,
          label: label, labelY: labelY))
    }
  }

  /// The box of a label centred on `centre` with its baseline at `baseline`: digits are at
  /// most 0.62 em wide, and a little room is kept on either side.
  package static func box(_ label: String, centre: Double, baseline: Double, fontSize: Double) -> Box {
    let half = Double(label.count) * fontSize * 0.31 + 2
    return Box(left: centre - half, right: centre + half, top: baseline - fontSize, bottom: baseline + 3)
  }

  /// The boxes of the labels drawn, in mark order.
  package var labelBoxes: [Box] {
    marks.filter { !$0.label.isEmpty }.map {
      TimelineChart.box($0.label, centre: $0.x + $0.width / 2, baseline: $0.labelY, fontSize: fontSize)
    }
  }
}
