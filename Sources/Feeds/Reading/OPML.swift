import Domain

/// OPML 2.0 subscription lists: read (``outlines(in:source:)``) and written (``document(_:title:)``).
///
/// Read with the feed readers' XML tree, so a hostile file gets their limits and never a crash;
/// every `<outline>` at any depth counts, as readers of OPML exports nest them in folders.
package enum OPML {
  /// One `<outline>`: its `xmlUrl` (the feed), `htmlUrl`, `text` (or `title`) and `type`.
  package struct Outline: Hashable, Sendable {
    package var xmlURL: String?
    package var htmlURL: String?
    package var text: String?
    package var type: String?
    /// The `category` attribute (comma separated), where exports often keep a group or language.
    package var category: String?

    package init(
      xmlURL: String?, htmlURL: String? = nil, text: String? = nil, type: String? = "rss",
      category: String? = nil
    ) {
      self.xmlURL = xmlURL
      self.htmlURL = htmlURL
      self.text = text
      self.type = type
      self.category = category
    }
  }

  /// The outlines of an OPML document, in document order; an error line for input that is
  /// not one (not UTF-8 or declared encoding, broken XML, no `<opml>` root with a `<body>`).
  package static func outlines(in bytes: [UInt8], source: String) -> Result<[Outline], InputError> {
    let text: [UInt8]
    switch Transcoder.utf8(from: bytes, encoding: nil) {
    case .success(let decoded): text = decoded.bytes
    case .failure(let failure): return .failure(InputError(source: source, problem: failure.problem))
    }
    let input = MarkupTokenizer.replacingForbiddenControls(text)
    let outcome = MarkupTreeBuilder.build(input, dialect: .xml)
    if let failure = outcome.error {
      return .failure(
        InputError(
          source: source, line: MarkupTree.line(of: failure.offset, in: input), problem: failure.problem))
    }
    let tree = outcome.tree
    guard let root = tree.elements(of: MarkupTree.document).first, tree.nodes[root].localName == "opml" else {
      return .failure(InputError(source: source, problem: "not an OPML document (no <opml> root element)"))
    }
    guard let body = tree.elements(of: root).first(where: { tree.nodes[$0].localName == "body" }) else {
      return .failure(InputError(source: source, problem: "an OPML document without <body>"))
    }
    var outlines: [Outline] = []
    var pending = [body]
    // Depth-first in document order, without recursion.
    while let node = pending.popLast() {
      let children = tree.elements(of: node).filter { tree.nodes[$0].localName == "outline" }
      for child in children {
        let n = tree.nodes[child]
        if n.attribute("xmlUrl") != nil || n.attribute("type") != nil || n.children.isEmpty {
          outlines.append(
            Outline(
              xmlURL: n.attribute("xmlUrl"), htmlURL: n.attribute("htmlUrl"),
              text: n.attribute("text") ?? n.attribute("title"), type: n.attribute("type"),
              category: n.attribute("category")))
        }
      }
      pending += children.reversed()
    }
    return .success(outlines)
  }

  /// An OPML 2.0 document listing `outlines` as `<outline type="rss" …>`.
  package static func document(_ outlines: [Outline], title: String) -> String {
    var lines = [
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
      "<opml version=\"2.0\">",
      "  <head>",
      "    <title>\(escaped(title))</title>",
      "  </head>",
      "  <body>",
    ]
    for outline in outlines {
      var attributes = [("type", outline.type ?? "rss"), ("text", outline.text ?? outline.xmlURL ?? "")]
      if let xml = outline.xmlURL { attributes.append(("xmlUrl", xml)) }
      if let html = outline.htmlURL { attributes.append(("htmlUrl", html)) }
      if let category = outline.category { attributes.append(("category", category)) }
      lines.append(
        "    <outline " + attributes.map { "\($0)=\"\(escaped($1))\"" }.joined(separator: " ") + "/>")
    }
    lines += ["  </body>", "</opml>", ""]
    return lines.joined(separator: "\n")
  }

  /// Text safe in an attribute or element: `& < > "` and controls as character references.
  static func escaped(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "\n", "\r", "\t": out += "&#\(scalar.value);"
      default:
        // XML 1.0 allows no other C0 control, even as a reference: dropped.
        if scalar.value < 0x20 { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }
}
