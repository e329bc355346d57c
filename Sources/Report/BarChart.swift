/// The geometry of a horizontal bar chart: one labelled bar per row, lengths proportional
/// to the values, the longest filling the plot.
package struct BarChart: Hashable, Sendable {
  /// One bar.
  package struct Bar: Hashable, Sendable {
    /// Left edge.
    package var x: Double
    /// Top edge.
    package var y: Double
    /// Length (zero for a zero value).
    package var width: Double
    /// Thickness.
    package var height: Double
  }

  /// The chart's size in pixels.
  package var width: Double
  /// The chart's size in pixels.
  package var height: Double
  /// The room left of the bars for their labels.
  package var labelWidth: Double
  /// One bar per row, in the rows' order.
  package var bars: [Bar]

  /// Lays out `rows` (label, value) in a box `width` pixels wide, labels on the left.
  package init(rows: [(label: String, value: Int)], width: Double = 640, rowHeight: Double = 22) {
    self.width = width
    let longest = rows.map(\.label.count).max() ?? 0
    let labelWidth = min(260, max(80, Double(longest) * 7 + 16))
    self.labelWidth = labelWidth
    height = Double(rows.count) * rowHeight + 8
    let plot = width - labelWidth - 40
    let maximum = Double(max(1, rows.map(\.value).max() ?? 1))
    bars = rows.enumerated().map { i, row in
      Bar(
        x: labelWidth, y: 4 + Double(i) * rowHeight, width: plot * Double(max(0, row.value)) / maximum,
        height: rowHeight - 6)
    }
  }
}
