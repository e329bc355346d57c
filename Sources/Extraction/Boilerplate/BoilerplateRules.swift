/// The lines `boilerplate.json` says are not part of a statement, compared on folded text.
struct BoilerplateRules: Sendable {
  var dropEquals: Set<String> = []
  var dropPrefixes: [String] = []
  var translationNotices: [String] = []
  var originalLinkPrefixes: [String] = []
  var languageNames: Set<String> = []

  init(_ file: DataFiles.Boilerplate) throws(ExtractionError) {
    func key(_ text: String) throws(ExtractionError) -> String {
      let folded = BoilerplateRules.key(text)
      guard !folded.isEmpty else {
        throw .badEntry(file: "boilerplate.json", entry: text, reason: "the pattern holds no word")
      }
      return folded
    }
    for text in file.dropLineEquals { dropEquals.insert(try key(text)) }
    for text in file.dropLineStartsWith { dropPrefixes.append(try key(text)) }
    for text in file.translationNotices { translationNotices.append(try key(text)) }
    for text in file.originalLinkPrefixes { originalLinkPrefixes.append(try key(text)) }
    for text in file.languageNames { languageNames.insert(try key(text)) }
  }

  /// A line's comparison key: its folded words joined by single spaces.
  static func key(_ line: String) -> String {
    FoldedText(line).tokens.map(\.text).joined(separator: " ")
  }
}
