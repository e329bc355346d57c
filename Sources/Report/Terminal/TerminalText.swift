/// Text laid out in terminal columns: its width as a terminal shows it, and right-to-left
/// runs isolated so they cannot reorder the columns around them.
public enum TerminalText {
  /// FIRST STRONG ISOLATE: the text up to ``popIsolate`` takes the direction of its first
  /// strong letter and is laid out apart from its neighbours.
  public static let firstStrongIsolate: Unicode.Scalar = "\u{2068}"
  /// POP DIRECTIONAL ISOLATE: ends an isolate.
  public static let popIsolate: Unicode.Scalar = "\u{2069}"

  /// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko …).
  public static func hasRightToLeft(_ text: some StringProtocol) -> Bool {
    text.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
      default: false
      }
    }
  }

  /// `text` wrapped in FSI … PDI when it holds right-to-left letters, else unchanged.
  public static func isolated(_ text: String) -> String {
    guard hasRightToLeft(text) else { return text }
    return String(firstStrongIsolate) + text + String(popIsolate)
  }

  /// The columns `text` takes on a terminal: one per character, none for formatting marks
  /// (bidi controls, joiners) and combining marks, two for East Asian wide characters.
  public static func width(_ text: some StringProtocol) -> Int {
    var columns = 0
    for character in text {
      guard let first = character.unicodeScalars.first else { continue }
      switch first.properties.generalCategory {
      case .format, .nonspacingMark, .enclosingMark, .control: continue
      default: break
      }
      columns += isWide(first) ? 2 : 1
    }
    return columns
  }

  /// East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth forms, emoji).
  static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
      true
    default: false
    }
  }

  /// `rows` (the first is the header) as aligned columns two spaces apart, each cell padded
  /// to its column's terminal width; cells with right-to-left text are isolated first.
  ///
  /// `decorate` gets each padded cell with its row and column and may wrap it (in colour
  /// codes): padding is counted before, so decoration never shifts a column.
  public static func table(
    _ rows: [[String]], decorate: (Int, Int, String) -> String = { _, _, cell in cell }
  ) -> [String] {
    let cells = rows.map { $0.map(isolated) }
    var widths: [Int] = []
    for row in cells {
      for (i, cell) in row.enumerated() {
        if i == widths.count { widths.append(0) }
        widths[i] = max(widths[i], width(cell))
      }
    }
    return cells.enumerated().map { r, row in
      row.enumerated().map { i, cell in
        let padded = i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - width(cell))
        return decorate(r, i, padded)
      }.joined(separator: "  ")
    }
  }
}
