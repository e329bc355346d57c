/// A line diff between two texts, computed with the standard library's `CollectionDifference`
/// and laid out as unified-diff hunks with a few lines of context.
///
/// Revisions of a release usually change a sentence or a date; a line diff of the
/// normalized text (one paragraph a line) shows that without the reader comparing by eye.
public struct TextDiff: Hashable, Sendable {
  /// One line of the edit script: kept, removed from the old text, or added in the new.
  public enum Line: Hashable, Sendable {
    /// A line both texts have.
    case kept(String)
    /// A line only the old text has.
    case removed(String)
    /// A line only the new text has.
    case added(String)

    /// The line as a unified diff prints it: `' '`, `-` or `+`, then the text.
    public var unified: String {
      switch self {
      case .kept(let text): " " + text
      case .removed(let text): "-" + text
      case .added(let text): "+" + text
      }
    }
  }

  /// A run of changes with its context, placed in both texts.
  public struct Hunk: Hashable, Sendable {
    /// The first old line the hunk covers, from 1 (0 when it covers none and starts the text).
    public var oldStart: Int
    /// How many old lines it covers.
    public var oldCount: Int
    /// The first new line it covers, from 1 (0 when it covers none and starts the text).
    public var newStart: Int
    /// How many new lines it covers.
    public var newCount: Int
    /// The lines, context and changes, in order.
    public var lines: [Line]

    /// `@@ -oldStart,oldCount +newStart,newCount @@`, as `diff -u` heads a hunk.
    public var header: String { "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@" }
  }

  /// The lines only the old text has, in order.
  public var removed: [String]
  /// The lines only the new text has, in order.
  public var added: [String]
  /// The changes grouped with their context.
  public var hunks: [Hunk]

  /// Whether the two texts have the same lines.
  public var isEmpty: Bool { removed.isEmpty && added.isEmpty }

  /// The hunks as `diff -u` prints them, header lines included.
  public var unified: [String] { hunks.flatMap { [$0.header] + $0.lines.map(\.unified) } }

  /// Diffs `old` against `new` line by line, keeping `context` unchanged lines around each change.
  public init(from old: String, to new: String, context: Int = 2) {
    let a = TextDiff.lines(of: old)
    let b = TextDiff.lines(of: new)
    let difference = b.difference(from: a)
    var removedOffsets = Set<Int>()
    var insertedOffsets = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removedOffsets.insert(offset)
      case .insert(let offset, _, _): insertedOffsets.insert(offset)
      }
    }
    // The edit script: the lines not removed from `a` are, in order, the lines not
    // inserted into `b`, so walking both with the two offset sets interleaves them.
    var script: [(line: Line, old: Int, new: Int)] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count, removedOffsets.contains(i) {
        script.append((.removed(a[i]), i, j))
        i += 1
      } else if j < b.count, insertedOffsets.contains(j) {
        script.append((.added(b[j]), i, j))
        j += 1
      } else if i < a.count, j < b.count {
        script.append((.kept(a[i]), i, j))
        i += 1
        j += 1
      } else {
        break  // Unreachable for a difference of these two arrays; never loop forever.
      }
    }
    removed = difference.removals.map { if case .remove(_, let line, _) = $0 { line } else { "" } }
    added = difference.insertions.map { if case .insert(_, let line, _) = $0 { line } else { "" } }
    hunks = TextDiff.hunks(script, context: max(0, context))
  }

  /// Splits a text into lines on `\n` (the stored text's only line end); a final newline
  /// does not make an empty last line.
  static func lines(of text: String) -> [String] {
    guard !text.isEmpty else { return [] }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  /// Groups an edit script into hunks: each change with `context` lines either side,
  /// runs closer than twice the context merged.
  private static func hunks(_ script: [(line: Line, old: Int, new: Int)], context: Int) -> [Hunk] {
    let changed = script.indices.filter {
      if case .kept = script[$0].line { return false }
      return true
    }
    guard let first = changed.first else { return [] }
    var ranges: [ClosedRange<Int>] = []
    var lower = first
    var upper = first
    for index in changed.dropFirst() {
      if index - upper > 2 * context + 1 {
        ranges.append(lower...upper)
        lower = index
      }
      upper = index
    }
    ranges.append(lower...upper)
    return ranges.map { range in
      let start = max(0, range.lowerBound - context)
      let end = min(script.count - 1, range.upperBound + context)
      let slice = script[start...end]
      let oldCount = slice.count { if case .added = $0.line { false } else { true } }
      let newCount = slice.count { if case .removed = $0.line { false } else { true } }
      let head = script[start]
      return Hunk(
        oldStart: oldCount == 0 ? head.old : head.old + 1, oldCount: oldCount,
        newStart: newCount == 0 ? head.new : head.new + 1, newCount: newCount,
        lines: slice.map(\.line))
    }
  }
}
