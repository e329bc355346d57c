/// Turns markup into the plain text the archive stores: block elements become paragraphs
/// separated by a blank line, `<br>` a line break, runs of white space one space, and `<a href>`
/// targets are collected as links.
struct MarkupText {
  /// The text and the links found in it.
  struct Rendering: Sendable, Equatable {
    /// Paragraphs joined by a blank line.
    var text: String
    /// Link targets as written, in order, without duplicates.
    var links: [String]
  }

  /// Elements that start and end a paragraph.
  static let blocks: Set<String> = [
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "pre", "table", "tr",
    "section", "article", "main", "header", "footer", "figure", "figcaption", "dl", "dt", "dd", "address",
    "hr", "center", "body", "html", "aside", "nav", "form", "fieldset", "details", "summary", "caption",
    "thead", "tbody", "tfoot", "dialog", "hgroup", "menu", "legend", "noscript",
  ]

  /// Elements whose content is never text.
  static let hidden: Set<String> = [
    "script", "style", "head", "template", "iframe", "object", "embed", "svg", "math", "select", "button",
    "canvas", "map", "audio", "video",
  ]

  /// Renders the children of `root` (or `root` itself, when `includeRoot`), skipping elements
  /// named in `skip` and those `isSkipped` refuses.
  static func render(
    _ tree: MarkupTree, from root: Int, skip: Set<String> = [],
    isSkipped: (MarkupTree.Node) -> Bool = { _ in false }
  ) -> Rendering {
    var builder = ParagraphBuilder()
    var links: [String] = []
    var seen: Set<String> = []
    // Stack entries: node index and whether we are leaving it.
    var stack: [(Int, Bool)] = tree.nodes[root].children.reversed().map { ($0, false) }
    var preDepth = 0
    while let (index, leaving) = stack.popLast() {
      let node = tree.nodes[index]
      if let text = node.text {
        builder.append(text, preformatted: preDepth > 0)
        continue
      }
      let name = node.localName.lowercased()
      if leaving {
        if name == "pre" { preDepth -= 1 }
        if blocks.contains(name) { builder.breakParagraph() }
        if name == "td" || name == "th" { builder.append([0x20], preformatted: false) }
        continue
      }
      if hidden.contains(name) || skip.contains(name) || isSkipped(node) { continue }
      switch name {
      case "br": builder.breakLine()
      case "a":
        if let href = node.attribute("href")?.trimmingASCIISpaces(), !href.isEmpty, seen.insert(href).inserted
        {
          links.append(href)
        }
      case "pre": preDepth += 1
      default: break
      }
      if blocks.contains(name) { builder.breakParagraph() }
      stack.append((index, true))
      for child in node.children.reversed() { stack.append((child, false)) }
    }
    return Rendering(text: builder.finish(), links: links)
  }

  /// Renders an HTML fragment (an RSS `description`, an Atom `type="html"` content).
  ///
  /// Text with no tags at all keeps its own blank-line paragraphs.
  static func render(html: String) -> Rendering {
    render(html: Array(html.utf8))
  }

  /// ``render(html:)`` of the fragment's UTF-8 bytes (which must be valid UTF-8).
  static func render(html bytes: [UInt8]) -> Rendering {
    if !looksLikeMarkup(bytes) {
      return Rendering(text: plainParagraphs(bytes), links: [])
    }
    return renderHTMLTokens(bytes)
  }

  /// A one-line title from text that may hold HTML (tags removed, entities decoded).
  static func title(html: String) -> String {
    let bytes = Array(html.utf8)
    guard looksLikeMarkup(bytes) || bytes.contains(UInt8(ascii: "&")) else { return oneLine(html) }
    let tree = MarkupTreeBuilder.build(bytes, dialect: .html).tree
    var out: [UInt8] = []
    var stack = tree.nodes[MarkupTree.document].children.reversed() as [Int]
    while let index = stack.popLast() {
      let node = tree.nodes[index]
      if let text = node.text {
        out.append(contentsOf: text)
      } else if !hidden.contains(node.localName.lowercased()) {
        if node.localName.lowercased() == "br" { out.append(0x20) }
        stack.append(contentsOf: node.children.reversed())
      }
    }
    return oneLine(String(decoding: out, as: UTF8.self))
  }

  /// Collapses runs of ASCII white space to one space and trims; keeps no-break spaces.
  static func oneLine(_ text: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(text.utf8.count)
    var pending = false
    for byte in text.utf8 {
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
        pending = !out.isEmpty
      } else {
        if pending { out.append(0x20) }
        pending = false
        out.append(byte)
      }
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Whether bytes hold a tag (`<` then a letter, `/` or `!`).
  static func looksLikeMarkup(_ bytes: [UInt8]) -> Bool {
    var index = 0
    while index + 1 < bytes.count {
      if bytes[index] == UInt8(ascii: "<") {
        let next = bytes[index + 1]
        if MarkupTokenizer.isNameStart(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!") {
          return true
        }
      }
      index += 1
    }
    return false
  }

  /// Plain text as paragraphs: blank lines separate them; white space inside a line collapses.
  static func plainParagraphs(_ bytes: [UInt8]) -> String {
    var builder = ParagraphBuilder()
    var lineStart = 0
    var blank = true
    var index = 0
    while index <= bytes.count {
      if index == bytes.count || bytes[index] == 0x0A {
        let line = bytes[lineStart..<index]
        let isBlank = line.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0C }
        if isBlank {
          builder.breakParagraph()
        } else {
          if !blank { builder.breakLine() }
          builder.append(Array(line), preformatted: false)
        }
        blank = isBlank
        lineStart = index + 1
      }
      index += 1
    }
    return builder.finish()
  }
}

/// Accumulates text into paragraphs, collapsing white space the way HTML displays it.
struct ParagraphBuilder {
  /// The paragraphs ended so far, joined by a blank line: one String is made at the end,
  /// instead of one per paragraph and another to join them.
  private var finished: [UInt8] = []
  private var current: [UInt8] = []
  private var pendingSpace = false

  /// Adds text; white space (and no-break spaces) collapse unless `preformatted`.
  mutating func append(_ text: [UInt8], preformatted: Bool) {
    // Read in place: copying each run from an array slice retained and released the array.
    text.withUnsafeBufferPointer { append($0, preformatted: preformatted) }
  }

  /// ``append(_:preformatted:)`` over bytes in place.
  private mutating func append(_ text: UnsafeBufferPointer<UInt8>, preformatted: Bool) {
    var index = 0
    while index < text.count {
      let byte = text[index]
      if preformatted {
        if byte == 0x0A {
          trimTrailingSpace()
          current.append(0x0A)
        } else if byte != 0x0D {
          current.append(byte)
        }
        index += 1
        continue
      }
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
        pendingSpace = true
        index += 1
        continue
      }
      if byte == 0xC2, index + 1 < text.count, text[index + 1] == 0xA0 {
        pendingSpace = true
        index += 2
        continue
      }
      if pendingSpace, !current.isEmpty, current.last != 0x0A { current.append(0x20) }
      pendingSpace = false
      // Copy the run up to the next white space or possible no-break space at once.
      let run = index
      index += 1
      while index < text.count {
        let next = text[index]
        if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == 0x0C || next == 0xC2 {
          break
        }
        index += 1
      }
      current.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
    }
  }

  /// Ends the current line (`<br>`).
  mutating func breakLine() {
    trimTrailingSpace()
    if !current.isEmpty, current.last != 0x0A { current.append(0x0A) }
    pendingSpace = false
  }

  /// Ends the current paragraph.
  mutating func breakParagraph() {
    while let last = current.last, last == 0x0A || last == 0x20 { current.removeLast() }
    if !current.isEmpty {
      if !finished.isEmpty { finished.append(contentsOf: [0x0A, 0x0A]) }
      finished.append(contentsOf: current)
    }
    current.removeAll(keepingCapacity: true)
    pendingSpace = false
  }

  /// All paragraphs, separated by a blank line.
  mutating func finish() -> String {
    breakParagraph()
    // Paragraphs end at ASCII bytes, so decoding them together repairs what decoding each would.
    return String(decoding: finished, as: UTF8.self)
  }

  private mutating func trimTrailingSpace() {
    while let last = current.last, last == 0x20 { current.removeLast() }
  }
}

extension String {
  /// The string without leading and trailing ASCII white space.
  func trimmingASCIISpaces() -> String {
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    // Most values have nothing to trim: check the ends before copying anything.
    guard let first = utf8.first, let last = utf8.last, isSpace(first) || isSpace(last) else { return self }
    let bytes = Array(utf8)
    var start = 0
    var end = bytes.count
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    return String(decoding: bytes[start..<end], as: UTF8.self)
  }
}
