/// What the HTML tree builder and the text renderer ask about an element name, answered by one
/// dictionary lookup instead of a set lookup (a string hash) per question.
struct HTMLElementTraits: OptionSet, Sendable {
  let rawValue: UInt16

  /// Never has content (``MarkupTreeBuilder/voidElements``).
  static let void = HTMLElementTraits(rawValue: 1 << 0)
  /// Its start closes an open `<p>` (``MarkupTreeBuilder/closesParagraph``).
  static let closesParagraph = HTMLElementTraits(rawValue: 1 << 1)
  /// Its start may close an open sibling (`li`, `dt`, `dd`, `tr`, `td`, `th`, `option`).
  static let closesSibling = HTMLElementTraits(rawValue: 1 << 2)
  /// Starts and ends a paragraph (``MarkupText/blocks``).
  static let block = HTMLElementTraits(rawValue: 1 << 3)
  /// Its content is never text (``MarkupText/hidden``).
  static let hidden = HTMLElementTraits(rawValue: 1 << 4)
  /// `pre`: white space kept.
  static let preformatted = HTMLElementTraits(rawValue: 1 << 5)
  /// `td`, `th`: a space after the cell.
  static let cell = HTMLElementTraits(rawValue: 1 << 6)
  /// `br`.
  static let lineBreak = HTMLElementTraits(rawValue: 1 << 7)
  /// `a`: its `href` is a link.
  static let anchor = HTMLElementTraits(rawValue: 1 << 8)

  /// The traits of every name that has any, built from the sets the tree code names.
  private static let table: [String: HTMLElementTraits] = {
    var table: [String: HTMLElementTraits] = [:]
    func add(_ names: some Sequence<String>, _ traits: HTMLElementTraits) {
      for name in names { table[name, default: []].insert(traits) }
    }
    add(MarkupTreeBuilder.voidElements, .void)
    add(MarkupTreeBuilder.closesParagraph, .closesParagraph)
    add(["li", "dt", "dd", "tr", "td", "th", "option"], .closesSibling)
    add(MarkupText.blocks, .block)
    add(MarkupText.hidden, .hidden)
    add(["pre"], .preformatted)
    add(["td", "th"], .cell)
    add(["br"], .lineBreak)
    add(["a"], .anchor)
    return table
  }()

  /// The traits of an element name as written (names are compared exactly, not folded).
  static func of(_ name: String) -> HTMLElementTraits { table[name] ?? [] }
}
