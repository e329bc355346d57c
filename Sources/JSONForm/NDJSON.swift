/// Newline-delimited JSON, as `export` writes it and `import` reads it.
package enum NDJSON {
  /// The lines of `text`, split at LF or CR LF (an export saved by a Windows editor); a line
  /// break inside a JSON string is always escaped, so no other character ends a line.
  package static func lines(_ text: String) -> [Substring] {
    // CR LF is one Character in Swift: splitting at "\n" alone would not split it.
    text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
  }
}
