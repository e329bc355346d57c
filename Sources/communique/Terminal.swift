import Domain
import Foundation
import Report

/// Writing to the terminal: stdout for results, stderr for messages.
enum Terminal {
  /// Prints a JSON document and a newline on stdout.
  static func print(json: JSONValue) {
    var bytes: [UInt8] = []
    json.write(into: &bytes)
    bytes.append(0x0a)
    FileHandle.standardOutput.write(Data(bytes))
  }

  /// Prints a line on stdout.
  static func line(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
  }

  /// Prints `communique: message` on stderr.
  static func error(_ message: String) {
    FileHandle.standardError.write(Data("communique: \(message)\n".utf8))
  }

  /// Prints a message on stderr.
  static func note(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
  }

  /// Whether stdout gets colour: only on a terminal, never with `NO_COLOR` set or `TERM=dumb`.
  static let colour: Bool = {
    let env = ProcessInfo.processInfo.environment
    return isatty(STDOUT_FILENO) == 1 && (env["NO_COLOR"] ?? "").isEmpty && env["TERM"] != "dumb"
  }()

  /// The SGR styles the tables and changelogs use.
  enum Style: String {
    case bold = "1", dim = "2", red = "31", green = "32", yellow = "33", cyan = "36"
  }

  /// `text` in `style` when stdout gets colour, else unchanged.
  static func paint(_ text: String, _ style: Style?) -> String {
    guard colour, let style, !text.isEmpty else { return text }
    return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
  }

  /// Lays out rows as aligned columns by terminal width, right-to-left cells isolated, the
  /// header bold on a terminal; `style` may colour a cell (row, column, text) after padding.
  static func table(
    _ header: [String], _ rows: [[String]], style: (Int, Int, String) -> Style? = { _, _, _ in nil }
  ) -> String {
    let lines = TerminalText.table([header] + rows) { row, column, padded in
      row == 0 ? paint(padded, .bold) : paint(padded, style(row - 1, column, rows[row - 1][column]))
    }
    return lines.joined(separator: "\n")
  }
}
