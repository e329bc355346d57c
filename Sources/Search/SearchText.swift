import TextFolding

/// Text folded for search, and its words: the one normalization both the index and queries
/// go through (``ScalarFolding``: case, alef forms, taa marbuta, alef maqsura, harakat,
/// tatweel, Eastern digits), so that every spelling of a word meets every other.
package struct SearchText {
  /// The folded scalars.
  package var folded: [Unicode.Scalar] = []
  /// For each folded scalar, the offset of the original scalar it came from.
  package var origin: [Int] = []

  /// Folds `text` (given as its scalars). A digit next to a letter is cut from it by a
  /// space, so that `الـ56` (the 56) and `G20` are found by `56` and `20`.
  package init(_ scalars: [Unicode.Scalar]) {
    folded.reserveCapacity(scalars.count)
    origin.reserveCapacity(scalars.count)
    var buffer: [Unicode.Scalar] = []
    for (offset, scalar) in scalars.enumerated() {
      if let single = ScalarFolding.single(scalar) {
        if let folded = single { append(folded, from: offset) }
        continue
      }
      buffer.removeAll(keepingCapacity: true)
      ScalarFolding.fold(scalar, into: &buffer)
      for folded in buffer { append(folded, from: offset) }
    }
  }

  private mutating func append(_ scalar: Unicode.Scalar, from offset: Int) {
    if let last = folded.last, SearchText.isDigit(last) != SearchText.isDigit(scalar),
      SearchText.isWordScalar(last), SearchText.isWordScalar(scalar)
    {
      folded.append(" ")
      origin.append(offset)
    }
    folded.append(scalar)
    origin.append(offset)
  }

  /// ASCII digits: every digit after folding (Eastern ones included).
  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

  /// Folds a string.
  package init(_ text: String) { self.init(Array(text.unicodeScalars)) }

  /// The folded text as a string, the form the index stores.
  package var string: String {
    var out = String.UnicodeScalarView()
    out.append(contentsOf: folded)
    return String(out)
  }

  /// The words: runs of letters, digits and private-use scalars, as the index's `unicode61`
  /// tokenizer cuts them (everything else separates).
  package var words: [SearchWord] {
    var out: [SearchWord] = []
    var start: Int?
    for (i, scalar) in folded.enumerated() {
      if SearchText.isWordScalar(scalar) {
        if start == nil { start = i }
      } else if let s = start {
        out.append(word(s, i))
        start = nil
      }
    }
    if let s = start { out.append(word(s, folded.count)) }
    return out
  }

  private func word(_ start: Int, _ end: Int) -> SearchWord {
    var text = String.UnicodeScalarView()
    text.append(contentsOf: folded[start..<end])
    return SearchWord(text: String(text), folded: start..<end)
  }

  /// Whether `scalar` is part of a word for `unicode61`: categories L*, N* and Co.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.isASCII {
      let v = scalar.value
      return (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v)
    }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .privateUse:
      return true
    default:
      return false
    }
  }
}

/// One word of a folded text.
package struct SearchWord: Hashable {
  /// The folded word.
  package var text: String
  /// Where it is in the folded scalars.
  package var folded: Range<Int>
}
