/// Builds a ``MarkupTree`` from tokens, recovering from misnested tags as browsers do and
/// resolving XML namespace prefixes.
enum MarkupTreeBuilder {
  /// A tree and, when the input broke, where and why.
  struct Outcome: Sendable {
    /// Everything read up to the break.
    var tree: MarkupTree
    /// Why reading stopped early, if it did.
    var error: MarkupError?
  }

  /// Namespace URIs for prefixes feeds commonly use without declaring them.
  static let conventionalPrefixes: [String: String] = [
    "xml": "http://www.w3.org/XML/1998/namespace",
    "dc": Namespaces.dublinCore,
    "dcterms": Namespaces.dublinCoreTerms,
    "content": Namespaces.content,
    "rdf": Namespaces.rdf,
    "atom": Namespaces.atom10,
    "xhtml": Namespaces.xhtml,
  ]

  /// HTML elements that never have content.
  static let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen",
  ]

  /// HTML elements whose start closes an open `<p>`.
  static let closesParagraph: Set<String> = [
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "p", "pre", "section",
    "table", "ul", "details",
  ]

  /// Reads the whole input into a tree, or up to the node limit of `limits`.
  static func build(_ bytes: [UInt8], dialect: MarkupDialect, limits: ReadingLimits = .standard) -> Outcome {
    var tokenizer = MarkupTokenizer(bytes: bytes, dialect: dialect)
    var nodes = [
      MarkupTree.Node(
        name: "", namespace: "", localName: "", attributes: [], parent: -1, children: [], text: nil,
        isClosed: false, offset: 0)
    ]
    var open = [0]
    // Namespace scopes: open element → index into `scopes`.
    var scopes: [[String: String]] = [[:]]
    var scopeOf = [0]
    var error: MarkupError?

    func close(to depth: Int) {
      while open.count > depth {
        if let last = open.popLast() { nodes[last].isClosed = true }
        scopeOf.removeLast()
      }
    }

    func appendText(_ text: [UInt8], offset: Int) {
      let parent = open[open.count - 1]
      if let last = nodes[parent].children.last, nodes[last].text != nil {
        nodes[last].text?.append(contentsOf: text)
        return
      }
      nodes.append(
        MarkupTree.Node(
          name: "", namespace: "", localName: "", attributes: [], parent: parent, children: [], text: text,
          isClosed: true, offset: offset))
      nodes[parent].children.append(nodes.count - 1)
    }

    loop: while true {
      let token: MarkupToken?
      do {
        token = try tokenizer.next()
      } catch let failure {
        // What was read before the break stays in the tree.
        error = failure
        break loop
      }
      guard let token else { break }
      // Checked per token, before its node: a text joined to the one before adds none, but
      // the count stays within one of the limit.
      guard nodes.count < limits.markupNodes else {
        let offset: Int
        switch token {
        case .startTag(_, _, _, let at), .endTag(_, let at), .text(_, let at): offset = at
        }
        error = MarkupError(offset: offset, problem: limits.tooManyNodes)
        break loop
      }
      switch token {
      case .text(let text, let offset):
        appendText(text, offset: offset)
      case .startTag(let name, let attributes, let selfClosing, let offset):
        if dialect == .html,
          let depth = impliedClose(
            before: name, traits: .of(name), openCount: open.count, openName: { nodes[open[$0]].name })
        {
          close(to: depth)
        }
        var scope = scopeOf[scopeOf.count - 1]
        var namespace = ""
        var localName = name
        if dialect == .xml {
          let declarations = attributes.filter { $0.name == "xmlns" || $0.name.hasPrefix("xmlns:") }
          if !declarations.isEmpty {
            var map = scopes[scope]
            for declaration in declarations {
              let prefix = declaration.name == "xmlns" ? "" : String(declaration.name.dropFirst(6))
              map[prefix] = declaration.value
            }
            scopes.append(map)
            scope = scopes.count - 1
          }
          (namespace, localName) = resolve(name, in: scopes[scope])
        }
        let parent = open[open.count - 1]
        nodes.append(
          MarkupTree.Node(
            name: name, namespace: namespace, localName: localName, attributes: attributes, parent: parent,
            children: [], text: nil, isClosed: false, offset: offset))
        let index = nodes.count - 1
        nodes[parent].children.append(index)
        if selfClosing || (dialect == .html && voidElements.contains(name)) {
          nodes[index].isClosed = true
        } else {
          open.append(index)
          scopeOf.append(scope)
        }
      case .endTag(let name, _):
        // Close up to the nearest open element of that name; an end tag nothing matches is dropped.
        var depth = open.count - 1
        while depth > 0, nodes[open[depth]].name != name { depth -= 1 }
        if depth > 0 { close(to: depth) }
      }
    }
    if error == nil, dialect == .xml, open.count > 1 {
      // Name the item or entry the input broke inside, if any, else the innermost element.
      let innermost = nodes[open[open.count - 1]]
      let entry = open.last { ["item", "entry"].contains(nodes[$0].localName) }
      let unclosed = entry.map { nodes[$0] } ?? innermost
      let line = MarkupTree.line(of: unclosed.offset, in: bytes)
      error = MarkupError(
        offset: bytes.count,
        problem: "malformed XML: unclosed tag <\(unclosed.name)> (opened at line \(line));"
          + " input ends inside <\(innermost.name)>")
    }
    if dialect == .html { close(to: 1) }
    return Outcome(tree: MarkupTree(nodes: nodes), error: error)
  }

  /// The namespace URI and local name of a qualified name.
  static func resolve(_ name: String, in scope: [String: String]) -> (String, String) {
    // The colon is looked for in the UTF-8: a Character search ran grapheme breaking over every
    // name. No colon byte means no colon Character; in an ASCII name the first colon byte is the
    // first colon Character. Other names (a colon may carry a combining mark) go by Characters.
    guard let colon = name.utf8.firstIndex(of: UInt8(ascii: ":")) else {
      return (scope.isEmpty ? "" : scope[""] ?? "", name)
    }
    guard name.utf8.allSatisfy({ $0 < 0x80 }) else { return resolveByCharacters(name, in: scope) }
    let prefix = String(name[name.startIndex..<colon])
    let local = String(name[name.index(after: colon)...])
    let uri = scope[prefix] ?? conventionalPrefixes[prefix.lowercased()] ?? "undeclared:\(prefix)"
    return (uri, local)
  }

  /// ``resolve(_:in:)`` by Characters, for the rare name whose colon carries combining marks.
  private static func resolveByCharacters(_ name: String, in scope: [String: String]) -> (String, String) {
    guard let colon = name.firstIndex(of: ":") else { return (scope[""] ?? "", name) }
    let prefix = String(name[name.startIndex..<colon])
    let local = String(name[name.index(after: colon)...])
    let uri = scope[prefix] ?? conventionalPrefixes[prefix.lowercased()] ?? "undeclared:\(prefix)"
    return (uri, local)
  }

  /// HTML's implied end tags: a block closes an open `<p>`; `<li>`, `<dt>`/`<dd>`, `<tr>`,
  /// `<td>`/`<th>`, `<option>` close their open sibling.
  /// Returns the depth of the open stack to close to before `name` (whose traits are `traits`)
  /// starts, if any; `openName` gives the name of the open element at a depth (0 is the
  /// document).
  static func impliedClose(
    before name: String, traits: HTMLElementTraits, openCount: Int, openName: (Int) -> String
  ) -> Int? {
    if traits.contains(.closesParagraph), openCount > 1, openName(openCount - 1) == "p" {
      return openCount - 1
    }
    guard traits.contains(.closesSibling) else { return nil }
    let siblings: Set<String>
    let boundaries: Set<String>
    switch name {
    case "li":
      siblings = ["li"]
      boundaries = ["ul", "ol", "menu"]
    case "dt", "dd":
      siblings = ["dt", "dd"]
      boundaries = ["dl"]
    case "tr":
      siblings = ["tr"]
      boundaries = ["table", "tbody", "thead", "tfoot"]
    case "td", "th":
      siblings = ["td", "th"]
      boundaries = ["tr", "table"]
    case "option":
      siblings = ["option"]
      boundaries = ["select", "datalist"]
    default: return nil
    }
    var depth = openCount - 1
    while depth > 0 {
      let current = openName(depth)
      if siblings.contains(current) { return depth }
      if boundaries.contains(current) { return nil }
      depth -= 1
    }
    return nil
  }
}

extension MarkupTree {
  /// The 1-based line of a byte offset.
  static func line(of offset: Int, in bytes: [UInt8]) -> Int {
    var line = 1
    var index = 0
    let end = min(offset, bytes.count)
    while index < end {
      if bytes[index] == 0x0A { line += 1 }
      index += 1
    }
    return line
  }
}
