import Domain
import Foundation

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

  /// Lays out rows as aligned columns (by character count).
  static func table(_ header: [String], _ rows: [[String]]) -> String {
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
    }
    func render(_ row: [String]) -> String {
      row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
    }
    return ([render(header)] + rows.map(render)).joined(separator: "\n")
  }
}
