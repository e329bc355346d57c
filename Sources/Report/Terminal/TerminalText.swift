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

  /// The width output is fitted to: `COLUMNS` when it is a positive number, else the
  /// terminal's (nil when stdout is not one: piped output is never cut).
  package static func columns(variable: String?, terminal: Int?) -> Int? {
    if let variable, let n = Int(variable), n > 0 { return n }
    return terminal
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
  /// right-to-left letters and `isolating` (on a terminal; a pipe gets the text alone).
  package static func isolated(_ text: String, isolating: Bool = true) -> String {
    let text = visible(text, .line)
    guard isolating, hasRightToLeft(text) else { return text }
    return isolate(text)
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
  /// right-to-left text, isolated first (``isolated(_:)``) when `isolating` (on a terminal:
  /// piped output carries no invisible marks into `awk` or `cut`).
  ///
  /// With a `width`, the `yielding` columns (free text: places, chairs, titles) are narrowed,
  /// widest first, until the table fits, their cells shortened with `…` (at the start for
  /// the columns in `keepingEnd`, so a sparkline keeps its latest values); no other column
  /// is cut, so ids and dates stay whole even when the table cannot fit.
  ///
  /// `decorate` gets each padded cell with its row and column and may wrap it (in colour
  /// codes): padding is counted before, so decoration never shifts a column.
  package static func table(
    _ rows: [[String]], width limit: Int? = nil, yielding: [Int] = [], keepingEnd: Set<Int> = [],
    isolating: Bool = true, decorate: (Int, Int, String) -> String = { _, _, cell in cell }
  ) -> [String] {
    var cells = rows.map { $0.map { visible($0, .line) } }
    var widths: [Int] = []
    for row in cells {
      for (i, cell) in row.enumerated() {
        if i == widths.count { widths.append(0) }
        widths[i] = max(widths[i], width(cell))
      }
    }
    if let limit {
      let header = rows.first ?? []
      let minimums = widths.indices.map { i in max(4, i < header.count ? width(header[i]) : 0) }
      let fitted = fit(widths, minimums: minimums, yielding: yielding, to: limit)
      if fitted != widths {
        cells = cells.map { row in
          row.enumerated().map { i, cell in
            truncated(cell, to: fitted[i], keepingEnd: keepingEnd.contains(i))
          }
        }
        widths = fitted
      }
    }
    return cells.enumerated().map { r, row in
      // A row ends at its last cell that holds something: no trailing blanks for `awk`,
      // `diff` or an editor to trip on.
      let last = row.lastIndex { !$0.isEmpty } ?? 0
      return row.prefix(last + 1).enumerated().map { i, cell in
        let padding = i == last ? "" : String(repeating: " ", count: widths[i] - width(cell))
        return decorate(r, i, (isolating && hasRightToLeft(cell) ? isolate(cell) : cell) + padding)
      }.joined(separator: "  ")
    }
  }

  /// Column widths narrowed to fit `limit` (two spaces between columns): one column at a
  /// time, always the widest `yielding` one still above its minimum, so the widest free
  /// text gives way first and no column collapses while another stays wide.
  package static func fit(_ widths: [Int], minimums: [Int], yielding: [Int], to limit: Int) -> [Int] {
    var widths = widths
    var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    let candidates = yielding.filter { widths.indices.contains($0) }
    while total > limit {
      let open = candidates.filter { widths[$0] > minimums[$0] }
      guard let widest = open.max(by: { widths[$0] < widths[$1] }) else { break }
      widths[widest] -= 1
      total -= 1
    }
    return widths
  }

  /// `text` in at most `columns` terminal columns: whole if it fits, else cut with `…` at
  /// its end (or its start, `keepingEnd`).
  package static func truncated(_ text: String, to columns: Int, keepingEnd: Bool = false) -> String {
    guard width(text) > columns else { return text }
    guard columns > 1 else { return columns == 1 ? "…" : "" }
    var kept: [Character] = []
    var used = 0
    let characters = keepingEnd ? Array(text.reversed()) : Array(text)
    for character in characters {
      let w = width(String(character))
      if used + w > columns - 1 { break }
      kept.append(character)
      used += w
    }
    return keepingEnd ? "…" + String(kept.reversed()) : String(kept) + "…"
  }

  /// `text` between FSI and PDI.
  static func isolate(_ text: String) -> String {
    String(firstStrongIsolate) + text + String(popIsolate)
  }
}
