/// Reads an XML input: builds its tree, tells RSS, RDF and Atom apart by the root element, and
/// turns a break in the XML into an ``InputError`` that names its line.
enum XMLFeedReader {
  /// Reads XML text (already UTF-8); raw control bytes XML forbids are read as U+FFFD.
  static func read(_ input: [UInt8], source: String, limits: ReadingLimits = .standard) -> InputReading {
    let bytes = MarkupTokenizer.replacingForbiddenControls(input)
    let outcome = MarkupTreeBuilder.build(bytes, dialect: .xml, limits: limits)
    let tree = outcome.tree
    let error = outcome.error.map { failure in
      InputError(
        source: source, line: MarkupTree.line(of: failure.offset, in: bytes), problem: failure.problem)
    }
    guard let root = tree.elements(of: MarkupTree.document).first else {
      return InputReading(
        format: "", error: error ?? InputError(source: source, problem: "no root element: not a feed"))
    }
    let rootNode = tree.nodes[root]
    var reading: InputReading
    let tooMany = { (offset: Int) in limits.tooManyItems(source, line: MarkupTree.line(of: offset, in: bytes))
    }
    switch rootNode.localName.lowercased() {
    case "feed":
      reading = AtomReader.read(tree, root: root, source: source, maxItems: limits.items, tooMany: tooMany)
    case "rdf":
      reading = RSSReader.read(
        tree, root: root, source: source, format: "rdf", maxItems: limits.items, tooMany: tooMany)
    case "rss", "channel":
      reading = RSSReader.read(
        tree, root: root, source: source, format: "rss", maxItems: limits.items, tooMany: tooMany)
    case "html":
      return HTMLPageReader.read(input, source: source, limits: limits)
    default:
      if tree.child(root, "channel", in: Namespaces.rssCore) != nil {
        reading = RSSReader.read(
          tree, root: root, source: source, format: "rss", maxItems: limits.items, tooMany: tooMany)
      } else if tree.child(root, "entry", in: Namespaces.atomCore) != nil {
        reading = AtomReader.read(tree, root: root, source: source, maxItems: limits.items, tooMany: tooMany)
      } else {
        return InputReading(
          format: "",
          error: error
            ?? InputError(
              source: source, line: MarkupTree.line(of: rootNode.offset, in: bytes),
              problem: "root element <\(rootNode.name)> is not RSS, RDF, Atom or HTML"))
      }
    }
    // The item limit is met before the end of what the tree holds: its error comes first.
    reading.error = reading.error ?? error
    return reading
  }
}
