import Domain

/// A labelled position on an axis.
public struct Tick: Hashable, Sendable {
  /// What the axis shows there (`2019`, `40`).
  public var label: String
  /// Where, in the chart's pixels.
  public var position: Double
}

/// Maps days to horizontal pixels, with a little room on either side of the dates it covers.
///
/// Every chart of a report shares one scale, so the same day lines up across charts.
public struct TimeScale: Hashable, Sendable {
  /// The first day of the axis (before the earliest date covered).
  public var first: CalendarDate
  /// The last day of the axis (after the latest date covered).
  public var last: CalendarDate
  /// The pixel of ``first``.
  public var left: Double
  /// The pixel of ``last``.
  public var right: Double

  /// A scale covering `dates` between the pixels `left` and `right`; nil without dates.
  public init?(covering dates: some Sequence<CalendarDate>, left: Double, right: Double) {
    guard let earliest = dates.min(), let latest = dates.max() else { return nil }
    let span = latest.daysSinceEpoch - earliest.daysSinceEpoch
    let pad = max(45, span / 25)
    self.init(first: earliest.adding(days: -pad), last: latest.adding(days: pad), left: left, right: right)
  }

  /// A scale from `first` to `last` (at least one day apart) between two pixels.
  public init(first: CalendarDate, last: CalendarDate, left: Double, right: Double) {
    self.first = first
    self.last = max(last, first.adding(days: 1))
    self.left = left
    self.right = right
  }

  /// The pixel of a day.
  public func x(_ date: CalendarDate) -> Double {
    let span = Double(last.daysSinceEpoch - first.daysSinceEpoch)
    return left + (right - left) * Double(date.daysSinceEpoch - first.daysSinceEpoch) / span
  }

  /// A tick at each 1 January inside the axis, thinned to every 2nd, 5th or 10th year so
  /// that at most `maximum` remain.
  public func yearTicks(maximum: Int = 12) -> [Tick] {
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
public struct ValueScale: Hashable, Sendable {
  /// The value at the top of the axis: a round number above the largest value.
  public var top: Int
  /// The distance between ticks.
  public var step: Int
  /// The pixel of zero.
  public var bottom: Double
  /// The pixel of ``top``.
  public var topPixel: Double

  /// A scale for values up to `maximum`, with room above it (for the lower-bound arrows)
  /// and about four ticks.
  public init(maximum: Int, bottom: Double, top topPixel: Double) {
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
  public func y(_ value: Int) -> Double {
    bottom - (bottom - topPixel) * Double(value) / Double(max(1, top))
  }

  /// Zero, ``step``, 2 × ``step`` … up to ``top``.
  public var ticks: [Tick] {
    stride(from: 0, through: top, by: step).map { Tick(label: String($0), position: y($0)) }
  }
}
