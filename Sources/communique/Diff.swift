import Archive
import ArgumentParser

extension Communique {
  struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "What changed between two states of the archive.",
      discussion: """
        A state is head, seq:N, date:YYYY-MM-DD, known:TIMESTAMP, or a date and a \
        transaction time joined by + (date:2019-12-31+seq:40). Prints meetings added (+), \
        removed (-) and changed field by field (~), count points, and theme counts.

        Examples:
          communique diff seq:3 head
          communique diff date:2019-12-31 date:2020-12-31 --json
        """
    )

    @ParentCommand var root: Communique

    @Argument(help: "The earlier state.")
    var from: String

    @Argument(help: "The later state.")
    var to: String

    @Flag(help: "Print one JSON document on stdout.")
    var json = false

    func validate() throws {
      for spec in [from, to] where StateSpec(spec) == nil {
        throw ValidationError(
          "\(spec) is not a state: use head, seq:N, date:YYYY-MM-DD, known:TIMESTAMP, or two joined by +")
      }
    }

    func run() throws {
      let archive = try root.location.open(readOnly: true)
      let a = StateSpec(from) ?? StateSpec()
      let b = StateSpec(to) ?? StateSpec()
      let diff = try Archive.run { () throws(ArchiveError) in try archive.diff(a, b) }
      if json { return Terminal.print(json: diff.json(from: a.description, to: b.description)) }
      Terminal.line("\(a) → \(b)")
      for line in ViewText.diff(diff) { Terminal.line(line) }
    }
  }
}
