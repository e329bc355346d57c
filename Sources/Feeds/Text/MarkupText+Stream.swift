extension MarkupText {
  /// Renders an HTML fragment straight from its tokens, in one pass and without a tree.
  ///
  /// It keeps the open-element stack exactly as ``MarkupTreeBuilder`` does for HTML (implied
  /// end tags, void elements, end tags closing up to their match, everything closed at the end)
  /// and makes the calls ``render(_:from:skip:isSkipped:)`` would make on the finished tree, in
  /// the same order. Adjacent text tokens are joined before rendering, as the tree joins them
  /// into one node, so that a no-break space split by a comment reads the same.
  static func renderHTMLTokens(_ bytes: [UInt8]) -> Rendering {
    var stream = RenderStream()
    var tokenizer = MarkupTokenizer(bytes: bytes, dialect: .html)
    while true {
      let token: MarkupToken?
      do {
        token = try tokenizer.next()
      } catch {
        // The builder keeps what was read before the break, then closes every open element.
        break
      }
      guard let token else { break }
      switch token {
      case .text(let text, _):
        stream.pendingText.append(contentsOf: text)
      case .startTag(let name, let attributes, let selfClosing, _):
        stream.start(name, attributes: attributes, selfClosing: selfClosing)
      case .endTag(let name, _):
        stream.end(name)
      }
    }
    stream.close(to: 1)
    return Rendering(text: stream.builder.finish(), links: stream.links)
  }
}

/// The state of a one-pass HTML rendering: the open elements and what was rendered so far.
private struct RenderStream {
  /// An open element: its name as the tree builder compares it, the traits of the name
  /// rendering compares, and whether it is rendered (neither it nor an ancestor is hidden).
  struct Open {
    var name: String
    var traits: HTMLElementTraits
    var visible: Bool
  }

  var builder = ParagraphBuilder()
  var links: [String] = []
  var seen: Set<String> = []
  var preDepth = 0
  /// Text read since the last element started or closed: one text node of the tree.
  var pendingText: [UInt8] = []
  /// The document is the first open element; it is never closed.
  var open = [Open(name: "", traits: [], visible: true)]

  mutating func flushText() {
    guard !pendingText.isEmpty else { return }
    if open[open.count - 1].visible { builder.append(pendingText, preformatted: preDepth > 0) }
    pendingText.removeAll(keepingCapacity: true)
  }

  mutating func start(_ name: String, attributes: [MarkupAttribute], selfClosing: Bool) {
    flushText()
    let traits = HTMLElementTraits.of(name)
    if let depth = MarkupTreeBuilder.impliedClose(
      before: name, traits: traits, openCount: open.count, openName: { open[$0].name })
    {
      close(to: depth)
    }
    // Rendering lowercases the local name; the tokenizer already lowercased ASCII capitals, so
    // only a name with other letters can differ.
    let renderTraits = name.utf8.allSatisfy { $0 < 0x80 } ? traits : .of(name.lowercased())
    let visible = open[open.count - 1].visible && !renderTraits.contains(.hidden)
    if visible { enter(renderTraits, attributes: attributes) }
    if selfClosing || traits.contains(.void) {
      if visible { leave(renderTraits) }
    } else {
      open.append(Open(name: name, traits: renderTraits, visible: visible))
    }
  }

  mutating func end(_ name: String) {
    var depth = open.count - 1
    while depth > 0, open[depth].name != name { depth -= 1 }
    // An end tag nothing matches is dropped, and the text around it stays one node.
    if depth > 0 { close(to: depth) }
  }

  mutating func close(to depth: Int) {
    flushText()
    while open.count > depth, let last = open.popLast() {
      if last.visible { leave(last.traits) }
    }
  }

  private mutating func enter(_ traits: HTMLElementTraits, attributes: [MarkupAttribute]) {
    if traits.contains(.lineBreak) { builder.breakLine() }
    if traits.contains(.anchor),
      let href = attributes.first(where: { $0.name == "href" })?.value.trimmingASCIISpaces(),
      !href.isEmpty, seen.insert(href).inserted
    {
      links.append(href)
    }
    if traits.contains(.preformatted) { preDepth += 1 }
    if traits.contains(.block) { builder.breakParagraph() }
  }

  private mutating func leave(_ traits: HTMLElementTraits) {
    if traits.contains(.preformatted) { preDepth -= 1 }
    if traits.contains(.block) { builder.breakParagraph() }
    if traits.contains(.cell) { builder.append([0x20], preformatted: false) }
  }
}
