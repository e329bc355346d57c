/// A series of numbers as a line of block characters (`▁▂▃▄▅▆▇█`), for a terminal.
///
/// The lowest value gets the lowest block and the highest the highest; a flat series is a
/// flat middle line. One character per value, so the line is as long as the series.
package enum Sparkline {
  /// The eight block heights, lowest first.
  package static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

  /// The sparkline of `values`, oldest first; empty for no values.
  package static func render(_ values: [Int]) -> String {
    guard let low = values.min(), let high = values.max() else { return "" }
    guard high > low else { return String(repeating: blocks[3], count: values.count) }
    let top = blocks.count - 1
    return String(values.map { blocks[(($0 - low) * top + (high - low) / 2) / (high - low)] })
  }
}
