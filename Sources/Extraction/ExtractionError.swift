/// Why language data could not be loaded: each case names the file and, where it applies,
/// the entry, so a user who edits a theme file can find the mistake.
package enum ExtractionError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A bundled data file is missing from the resource bundle.
  case missingResource(file: String)
  /// A data file could not be read or is not the JSON the format expects.
  case unreadableFile(file: String, reason: String)
  /// A data file parses but one of its entries is wrong.
  case badEntry(file: String, entry: String, reason: String)

  /// A one-line explanation naming the file.
  package var description: String {
    switch self {
    case .missingResource(let file):
      return "language data file \(file) is missing from the Extraction resources"
    case .unreadableFile(let file, let reason):
      return "cannot read language data file \(file): \(reason)"
    case .badEntry(let file, let entry, let reason):
      return "bad entry \"\(entry)\" in language data file \(file): \(reason)"
    }
  }
}
