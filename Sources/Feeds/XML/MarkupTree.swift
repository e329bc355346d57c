/// A document as a flat array of nodes, so that neither building, walking nor freeing it recurses
/// (a 100,000-deep nesting is just a long array).
struct MarkupTree: Sendable {
  /// An element or a run of text.
  struct Node: Sendable {
    /// The qualified name as written (`dc:date`); lowercased in HTML; empty for text.
    var name: String
    /// The namespace URI the name's prefix resolves to; empty when none.
    var namespace: String
    /// The name without its prefix (`date`).
    var localName: String
    /// The attributes as written.
    var attributes: [MarkupAttribute]
    /// The parent node's index; -1 for the document node.
    var parent: Int
    /// Child node indexes, in document order.
    var children: [Int]
    /// For a text node, its UTF-8 bytes.
    var text: [UInt8]?
    /// Whether the element's end was read (or implied); false when the input broke inside it.
    var isClosed: Bool
    /// The byte offset of the start tag or text.
    var offset: Int

    /// The value of an attribute by qualified name.
    func attribute(_ name: String) -> String? {
      attributes.first { $0.name == name }?.value
    }
  }

  /// All nodes; node 0 is the document.
  var nodes: [Node]

  /// The document node's index.
  static let document = 0

  /// The element children of a node.
  func elements(of index: Int) -> [Int] {
    nodes[index].children.filter { nodes[$0].text == nil }
  }

  /// Whether node `index` is an element with this local name in one of these namespaces.
  ///
  /// Reads the fields in place: binding `nodes[index]` to a local would copy the node and
  /// retain its strings and arrays on every test.
  private func matches(_ index: Int, _ localName: String, in namespaces: Set<String>) -> Bool {
    nodes[index].text == nil && nodes[index].localName == localName
      && namespaces.contains(nodes[index].namespace)
  }

  /// The first element child of `index` with this local name in one of these namespaces.
  func child(_ index: Int, _ localName: String, in namespaces: Set<String>) -> Int? {
    nodes[index].children.first { matches($0, localName, in: namespaces) }
  }

  /// Every element child of `index` with this local name in one of these namespaces.
  func children(_ index: Int, _ localName: String, in namespaces: Set<String>) -> [Int] {
    nodes[index].children.filter { matches($0, localName, in: namespaces) }
  }

  /// The concatenated text of all descendants, without markup.
  func textContent(_ index: Int) -> String {
    String(decoding: textBytes(index), as: UTF8.self)
  }

  /// ``textContent(_:)`` as UTF-8 bytes, for readers that go on with bytes: no String is made
  /// (nor its UTF-8 checked and copied out again). A tree's text is valid UTF-8 — its input
  /// was transcoded and checked, and references decode to scalars — so these are the bytes of
  /// the String ``textContent(_:)`` gives.
  func textBytes(_ index: Int) -> [UInt8] {
    // Most elements a reader asks for hold one run of text: no stack, no copy.
    if nodes[index].children.count == 1, let text = nodes[nodes[index].children[0]].text { return text }
    var out: [UInt8] = []
    var stack = [index]
    while let current = stack.popLast() {
      if let text = nodes[current].text {
        out.append(contentsOf: text)
      } else {
        stack.append(contentsOf: nodes[current].children.reversed())
      }
    }
    return out
  }

  /// The nearest value of an attribute on this node or an ancestor (`xml:lang`, `xml:base`).
  func inherited(_ attribute: String, from index: Int) -> String? {
    var current = index
    while current > 0 {
      if let value = nodes[current].attribute(attribute) { return value }
      current = nodes[current].parent
    }
    return nil
  }

  /// Every `xml:base` from the root down to `index`, outermost first.
  func bases(from index: Int) -> [String] {
    var out: [String] = []
    var current = index
    while current > 0 {
      if let value = nodes[current].attribute("xml:base") { out.append(value) }
      current = nodes[current].parent
    }
    return out.reversed()
  }
}
