/// Which rules the tokenizer follows: XML's (case kept, every tag closed, five named entities plus
/// the HTML names real feeds use) or HTML's (case folded, void and raw-text elements, legacy
/// entities without `;`, unquoted attributes).
enum MarkupDialect: Sendable {
  case xml
  case html
}

/// An attribute as written: its qualified name and its value, entities decoded.
struct MarkupAttribute: Sendable, Equatable {
  /// The name as written (`xml:lang`, `href`); lowercased in HTML.
  var name: String
  /// The value with entities and character references decoded.
  var value: String
}

/// One piece of markup the tokenizer read.
enum MarkupToken: Sendable, Equatable {
  /// `<name attr="v">` or `<name/>`, at a byte offset.
  case startTag(name: String, attributes: [MarkupAttribute], selfClosing: Bool, offset: Int)
  /// `</name>`, at a byte offset.
  case endTag(name: String, offset: Int)
  /// Character data (text or CDATA) as UTF-8, entities decoded.
  case text([UInt8], offset: Int)
}

/// Why the tokenizer stopped: the byte offset of the break and a one-line problem.
struct MarkupError: Error, Sendable, Equatable {
  /// The byte offset (in the UTF-8 text) where reading stopped.
  var offset: Int
  /// What was wrong, e.g. `unterminated CDATA section`.
  var problem: String
}
