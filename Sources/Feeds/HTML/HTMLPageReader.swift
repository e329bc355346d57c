import Domain

/// Reads an HTML press page: its headline (`og:title`, else `<h1>`, else `<title>`), its date
/// (`article:published_time`, else `<time datetime>`), its language (`<html lang>`) and its main
/// text (`<main>`, `<article>`, else the block holding the most paragraph text), leaving out
/// navigation, headers, footers, scripts and banners.
enum HTMLPageReader {
  /// Elements that are page furniture, not statement text.
  static let furniture: Set<String> = ["nav", "header", "footer", "aside", "form", "noscript", "menu"]

  /// `class`/`id`/`role` words that mark banners and page furniture.
  static let furnitureMarkers = [
    "banner", "navigation", "navbar", "breadcrumb", "cookie", "share", "social", "skip-link", "menu",
    "sidebar", "footer", "header", "contentinfo", "related", "subscribe", "newsletter", "print",
  ]

  /// Reads page text (already UTF-8).
  static func read(_ bytes: [UInt8], source: String, limits: ReadingLimits = .standard) -> InputReading {
    let outcome = MarkupTreeBuilder.build(bytes, dialect: .html, limits: limits)
    let tree = outcome.tree
    var meta: [String: String] = [:]
    var firstH1: Int?
    var titleNode: Int?
    var timeValue: String?
    var language: String?
    var canonical: String?
    var baseHref: String?
    var main: Int?
    var article: Int?
    var body: Int?
    var dateElement: Int?
    for (index, node) in tree.nodes.enumerated() where node.text == nil && index > 0 {
      switch node.name {
      case "meta":
        let key = (node.attribute("property") ?? node.attribute("name") ?? node.attribute("itemprop"))?
          .lowercased()
        if let key, let content = node.attribute("content"), meta[key] == nil { meta[key] = content }
      case "h1" where firstH1 == nil: firstH1 = index
      case "title" where titleNode == nil: titleNode = index
      case "time" where timeValue == nil: timeValue = node.attribute("datetime")
      case "html" where language == nil: language = node.attribute("lang") ?? node.attribute("xml:lang")
      case "link" where canonical == nil && node.attribute("rel")?.lowercased() == "canonical":
        canonical = node.attribute("href")
      case "base" where baseHref == nil: baseHref = node.attribute("href")
      case "main" where main == nil: main = index
      case "article" where article == nil: article = index
      case "body" where body == nil: body = index
      default:
        if dateElement == nil, isDateElement(node) { dateElement = index }
      }
    }
    let headline = [
      meta["og:title"], firstH1.map { tree.textContent($0) }, titleNode.map { tree.textContent($0) },
    ]
    .compactMap { $0.map(MarkupText.oneLine) }.first { !$0.isEmpty }
    // Without a machine-readable date, the element a page styles as its date (`<li
    // class="date">11/22/2019</li>`, `<span class="post-date">`).
    let publishedText =
      (meta["article:published_time"] ?? timeValue ?? meta["dc.date"] ?? meta["date"]
      ?? meta["dcterms.date"] ?? dateElement.map { MarkupText.oneLine(tree.textContent($0)) })?
      .trimmingASCIISpaces()
    let link = canonical ?? meta["og:url"]
    let bases = [baseHref, link].compactMap { $0 }
    let container = main ?? article ?? largestTextBlock(tree) ?? body ?? MarkupTree.document
    // The headline is the title, not the body's first paragraph.
    let rendering = MarkupText.render(tree, from: container, skip: furniture) { node in
      isFurniture(node) || (node.name == "h1" && firstH1.map { tree.nodes[$0].offset == node.offset } == true)
    }
    let item = SourceItem(
      source: source, format: "html", link: link.map { LinkResolver.resolve($0, against: bases) },
      title: headline, publishedText: publishedText, published: publishedText.flatMap(FeedDate.day),
      declaredLanguage: language.flatMap { $0.isEmpty ? nil : $0.trimmingASCIISpaces() },
      body: rendering.text, links: LinkResolver.absoluteWebLinks(rendering.links, against: bases))
    // A page cut at the node limit says so (other breaks in HTML are recovered from, unsaid).
    let cut = outcome.error.flatMap { failure in
      failure.problem == limits.tooManyNodes
        ? InputError(
          source: source, line: MarkupTree.line(of: failure.offset, in: bytes), problem: failure.problem)
        : nil
    }
    return InputReading(format: "html", items: [item], error: cut)
  }

  /// `class` words of an element that holds a page's date.
  static let dateMarkers: Set<Substring> = ["date", "pubdate", "published", "publish", "posted"]

  /// Whether an element's class names it a page's date (`date`, `post-date`, `entry-date`).
  static func isDateElement(_ node: MarkupTree.Node) -> Bool {
    guard let marks = node.attribute("class")?.lowercased(), !marks.isEmpty else { return false }
    return marks.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" }).contains {
      dateMarkers.contains($0)
    }
  }

  /// Whether an element is a banner or navigation by its role, class or id.
  static func isFurniture(_ node: MarkupTree.Node) -> Bool {
    if let role = node.attribute("role")?.lowercased(),
      ["banner", "navigation", "contentinfo"].contains(role)
    {
      return true
    }
    let marks = ((node.attribute("class") ?? "") + " " + (node.attribute("id") ?? "")).lowercased()
    guard !marks.trimmingASCIISpaces().isEmpty else { return false }
    let words = marks.split(whereSeparator: { $0 == " " || $0 == "_" || $0 == "-" })
    return furnitureMarkers.contains { marker in
      marker.contains("-") ? marks.contains(marker) : words.contains { $0 == marker }
    }
  }

  /// The element whose `<p>` children hold the most text, when the page has no `<main>`/`<article>`.
  static func largestTextBlock(_ tree: MarkupTree) -> Int? {
    // Children always follow their parents in the array, so one backward pass sums text lengths
    // bottom-up without recursion or quadratic rescans of deep nestings.
    var lengths = [Int](repeating: 0, count: tree.nodes.count)
    var scores: [Int: Int] = [:]
    for index in stride(from: tree.nodes.count - 1, through: 1, by: -1) {
      let node = tree.nodes[index]
      if let text = node.text { lengths[index] = text.count }
      if node.name == "p", node.parent > 0 { scores[node.parent, default: 0] += lengths[index] }
      if node.parent >= 0 { lengths[node.parent] += lengths[index] }
    }
    return scores.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key
  }
}
