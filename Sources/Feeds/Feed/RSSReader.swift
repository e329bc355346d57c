import Domain

/// Reads RSS 0.9x/2.0 and RSS 1.0 (RDF) trees: the channel's title, link and language, and each
/// item's title, link, guid, date, body (`content:encoded`, else `description`) and links.
enum RSSReader {
  /// Reads a feed whose root element is `root`; items the input broke inside are left out.
  /// At most `maxItems` items are read; `tooMany` gives the error for the item at an offset
  /// past them.
  static func read(
    _ tree: MarkupTree, root: Int, source: String, format: String, maxItems: Int = .max,
    tooMany: (Int) -> InputError = { _ in InputError(source: "", problem: "") }
  ) -> InputReading {
    let core = Namespaces.rssCore.union([tree.nodes[root].namespace])
    let channel = tree.child(root, "channel", in: core) ?? root
    func text(_ parent: Int, _ name: String, _ namespaces: Set<String>) -> String? {
      guard let node = tree.child(parent, name, in: namespaces) else { return nil }
      let value = tree.textContent(node)
      return value.trimmingASCIISpaces().isEmpty ? nil : value
    }
    /// `text` as bytes, for the body, which is rendered from its bytes.
    func bytes(_ parent: Int, _ name: String, _ namespaces: Set<String>) -> [UInt8]? {
      guard let node = tree.child(parent, name, in: namespaces) else { return nil }
      let value = tree.textBytes(node)
      // Nil where `text` is: nothing but the ASCII spaces `trimmingASCIISpaces` removes.
      return value.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } ? nil : value
    }
    let feedTitle = (text(channel, "title", core) ?? text(channel, "title", Namespaces.dc)).map(
      MarkupText.title(html:))
    let feedLink =
      text(channel, "link", core).map { LinkResolver.resolve($0, against: tree.bases(from: channel)) }
      ?? atomLink(tree, channel)
    let feedLanguage =
      (text(channel, "language", core) ?? text(channel, "language", Namespaces.dc))?.trimmingASCIISpaces()
      ?? tree.inherited("xml:lang", from: channel)
    let feed = FeedInfo(
      title: feedTitle, link: feedLink, language: feedLanguage.flatMap(LanguageTag.normalized))

    var itemNodes = tree.children(channel, "item", in: core)
    if channel != root { itemNodes += tree.children(root, "item", in: core) }
    var items: [SourceItem] = []
    var overflow: InputError?
    for item in itemNodes where tree.nodes[item].isClosed {
      guard items.count < maxItems else {
        overflow = tooMany(tree.nodes[item].offset)
        break
      }
      let bases = tree.bases(from: item)
      let guidNode = tree.child(item, "guid", in: core)
      let guid =
        guidNode.map { tree.textContent($0).trimmingASCIISpaces() }.flatMap { $0.isEmpty ? nil : $0 }
        ?? tree.nodes[item].attribute("rdf:about")
      var link = text(item, "link", core)?.trimmingASCIISpaces()
      if link == nil, let guid, let guidNode,
        tree.nodes[guidNode].attribute("isPermaLink")?.lowercased() != "false", LinkResolver.hasScheme(guid)
      {
        link = guid
      }
      link = link.map { LinkResolver.resolve($0, against: bases) } ?? atomLink(tree, item)
      let title = (text(item, "title", core) ?? text(item, "title", Namespaces.dc)).map(
        MarkupText.title(html:))
      let dateText =
        text(item, "pubDate", core) ?? text(item, "date", Namespaces.dc)
        ?? text(item, "issued", Namespaces.dc) ?? text(item, "created", Namespaces.dc)
        ?? text(item, "published", [Namespaces.atom10]) ?? text(item, "updated", [Namespaces.atom10])
        ?? text(item, "modified", Namespaces.dc)
      let publishedText = dateText?.trimmingASCIISpaces()
      let rendering: MarkupText.Rendering
      if let body = tree.child(item, "body", in: [Namespaces.xhtml]) {
        rendering = MarkupText.render(tree, from: body)
      } else {
        let html =
          bytes(item, "encoded", [Namespaces.content]) ?? bytes(item, "description", core)
          ?? bytes(item, "description", Namespaces.dc) ?? []
        rendering = MarkupText.render(html: html)
      }
      let linkBases = bases + (link.map { [$0] } ?? [])
      let language =
        text(item, "language", Namespaces.dc)?.trimmingASCIISpaces()
        ?? tree.nodes[item].attribute("xml:lang") ?? feed.language
      items.append(
        SourceItem(
          source: source, format: format, feed: feed, guid: guid, link: link, title: title,
          publishedText: publishedText, published: publishedText.flatMap(FeedDate.day),
          declaredLanguage: language.flatMap(LanguageTag.normalized), body: rendering.text,
          links: LinkResolver.absoluteWebLinks(rendering.links, against: linkBases)))
    }
    return InputReading(format: format, feed: feed, items: items, error: overflow)
  }

  /// An `atom:link rel="alternate"` href, resolved, for RSS feeds that give only that.
  static func atomLink(_ tree: MarkupTree, _ parent: Int) -> String? {
    for link in tree.children(parent, "link", in: [Namespaces.atom10, Namespaces.atom03]) {
      let rel = tree.nodes[link].attribute("rel") ?? "alternate"
      guard rel == "alternate", let href = tree.nodes[link].attribute("href") else { continue }
      return LinkResolver.resolve(href, against: tree.bases(from: link))
    }
    return nil
  }
}
