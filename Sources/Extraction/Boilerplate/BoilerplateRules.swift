/// The lines `boilerplate.json` says are not part of a statement, compared on folded text.
struct BoilerplateRules: Sendable {
  var dropEquals: [LineKey] = []
  var dropPrefixes: [LineKey] = []
  var translationNotices: [LineKey] = []
  var originalLinkPrefixes: [LineKey] = []
  var languageNames: [LineKey] = []

  init(_ file: DataFiles.Boilerplate) throws(ExtractionError) {
    func key(_ text: String) throws(ExtractionError) -> LineKey {
      let folded = LineKey(text)
      guard !folded.scalars.isEmpty else {
        throw .badEntry(file: "boilerplate.json", entry: text, reason: "the pattern holds no word")
      }
      return folded
    }
    for text in file.dropLineEquals { dropEquals.append(try key(text)) }
    for text in file.dropLineStartsWith { dropPrefixes.append(try key(text)) }
    for text in file.translationNotices { translationNotices.append(try key(text)) }
    for text in file.originalLinkPrefixes { originalLinkPrefixes.append(try key(text)) }
    for text in file.languageNames { languageNames.append(try key(text)) }
  }

}

/// A line's comparison key — its folded words joined by single spaces — as scalar values.
/// Keys of plain scalars (``PlainScalars``: each its own `Character`, already NFC) compare by
/// scalars; any other key compares as a String, as keys always did.
struct LineKey: Sendable {
  /// The key's scalar values.
  let scalars: [UInt32]
  /// Whether every scalar is plain.
  let isPlain: Bool

  /// The key of a line: the same words ``FoldedText`` would make tokens of.
  init(_ line: some StringProtocol) {
    var scalars: [UInt32] = []
    scalars.reserveCapacity(line.utf8.count)
    var isPlain = true
    var buffer: [Unicode.Scalar] = []
    var last: FoldedText.Kind = .other
    func add(_ folded: Unicode.Scalar) {
      let kind = FoldedText.kind(folded)
      defer { last = kind }
      guard kind != .other else { return }
      if kind != last, !scalars.isEmpty { scalars.append(0x20) }
      scalars.append(folded.value)
      if isPlain, !PlainScalars.contains(folded.value) { isPlain = false }
    }
    for scalar in line.unicodeScalars {
      if let single = ScalarFolding.single(scalar) {
        if let folded = single { add(folded) }
        continue
      }
      buffer.removeAll(keepingCapacity: true)
      ScalarFolding.fold(scalar, into: &buffer)
      for folded in buffer { add(folded) }
    }
    self.scalars = scalars
    self.isPlain = isPlain
  }

  /// The key as a String.
  var text: String {
    var text = ""
    text.unicodeScalars.append(contentsOf: scalars.compactMap(Unicode.Scalar.init))
    return text
  }

  /// Whether the key is empty.
  var isEmpty: Bool { scalars.isEmpty }

  /// Whether the keys are equal as Strings.
  func equals(_ other: LineKey) -> Bool {
    isPlain && other.isPlain ? scalars == other.scalars : text == other.text
  }

  /// Whether the key starts with `prefix` as a String does (`hasPrefix`).
  func hasPrefix(_ prefix: LineKey) -> Bool {
    guard isPlain && prefix.isPlain else { return text.hasPrefix(prefix.text) }
    return scalars.count >= prefix.scalars.count
      && scalars[..<prefix.scalars.count].elementsEqual(prefix.scalars)
  }
}
