import Domain
import Foundation

/// Reads Atom 1.0 (and 0.3) trees: the feed's title, alternate link and `xml:lang`, and each
/// entry's title, link, id, date, body (`content`, else `summary`) and links, honouring
/// `xml:base` and the text-construct types `text`, `html` and `xhtml`.
enum AtomReader {
  /// Reads a feed whose root element is `root`; entries the input broke inside are left out.
  /// At most `maxItems` entries are read; `tooMany` gives the error for the entry at an offset
  /// past them.
  static func read(
    _ tree: MarkupTree, root: Int, source: String, maxItems: Int = .max,
    tooMany: (Int) -> InputError = { _ in InputError(source: "", problem: "") }
  ) -> InputReading {
    // A feed in a namespace of its own (`<feed xmlns="http://example.com/newformat#">`) is read
    // as Atom too.
    let core = Namespaces.atomCore.union([tree.nodes[root].namespace])
    let feed = FeedInfo(
      title: tree.child(root, "title", in: core).map { title(tree, $0) }.flatMap { $0.isEmpty ? nil : $0 },
      link: alternateLink(tree, root),
      language: tree.inherited("xml:lang", from: root).flatMap(LanguageTag.normalized))
    var items: [SourceItem] = []
    var overflow: InputError?
    for entry in tree.children(root, "entry", in: core) where tree.nodes[entry].isClosed {
      guard items.count < maxItems else {
        overflow = tooMany(tree.nodes[entry].offset)
        break
      }
      func text(_ name: String) -> String? {
        guard let node = tree.child(entry, name, in: core) else { return nil }
        let value = tree.textContent(node).trimmingASCIISpaces()
        return value.isEmpty ? nil : value
      }
      let link = alternateLink(tree, entry)
      let publishedText =
        text("published") ?? text("updated") ?? text("issued") ?? text("created") ?? text("modified")
      let bodyNode = tree.child(entry, "content", in: core) ?? tree.child(entry, "summary", in: core)
      var rendering = MarkupText.Rendering(text: "", links: [])
      var language = tree.inherited("xml:lang", from: entry)
      if let bodyNode {
        rendering = body(tree, bodyNode)
        language = tree.inherited("xml:lang", from: bodyNode) ?? language
      }
      let bases = tree.bases(from: bodyNode ?? entry)
      items.append(
        SourceItem(
          source: source, format: "atom", feed: feed, guid: text("id"), link: link,
          title: tree.child(entry, "title", in: core).map { title(tree, $0) },
          publishedText: publishedText, published: publishedText.flatMap(FeedDate.day),
          declaredLanguage: language.flatMap(LanguageTag.normalized), body: rendering.text,
          links: LinkResolver.absoluteWebLinks(rendering.links, against: bases + (link.map { [$0] } ?? []))))
    }
    return InputReading(format: "atom", feed: feed, items: items, error: overflow)
  }

  /// The `rel="alternate"` link (HTML preferred), resolved against `xml:base`.
  static func alternateLink(_ tree: MarkupTree, _ parent: Int) -> String? {
    var best: (href: String, score: Int)?
    for link in tree.children(parent, "link", in: Namespaces.atomCore) {
      let node = tree.nodes[link]
      let rel = (node.attribute("rel") ?? "alternate").trimmingASCIISpaces()
      guard rel == "alternate" || rel == "http://www.iana.org/assignments/relation/alternate",
        let href = node.attribute("href")
      else { continue }
      let type = node.attribute("type")?.lowercased() ?? ""
      let score = type.isEmpty || type.contains("html") ? 1 : 0
      if best == nil || score > (best?.score ?? 0) {
        best = (LinkResolver.resolve(href, against: tree.bases(from: link)), score)
      }
    }
    return best?.href
  }

  /// How a text construct is written.
  enum Kind {
    case text
    case html
    case xhtml
  }

  /// The kind of a text construct, its 0.3 `mode` and a base64 payload decoded.
  static func kind(_ tree: MarkupTree, _ node: Int) -> (Kind, String?) {
    let element = tree.nodes[node]
    let type = element.attribute("type")?.lowercased().trimmingASCIISpaces() ?? "text"
    let mode = element.attribute("mode")?.lowercased()
    var payload: String?
    if mode == "base64" {
      let raw = tree.textContent(node).filter { !$0.isWhitespace }
      payload = Data(base64Encoded: raw).map { String(decoding: $0, as: UTF8.self) } ?? ""
    } else if mode == "escaped" {
      payload = tree.textContent(node)
    }
    let hasElements = !tree.elements(of: node).isEmpty
    let isTextual =
      type.hasPrefix("text") || type.hasSuffix("xml") || ["html", "xhtml", ""].contains(type)
    if payload == nil, !isTextual {
      // Atom 1.0: any other MIME type is base64.
      let raw = tree.textContent(node).filter { !$0.isWhitespace }
      return (.html, Data(base64Encoded: raw).map { String(decoding: $0, as: UTF8.self) } ?? "")
    }
    switch type {
    case "xhtml", "application/xhtml+xml":
      return (payload == nil && hasElements ? .xhtml : .html, payload)
    case "html", "text/html":
      return (payload == nil && hasElements ? .xhtml : .html, payload)
    case "text", "text/plain", "":
      return (payload == nil && hasElements ? .xhtml : .text, payload)
    default:
      return (hasElements ? .xhtml : .text, payload)
    }
  }

  /// A one-line title from a text construct.
  static func title(_ tree: MarkupTree, _ node: Int) -> String {
    let (kind, payload) = kind(tree, node)
    switch kind {
    case .text: return MarkupText.oneLine(payload ?? tree.textContent(node))
    case .html: return MarkupText.title(html: payload ?? tree.textContent(node))
    case .xhtml: return MarkupText.oneLine(tree.textContent(node))
    }
  }

  /// The paragraphs and links of a text construct.
  static func body(_ tree: MarkupTree, _ node: Int) -> MarkupText.Rendering {
    if tree.nodes[node].attribute("src") != nil { return MarkupText.Rendering(text: "", links: []) }
    let (kind, payload) = kind(tree, node)
    switch kind {
    case .text:
      return MarkupText.Rendering(
        text: MarkupText.plainParagraphs(Array((payload ?? tree.textContent(node)).utf8)), links: [])
    case .html: return MarkupText.render(html: payload ?? tree.textContent(node))
    case .xhtml: return MarkupText.render(tree, from: node)
    }
  }
}
