import Archive
import ArgumentParser
import Domain
import Projections
import Report

extension Communique {
  struct Conflicts: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Fields the sources disagree about: the values, who states each, and what settles them.",
      discussion: """
        Lists every conflict of the meetings and the count points: the value that stands, \
        each value held with the documents (short ids) and the correction (seq N) stating it, \
        and whether a correction settles it (with its reason). Only the latest correction of \
        a field is one of its values: one it replaced, or reverted, is history (see blame). \
        --open lists only the conflicts no correction settles.

        Examples:
          communique conflicts --open
          communique conflicts --as-of 2019-12-31 --json
          communique conflicts --csv > conflicts.csv
          communique conflicts --group cifg --since 2019-01-01
        """
    )

    @ParentCommand var root: Communique
    @OptionGroup var options: ReadOptions

    @Flag(help: "Only the conflicts no correction settles.")
    var open = false

    @OptionGroup var narrowing: NarrowingOptions
    @OptionGroup var output: CSVOption
    @OptionGroup var width: WideOption

    func validate() throws { try output.check(json: options.json) }

    func run() throws {
      try options.printView(
        from: root.location, narrowing: narrowing.narrowing,
        json: { view in .object([("conflicts", .array(view.conflictListings(open: open).map(\.json)))]) },
        text: { view in ViewText.conflicts(view.conflictListings(open: open)) },
        csv: output.csv ? { $0.conflictsCSV(open: open) } : nil)
    }
  }
}

extension ViewText {
  /// Each conflict as a line (`cifg-9 chairs = IT,SA,US  settled by seq 168: reason`) and one
  /// line per value held, with who holds it.
  static func conflicts(_ listings: [ConflictListing]) -> String {
    guard !listings.isEmpty else { return "no conflicts" }
    let isolated = Terminal.isolated
    var lines: [String] = []
    for l in listings {
      let c = l.conflict
      let status =
        c.settled.map { "settled by seq \($0.seq): " + isolated($0.reason) }
        ?? Terminal.paint("open", .yellow)
      lines.append(
        Terminal.paint("\(Terminal.safe(l.target)) \(Terminal.safe(c.field))", .bold) + " = "
          + isolated(c.chosen ?? "(not stated)") + "  " + status)
      let rows = c.values.map { v in
        [
          "  " + (v.value ?? "null"),
          v.by.map { $0.hasPrefix("correction:") ? "seq " + $0.dropFirst("correction:".count) : shortID($0) }
            .joined(separator: " "),
        ]
      }
      lines.append(TerminalText.table(rows, isolating: Terminal.isTerminal).joined(separator: "\n"))
    }
    return lines.joined(separator: "\n")
  }

  /// A holder's document id as the tables print it (12 hex digits).
  private static func shortID(_ holder: String) -> String {
    DocumentID(holder)?.short ?? holder
  }
}
