import Domain
import Projections

/// The geometry of the meeting timeline: one lane per group, one mark per meeting from its
/// first to its last day, labelled with its ordinal.
///
/// Labels of meetings close together alternate above and below the lane so they do not
/// overprint. Meetings without a start date cannot be placed and are left out.
package struct TimelineChart: Hashable, Sendable {
  /// A group's row.
  package struct Lane: Hashable, Sendable {
    /// The group's slug.
    package var group: String
    /// The lane's centre line.
    package var y: Double
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
    /// The ordinal, or empty when none is stated.
    package var label: String
    /// The baseline of the label: above the lane, or below it when a neighbour is close.
    package var labelY: Double
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

  /// The minimum horizontal distance between two labels on the same side of a lane.
  static let labelGap = 22.0
  /// The height of a lane.
  static let laneHeight = 56.0

  /// Lays out `meetings` on the axis from `first` to `last` in a box `width` pixels wide.
  package init(meetings: [Meeting], first: CalendarDate, last: CalendarDate, width: Double = 960) {
    self.width = width
    plotLeft = 124
    let time = TimeScale(first: first, last: last, left: plotLeft, right: width - 12)
    var groups: [String] = []
    for m in meetings where m.start != nil && !groups.contains(m.group) { groups.append(m.group) }
    lanes = groups.enumerated().map { i, g in Lane(group: g, y: 30 + Double(i) * TimelineChart.laneHeight) }
    axisY = 30 + Double(max(1, groups.count)) * TimelineChart.laneHeight - 18
    height = axisY + 24
    xTicks = time.yearTicks()
    var lastLabelX: [String: (above: Double, below: Double)] = [:]
    marks = []
    for m in meetings {
      guard let start = m.start, let lane = lanes.first(where: { $0.group == m.group }) else { continue }
      let x = time.x(start)
      let end = max(time.x(m.end ?? start), x)
      let centre = (x + end) / 2
      var previous = lastLabelX[m.group] ?? (-.infinity, -.infinity)
      let gapAbove = centre - previous.above
      let above = gapAbove >= TimelineChart.labelGap || gapAbove >= centre - previous.below
      if above { previous.above = centre } else { previous.below = centre }
      lastLabelX[m.group] = previous
      marks.append(
        Mark(
          meeting: m.id, x: x, width: max(6, end - x), y: lane.y, virtual: m.virtual == true,
          label: m.ordinal.map(String.init) ?? "", labelY: above ? lane.y - 12 : lane.y + 22))
    }
  }
}
