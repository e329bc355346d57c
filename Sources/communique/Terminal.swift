import Domain
import Foundation
import JSONForm
import Report

/// Writing to the terminal: stdout for results, stderr for messages. Every byte the command
/// line prints goes through here: a failed write ends the command with one line and exit 74
/// (never a trap), and text from inputs is shown with its control characters made visible.
enum Terminal {
  /// What a write command has committed, set once it has: an output failure after that
  /// says so, so that a script does not run the command again.
  nonisolated(unsafe) private static var committedChange: String?

  /// Records that the archive changed (`appended seq 41: …`). From here on a closed pipe is
  /// an error this process reports (with what was committed) rather than a silent SIGPIPE.
  static func committed(_ change: String) {
    committedChange = change
    signal(SIGPIPE, SIG_IGN)
  }

  /// Prints a JSON document and a newline on stdout, every control and bidi character escaped.
  static func print(json: JSONValue) {
    var bytes: [UInt8] = []
    json.write(into: &bytes, escaping: .display)
    bytes.append(0x0a)
    out(bytes)
  }

  /// Prints a line on stdout; text from inputs or the archive in it must have passed
  /// ``safe(_:)``, ``table(_:_:style:)`` or `TerminalText.isolated`.
  static func line(_ text: String) {
    out(Array((text + "\n").utf8))
  }

  /// Writes bytes on stdout; a failure ends the process with exit 74.
  static func out(_ bytes: [UInt8]) {
    do {
      try FileOutput.standardOutput.write(bytes)
    } catch {
      fail(error)
    }
  }

  /// Prints `communique: message` on stderr, control characters made visible.
  static func error(_ message: String) {
    note("communique: " + message)
  }

  /// Prints a message on stderr as one line, control characters made visible. A failure to write stderr
  /// cannot be reported anywhere; the exit code still tells.
  static func note(_ message: String) {
    try? FileOutput.standardError.write(safe(message) + "\n")
  }

  /// Writes text on stderr as it is — the progress line with its own cursor controls, a
  /// usage message already made visible —, failures ignored.
  static func raw(_ text: String) {
    try? FileOutput.standardError.write(text)
  }

  /// One line of text from inputs or the archive, control and bidi characters made visible
  /// (`<U+001B>`), so that it cannot act on the terminal or break the line.
  static func safe(_ text: some StringProtocol) -> String {
    TerminalText.visible(text, .line)
  }

  /// Ends the process after a failed write on stdout: one line on stderr, exit 74.
  static func fail(_ error: OutputError) -> Never {
    try? FileOutput.standardError.write(
      "communique: " + safe(error.message(committed: committedChange)) + "\n")
    exit(74)
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

  /// Whether stdout is a terminal: only there do tables get a width and right-to-left text
  /// its (invisible) isolation marks, which would ride along into `awk` and `cut`.
  static let isTerminal = isatty(STDOUT_FILENO) == 1

  /// `--wide`: every table and sparkline whole, however wide.
  nonisolated(unsafe) static var wide = false

  /// The width tables fit: `COLUMNS` when set, else the terminal's; none when piped or `--wide`.
  static var width: Int? {
    wide
      ? nil
      : TerminalText.columns(
        variable: ProcessInfo.processInfo.environment["COLUMNS"], terminal: isTerminal ? windowColumns() : nil
      )
  }

  /// The terminal's width in columns (ioctl TIOCGWINSZ on stdout), nil when it has none.
  private static func windowColumns() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
  }

  /// One line of text from inputs or the archive, made visible, isolated on a terminal when
  /// right-to-left.
  static func isolated(_ text: String) -> String {
    TerminalText.isolated(text, isolating: isTerminal)
  }

  /// Lays out rows as aligned columns by terminal width, each cell's control characters made
  /// visible and right-to-left cells isolated (on a terminal), the header bold on a terminal;
  /// with a width (``width``) the `yielding` columns give way, cut with `…` (at the start
  /// for `keepingEnd`); `style` may colour a cell (row, column, text) after padding.
  static func table(
    _ header: [String], _ rows: [[String]], yielding: [Int] = [], keepingEnd: Set<Int> = [],
    style: (Int, Int, String) -> Style? = { _, _, _ in nil }
  ) -> String {
    let lines = TerminalText.table(
      [header] + rows, width: width, yielding: yielding, keepingEnd: keepingEnd, isolating: isTerminal
    ) { row, column, padded in
      row == 0 ? paint(padded, .bold) : paint(padded, style(row - 1, column, rows[row - 1][column]))
    }
    return lines.joined(separator: "\n")
  }
}
