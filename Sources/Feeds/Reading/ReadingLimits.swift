/// How much of one input the readers take in. Past a limit the reading stops with an error that
/// names it; the items read before it are kept, as when an input breaks.
///
/// Memory grows with the markup tree (about 250 bytes an element or text) and with each item
/// read, extracted and appended (a few KB each, whatever its size), so the input's byte limit
/// alone does not bound it: a 32 MB feed of a million tiny items took 3.9 GB.
public struct ReadingLimits: Sendable, Hashable {
  /// Items (RSS items, Atom entries) read from one input.
  public var items: Int
  /// Elements and runs of text in one input's markup tree.
  public var markupNodes: Int

  /// Creates limits.
  public init(items: Int, markupNodes: Int) {
    self.items = items
    self.markupNodes = markupNodes
  }

  /// 50,000 items and 1,000,000 nodes: a real feed of 32 MB holds about 20,000 items and
  /// 400,000 nodes (docs/RELIABILITY.md, "Hostile input").
  public static let standard = ReadingLimits(items: 50_000, markupNodes: 1_000_000)

  /// The error for an input with more items than ``items``.
  func tooManyItems(_ source: String, line: Int?) -> InputError {
    InputError(
      source: source, line: line,
      problem: "more than \(items) items, the limit per input; the first \(items) were read; split it")
  }

  /// The problem of markup with more elements and texts than ``markupNodes``.
  var tooManyNodes: String {
    "more than \(markupNodes) elements and texts, the limit per input; read up to here; split it"
  }
}
