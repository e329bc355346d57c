import Domain

/// Text laid out in terminal columns: its width as a terminal shows it, control characters
/// made visible, and right-to-left runs isolated so they cannot reorder the columns around them.
package enum TerminalText {
  /// How ``visible(_:_:)`` treats line feeds and tabs.
  package enum Layout: Sendable {
    /// A field in one line of output (a table cell, a message, a title): line feeds and
    /// tabs are made visible too, so the field cannot break or misalign its line.
    case line
    /// Lines of text (a document's stored text): line feed and tab are kept.
    case block
  }

  /// `text` with every character that would act on the terminal instead of being shown
  /// written as `<U+XXXX>` (`<U+001B>`, `<U+202E>`): C0 and C1 controls, DEL, bidi
  /// embeddings, overrides and isolates, U+2028/2029 (see `Unicode.Scalar.actsOnDisplay`).
  ///
  /// Everything the command line prints for people from inputs or the archive passes here:
  /// a feed's title holding `ESC ] 0 ;` cannot retitle the window, `ESC [ 2 J` cannot clear
  /// the screen, U+202E cannot reverse a line of `log`. Text without such characters comes
  /// back unchanged.
  package static func visible(_ text: some StringProtocol, _ layout: Layout) -> String {
    func shown(_ scalar: Unicode.Scalar) -> Bool {
      scalar.actsOnDisplay && !(layout == .block && (scalar == "\n" || scalar == "\t"))
    }
    guard text.unicodeScalars.contains(where: shown) else { return String(text) }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      guard shown(scalar) else {
        out.append(scalar)
        continue
      }
      let hex = String(scalar.value, radix: 16, uppercase: true)
      out.append(
        contentsOf: "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>".unicodeScalars)
    }
    return String(out)
  }

  /// FIRST STRONG ISOLATE: the text up to ``popIsolate`` takes the direction of its first
  /// strong letter and is laid out apart from its neighbours.
  package static let firstStrongIsolate: Unicode.Scalar = "\u{2068}"
  /// POP DIRECTIONAL ISOLATE: ends an isolate.
  package static let popIsolate: Unicode.Scalar = "\u{2069}"

  /// Whether `text` holds a right-to-left letter (Hebrew, Arabic, Syriac, Thaana, N'Ko …).
  package static func hasRightToLeft(_ text: some StringProtocol) -> Bool {
    text.unicodeScalars.contains { scalar in
      switch scalar.value {
      case 0x0590...0x08FF, 0xFB1D...0xFDFF, 0xFE70...0xFEFF, 0x10800...0x10FFF, 0x1E800...0x1EFFF: true
      default: false
      }
    }
  }

  /// `text` as one line (``visible(_:_:)``), wrapped in FSI … PDI when it holds
  /// right-to-left letters.
  package static func isolated(_ text: String) -> String {
    let text = visible(text, .line)
    guard hasRightToLeft(text) else { return text }
    return String(firstStrongIsolate) + text + String(popIsolate)
  }

  /// The columns `text` takes on a terminal: one per character, none for formatting marks
  /// (bidi controls, joiners) and combining marks, two for East Asian wide characters.
  package static func width(_ text: some StringProtocol) -> Int {
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
  /// to its column's terminal width up to the row's last non-empty cell; each cell is made one visible line and, with
  /// right-to-left text, isolated first (``isolated(_:)``).
  ///
  /// `decorate` gets each padded cell with its row and column and may wrap it (in colour
  /// codes): padding is counted before, so decoration never shifts a column.
  package static func table(
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
      // A row ends at its last cell that holds something: no trailing blanks for `awk`,
      // `diff` or an editor to trip on.
      let last = row.lastIndex { !$0.isEmpty } ?? 0
      return row.prefix(last + 1).enumerated().map { i, cell in
        let padded = i == last ? cell : cell + String(repeating: " ", count: widths[i] - width(cell))
        return decorate(r, i, padded)
      }.joined(separator: "  ")
    }
  }
}
