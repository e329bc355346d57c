import Domain

/// A labelled position on an axis.
package struct Tick: Hashable, Sendable {
  /// What the axis shows there (`2019`, `40`).
  package var label: String
  /// Where, in the chart's pixels.
  package var position: Double
}

/// Maps days to horizontal pixels, with a little room on either side of the dates it covers.
///
/// Every chart of a report shares one scale, so the same day lines up across charts.
package struct TimeScale: Hashable, Sendable {
  /// The first day of the axis (before the earliest date covered).
  package var first: CalendarDate
  /// The last day of the axis (after the latest date covered).
  package var last: CalendarDate
  /// The pixel of ``first``.
  package var left: Double
  /// The pixel of ``last``.
  package var right: Double

  /// A scale covering `dates` between the pixels `left` and `right`; nil without dates.
  package init?(covering dates: some Sequence<CalendarDate>, left: Double, right: Double) {
    guard let earliest = dates.min(), let latest = dates.max() else { return nil }
    let span = latest.daysSinceEpoch - earliest.daysSinceEpoch
    let pad = max(45, span / 25)
    self.init(first: earliest.adding(days: -pad), last: latest.adding(days: pad), left: left, right: right)
  }

  /// A scale from `first` to `last` (at least one day apart) between two pixels.
  package init(first: CalendarDate, last: CalendarDate, left: Double, right: Double) {
    self.first = first
    self.last = max(last, first.adding(days: 1))
    self.left = left
    self.right = right
  }

  /// The pixel of a day.
  package func x(_ date: CalendarDate) -> Double {
    let span = Double(last.daysSinceEpoch - first.daysSinceEpoch)
    return left + (right - left) * Double(date.daysSinceEpoch - first.daysSinceEpoch) / span
  }

  /// A tick at each 1 January inside the axis, thinned to every 2nd, 5th or 10th year so
  /// that at most `maximum` remain.
  package func yearTicks(maximum: Int = 12) -> [Tick] {
    let years = Array((first.year + 1)...max(first.year + 1, last.year))
    let step = [1, 2, 5, 10, 20, 50].first { years.count <= maximum * $0 } ?? 100
    return years.filter { $0 % step == 0 }.compactMap { year in
      guard let day = CalendarDate(year: year, month: 1, day: 1), day >= first, day <= last else {
        return nil
      }
      return Tick(label: String(year), position: x(day))
    }
  }
}

/// Maps counts to vertical pixels, from zero at the bottom to a round number at the top.
package struct ValueScale: Hashable, Sendable {
  /// The value at the top of the axis: a round number above the largest value.
  package var top: Int
  /// The distance between ticks.
  package var step: Int
  /// The pixel of zero.
  package var bottom: Double
  /// The pixel of ``top``.
  package var topPixel: Double

  /// A scale for values up to `maximum`, with room above it (for the lower-bound arrows)
  /// and about four ticks.
  package init(maximum: Int, bottom: Double, top topPixel: Double) {
    let headroom = max(1.0, Double(maximum) * 1.15)
    let raw = headroom / 4
    var magnitude = 1
    while Double(magnitude * 10) <= raw { magnitude *= 10 }
    let step = [1, 2, 5, 10].map { $0 * magnitude }.first { Double($0) >= raw } ?? magnitude * 10
    self.step = step
    self.top = Int((headroom / Double(step)).rounded(.up)) * step
    self.bottom = bottom
    self.topPixel = topPixel
  }

  /// The pixel of a value.
  package func y(_ value: Int) -> Double {
    bottom - (bottom - topPixel) * Double(value) / Double(max(1, top))
  }

  /// Zero, ``step``, 2 × ``step`` … up to ``top``.
  package var ticks: [Tick] {
    stride(from: 0, through: top, by: step).map { Tick(label: String($0), position: y($0)) }
  }
}
